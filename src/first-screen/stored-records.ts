/**
 * Reads what the worker keeps of the popup's first screen in `storage.session` (see `first-screen-store.ts`): the
 * head, and this tab's record (its page's entries, matched by the worker). Started first when the popup's code runs,
 * before the rest of it is evaluated.
 */
import browser from '../browser';
import { HEAD_KEY, TABS_KEY, unpackHead, unpackTabRecord, type FirstScreenHead } from './records';
import type { EntrySummary } from '../messages';
import { TAB_URLS_KEY, urlOf } from './tab-urls';
import { activeTab } from '../ui/popup/active-tab';

export interface StoredRecords {
  head: FirstScreenHead;
  tabId: number | undefined;
  /** The active page, when the browser lets us see it (or its detector reported it). */
  url: string | undefined;
  /** The page's entries from the tab record; undefined when there is none for this page (then match the site records). */
  site: EntrySummary[] | undefined;
}

/** Read once, as soon as the popup's entry runs; undefined when locked or not written yet. */
export const storedRecords: Promise<StoredRecords | undefined> = readStoredRecords().catch(() => undefined);

async function readStoredRecords(): Promise<StoredRecords | undefined> {
  // Two calls to the browser at once: which tab, and everything stored that may be needed for it.
  const [tab, stored] = await Promise.all([activeTab(), browser.storage.session.get([HEAD_KEY, TAB_URLS_KEY, TABS_KEY])]);
  const tabId = tab?.id;
  const head = unpackHead(stored[HEAD_KEY]);
  if (!head || head.state.locked) return undefined;
  const url = urlOf(tab, stored[TAB_URLS_KEY]);
  // Only http(s) pages have entries: a new tab or a browser page needs no record.
  const site = url && /^https?:/i.test(url) ? unpackTabRecord(stored[TABS_KEY], tabId, head.stamp, url) : [];
  return { head, tabId, url, site };
}
