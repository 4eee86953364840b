/**
 * The popup's side of the stored first screen (see docs/first-screen.md): reads the head and this tab's record from
 * `storage.session` as soon as the popup's code runs, so its first frame does not wait for a stopped worker to start
 * and decrypt the cache. The worker's answers still come, after the first frame, and replace it.
 */
import browser from '../browser';
import type { EntrySummary, FirstScreen, PopupState } from '../messages';
import type { MatchStrategy } from '../vault/match';
import { activeTab } from '../ui/popup/active-tab';
import { FIRST_SCREEN_LIMIT, HEAD_KEY, TABS_KEY, firstScreenOf, unpackHead, unpackTabRecord } from './records';
import { TAB_URLS_KEY, urlOf } from './tab-urls';

export interface StoredFirstScreen {
  state: PopupState;
  tabId: number | undefined;
  screen: FirstScreen;
}

/** Read once, as soon as the popup's entry runs; undefined when locked, not written yet, or not usable for this page. */
export const storedFirstScreen: Promise<StoredFirstScreen | undefined> = readStoredFirstScreen().catch(() => undefined);

async function readStoredFirstScreen(): Promise<StoredFirstScreen | undefined> {
  // Two calls to the browser at once: which tab, and everything stored that may be needed for it.
  const [tab, stored] = await Promise.all([activeTab(), browser.storage.session.get([HEAD_KEY, TAB_URLS_KEY, TABS_KEY])]);
  const tabId = tab?.id;
  const head = unpackHead(stored[HEAD_KEY]);
  if (!head || head.state.locked) return undefined;
  const url = urlOf(tab, stored[TAB_URLS_KEY]);
  // Only http(s) pages have entries: a new tab or a browser page needs no record. A page without a tab record (no
  // login form reported on it) is matched against the site records.
  const site =
    !url || !/^https?:/i.test(url)
      ? []
      : (unpackTabRecord(stored[TABS_KEY], tabId, head.stamp, url) ?? (await storedSiteMatches(url, head.sites, head.defaultStrategy)));
  if (!site) return undefined;
  return { state: head.state, tabId, screen: firstScreenOf(site.slice(0, FIRST_SCREEN_LIMIT), head, url) };
}

/**
 * A page without a tab record: the matcher and the Public Suffix List are loaded now, to match the site records.
 * Undefined when these were too big to keep (the popup then waits for the worker).
 */
async function storedSiteMatches(
  url: string,
  generation: string | null,
  defaultStrategy: MatchStrategy,
): Promise<EntrySummary[] | undefined> {
  if (generation === null) return undefined;
  return (await import('./match-site-records')).matchSiteRecords(url, generation, defaultStrategy);
}

/** Resolves after the next frame was painted: requests to a stopped worker wait for it, not to slow the first one. */
export function afterPaint(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
}
