/**
 * The first screen the worker keeps in `storage.session` (read by `stored-records.ts`), so the popup's first frame
 * does not wait for a stopped worker to start and decrypt the cache. The worker's answers still come, after the
 * first frame, and replace it.
 */
import { FIRST_SCREEN_LIMIT, firstScreenOf } from './records';
import type { EntrySummary, FirstScreen, PopupState } from '../messages';
import type { MatchStrategy } from '../vault/match';
import { storedRecords } from './stored-records';

export interface StoredFirstScreen {
  state: PopupState;
  tabId: number | undefined;
  screen: FirstScreen;
}

export const storedFirstScreen: Promise<StoredFirstScreen | undefined> = storedRecords
  .then(async (stored) => {
    if (!stored) return undefined;
    const { head, url } = stored;
    const site = stored.site ?? (url ? await storedSiteMatches(url, head.sites, head.defaultStrategy) : []);
    if (!site) return undefined;
    return { state: head.state, tabId: stored.tabId, screen: firstScreenOf(site.slice(0, FIRST_SCREEN_LIMIT), head, url) };
  })
  .catch(() => undefined);

/**
 * A page without a tab record (no login form reported on it yet): the matcher and the Public Suffix List are loaded
 * now, to match the site records. Undefined when these were too big to keep.
 */
async function storedSiteMatches(url: string, generation: string | null, defaultStrategy: MatchStrategy): Promise<EntrySummary[] | undefined> {
  if (generation === null) return undefined;
  return (await import('./match-site-records')).matchSiteRecords(url, generation, defaultStrategy);
}

/** Resolves after the next frame was painted: requests to a stopped worker wait for it, not to slow the first one. */
export function afterPaint(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
}
