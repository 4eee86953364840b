/**
 * Reads what the worker keeps of the popup's first screen in `storage.session` (see `first-screen-store.ts`): the
 * head, and this tab's record (its page's entries, matched by the worker). Started by the popup's entry before the
 * rest of its code has loaded, so the reads overlap that load.
 */
import browser from '../../browser';
import { HEAD_KEY, TAB_KEY_PREFIX, unpackHead, unpackTabRecord, type FirstScreenHead } from '../../first-screen-store';
import type { EntrySummary } from '../../messages';
import { TAB_URLS_KEY, urlOf } from '../../tab-urls';
import { activeTab } from './active-tab';

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
  const tab = await activeTab();
  const tabId = tab?.id;
  const tabKey = TAB_KEY_PREFIX + String(tabId);
  const stored = await browser.storage.session.get([HEAD_KEY, TAB_URLS_KEY, tabKey]);
  const head = unpackHead(stored[HEAD_KEY]);
  if (!head || head.state.locked) return undefined;
  const url = urlOf(tab, stored[TAB_URLS_KEY]);
  // Only http(s) pages have entries: a new tab or a browser page needs no record.
  const site = url && /^https?:/i.test(url) ? unpackTabRecord(stored[tabKey], head.stamp, url) : [];
  return { head, tabId, url, site };
}
