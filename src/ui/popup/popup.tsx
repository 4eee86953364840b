/** The popup: asks the worker for its state and shows the screen that fits. */
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { PopupState } from '../../messages';
import { send } from '../client';
import { errorText } from '../error-text';
import { t } from '../i18n';
import { StateMessage } from '../state-message';
import { NoServer } from './no-server';
import { PopupMain } from './popup-main';
import { UnlockForm } from './unlock-form';

type View = { kind: 'loading' } | { kind: 'ready'; state: PopupState } | { kind: 'error'; message: string };

export function Popup() {
  const [view, setView] = useState<View>({ kind: 'loading' });
  const load = useCallback(() => {
    send('getPopupState', {}).then(
      (state) => setView({ kind: 'ready', state }),
      (error: unknown) => setView({ kind: 'error', message: errorText(error) }),
    );
  }, []);
  const ready = useCallback((state: PopupState) => setView({ kind: 'ready', state }), []);
  useEffect(load, [load]);

  if (view.kind === 'loading') return <StateMessage title={t('popupLoading')} busy />;
  if (view.kind === 'error') {
    return (
      <StateMessage title={t('popupError')} text={view.message}>
        <button type="button" onClick={load} autoFocus>
          {t('retry')}
        </button>
      </StateMessage>
    );
  }
  if (!view.state.configured) return <NoServer />;
  if (view.state.locked) return <UnlockForm onUnlocked={ready} />;
  return <PopupMain state={view.state} onState={ready} onLocked={load} />;
}
