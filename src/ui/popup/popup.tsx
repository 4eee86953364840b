/** The popup: asks the worker for its state and shows the screen that fits. */
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { PopupState } from '../../messages';
import { send } from '../client';
import { errorText } from '../error-text';
import { t } from '../i18n';
import { StateMessage } from '../state-message';
import { NoServer } from './no-server';
import { PopupMain } from './popup-main';
import { afterPaint, type StoredFirstScreen } from '../../first-screen/reader';
import { UnlockForm } from '../forms/unlock-form';

/** `stored` is what the list starts with when the first screen was read from storage (used once, on mount). */
type View = { kind: 'loading' } | { kind: 'ready'; state: PopupState; stored?: StoredFirstScreen } | { kind: 'error'; message: string };

/** `stored`: the first screen read from storage before the first render, shown while the worker is asked. */
export function Popup({ stored }: { stored?: StoredFirstScreen }) {
  const [view, setView] = useState<View>(stored ? { kind: 'ready', state: stored.state, stored } : { kind: 'loading' });
  const load = useCallback(() => {
    send('getPopupState', {}).then(
      (state) => setView({ kind: 'ready', state }),
      (error: unknown) => setView({ kind: 'error', message: errorText(error) }),
    );
  }, []);
  const ready = useCallback((state: PopupState) => setView({ kind: 'ready', state }), []);
  // With a stored first screen, the worker (perhaps stopped, then busy starting) is asked after the first frame.
  useEffect(() => void (stored ? afterPaint().then(load) : load()), [load]);

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
  return <PopupMain state={view.state} stored={view.stored} onState={ready} onLocked={load} />;
}
