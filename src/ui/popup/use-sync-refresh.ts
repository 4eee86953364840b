/**
 * Follows syncs while the popup is open: asks for the state again whenever the worker says something changed (a
 * sync started here or elsewhere, its progress, its result), and returns a key that changes when a sync has landed.
 */
import { useEffect } from 'preact/hooks';
import type { PopupState } from '../../messages';
import { onVaultChanged, send } from '../client';

export function useSyncRefresh(state: PopupState, onState: (state: PopupState) => void): string {
  useEffect(() => onVaultChanged(() => void send('getPopupState', {}).then(onState, () => undefined)), [onState]);
  return state.sources.map((source) => source.lastSyncAt ?? '').join('|');
}
