/**
 * Follows syncs while the popup is open: polls the state while a sync runs (and once shortly after opening,
 * to catch the refresh the worker starts then), and returns a key that changes when a sync has landed.
 */
import { useEffect } from 'preact/hooks';
import type { PopupState } from '../../messages';
import { send } from '../client';

const pollMs = 700;

export function useSyncRefresh(state: PopupState, onState: (state: PopupState) => void): string {
  const syncing = state.sources.some((source) => source.progress);
  useEffect(() => {
    const poll = () => send('getPopupState', {}).then(onState, () => undefined);
    const timer = syncing ? setInterval(poll, pollMs) : setTimeout(poll, 1500);
    return () => (syncing ? clearInterval(timer) : clearTimeout(timer));
  }, [syncing, onState]);
  return state.sources.map((source) => source.lastSyncAt ?? '').join('|');
}
