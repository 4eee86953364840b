/** The popup: asks the worker for its state and shows the screen that fits. */
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import type { PopupState } from '../../messages';
import { send } from '../client';
import { t } from '../i18n';
import { StateMessage } from '../state-message';

type View = { kind: 'loading' } | { kind: 'ready'; state: PopupState } | { kind: 'error'; message: string };

export function Popup() {
  const [view, setView] = useState<View>({ kind: 'loading' });

  useEffect(() => {
    send('getPopupState', {}).then(
      (state) => setView({ kind: 'ready', state }),
      (error: Error) => setView({ kind: 'error', message: error.message }),
    );
  }, []);

  const openSettings = async (event: Event) => {
    event.preventDefault();
    await browser.runtime.openOptionsPage();
    window.close();
  };

  if (view.kind === 'loading') return <StateMessage title={t('popupLoading')} busy />;
  if (view.kind === 'error') return <StateMessage title={t('popupError')} text={view.message} />;
  if (!view.state.configured) {
    return (
      <StateMessage title={t('popupNoServerTitle')} text={t('popupNoServerText')}>
        <a class="button" href={browser.runtime.getURL('src/ui/options/index.html')} onClick={openSettings} autoFocus>
          {t('openSettings')}
        </a>
      </StateMessage>
    );
  }
  return <StateMessage title={view.state.locked ? t('popupLockedTitle') : t('popupReadyTitle')} />;
}
