/** The popup's first screen for the active tab; asked again when a sync lands (`refreshKey`). */
import { useEffect, useState } from 'preact/hooks';
import type { FirstScreen } from '../../messages';
import { send } from '../client';
import { activeTabId } from './active-tab';

/** Rows the worker sends up front: enough to fill the list without a second request. */
export const firstScreenLimit = 100;

export interface FirstScreenState {
  /** `null` until the active tab is known. */
  tabId: number | undefined | null;
  screen?: FirstScreen;
  error?: unknown;
}

export function useFirstScreen(refreshKey: unknown): FirstScreenState {
  const [tabId, setTabId] = useState<number | undefined | null>(null);
  const [state, setState] = useState<{ screen?: FirstScreen; error?: unknown }>({});
  useEffect(() => {
    activeTabId().then(setTabId, () => setTabId(undefined));
  }, []);
  useEffect(() => {
    if (tabId === null) return;
    let current = true;
    send('getFirstScreen', { tabId, limit: firstScreenLimit }).then(
      (screen) => current && setState({ screen }),
      // Keep the previous screen on a failed refresh: the cached list is still worth showing.
      (error: unknown) => current && setState((old) => (old.screen ? old : { error })),
    );
    return () => void (current = false);
  }, [tabId, refreshKey]);
  return { tabId, ...state };
}
