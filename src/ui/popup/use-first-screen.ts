/** The popup's first screen for the active tab; asked again when a sync lands (`refreshKey`). */
import { useEffect, useState } from 'preact/hooks';
import { FIRST_SCREEN_LIMIT } from '../../first-screen/records';
import type { FirstScreen } from '../../messages';
import { send } from '../client';
import { activeTabId } from './active-tab';
import { afterPaint, storedFirstScreen, type StoredFirstScreen } from '../../first-screen/reader';

export interface FirstScreenState {
  /** `null` until the active tab is known. */
  tabId: number | undefined | null;
  screen?: FirstScreen;
  error?: unknown;
}

/**
 * The worker's first screen, asked for as soon as the popup's script runs, in parallel with its state (a cold
 * worker loads its cache once for both answers), or after the stored first screen was painted. Used by the first
 * render of the list; refreshes ask again.
 */
let prefetch: Promise<{ tabId: number | undefined; screen: FirstScreen }> | undefined = storedFirstScreen.then(async (stored) => {
  if (stored) await afterPaint();
  // The stored screen was read for the active tab: its id needs no second lookup.
  const tabId = stored ? stored.tabId : await activeTabId();
  return { tabId, screen: await send('getFirstScreen', { tabId, limit: FIRST_SCREEN_LIMIT }) };
});
prefetch.catch(() => undefined); // locked or no server yet: the list asks again once it is shown

/** `stored`: the screen read from storage, shown until the worker's answer replaces it. */
export function useFirstScreen(refreshKey: unknown, stored?: StoredFirstScreen): FirstScreenState {
  const [tabId, setTabId] = useState<number | undefined | null>(stored ? stored.tabId : null);
  const [state, setState] = useState<{ screen?: FirstScreen; error?: unknown }>(stored ? { screen: stored.screen } : {});
  const [usedPrefetch] = useState(() => {
    const early = prefetch;
    prefetch = undefined;
    early?.then(
      (got) => (setTabId(got.tabId), setState({ screen: got.screen })),
      () => activeTabId().then(setTabId, () => setTabId(undefined)),
    );
    return early !== undefined;
  });
  useEffect(() => {
    if (!usedPrefetch) activeTabId().then(setTabId, () => setTabId(undefined));
  }, [usedPrefetch]);
  const initialKey = useState(refreshKey)[0];
  useEffect(() => {
    if (tabId === null) return;
    // The prefetched screen stands for the first request; refreshes (a sync landed) ask again.
    if (usedPrefetch && refreshKey === initialKey && state.screen) return;
    let current = true;
    send('getFirstScreen', { tabId, limit: FIRST_SCREEN_LIMIT }).then(
      (screen) => current && setState({ screen }),
      // Keep the previous screen on a failed refresh: the cached list is still worth showing.
      (error: unknown) => current && setState((old) => (old.screen ? old : { error })),
    );
    return () => void (current = false);
  }, [tabId, refreshKey]);
  return { tabId, ...state };
}
