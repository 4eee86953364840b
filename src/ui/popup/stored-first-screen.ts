/**
 * The first screen the worker keeps in `storage.session` (see `first-screen-store.ts`), read by the popup itself so
 * its first frame does not wait for a stopped worker to start and decrypt the cache. The site part is matched
 * here with the worker's own matcher, on the few entries filed under the page's lookup keys (a static import: a
 * dynamic one would add Vite's preload helper to the content script's chunks). The worker's answers still come,
 * after the first frame, and replace it.
 */
import browser from 'webextension-polyfill';
import { FIRST_SCREEN_LIMIT, firstScreenOf, HEAD_KEY, SITE_KEY_PREFIX, unpackHead, unpackSiteRecord, type SiteEntry } from '../../first-screen-store';
import type { EntrySummary, FirstScreen, PopupState } from '../../messages';
import { findTab, TAB_URLS_KEY, urlOf } from '../../tab-urls';
import { buildMatchIndex, matchPage, type MatchStrategy } from '../../vault/match';
import { pageLookupKeys } from '../../vault/match-keys';
import { activeTabId } from './active-tab';

export interface StoredFirstScreen {
  state: PopupState;
  tabId: number | undefined;
  screen: FirstScreen;
}

/** Read once, as soon as the popup's script runs. */
export const storedFirstScreen: Promise<StoredFirstScreen | undefined> = readStoredFirstScreen().catch(() => undefined);

/** Resolves after the next frame was painted: requests to a stopped worker wait for it, not to slow the first one. */
export function afterPaint(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
}

/** The stored first screen for the active tab, or undefined when there is none (locked, not written yet, too big). */
async function readStoredFirstScreen(): Promise<StoredFirstScreen | undefined> {
  const tabId = activeTabId();
  const [stored, tab] = await Promise.all([browser.storage.session.get([HEAD_KEY, TAB_URLS_KEY]), tabId.then(findTab)]);
  const head = unpackHead(stored[HEAD_KEY]);
  if (!head || head.sites === null || head.state.locked) return undefined;
  const url = urlOf(tab, stored[TAB_URLS_KEY]);
  const site = url ? await siteEntries(url, head.sites, head.defaultStrategy) : [];
  return { state: head.state, tabId: await tabId, screen: firstScreenOf(site.slice(0, FIRST_SCREEN_LIMIT), head, url) };
}

async function siteEntries(url: string, generation: string, defaultStrategy: MatchStrategy): Promise<EntrySummary[]> {
  const keys = pageLookupKeys(url);
  if (keys.length === 0) return [];
  const records = await browser.storage.session.get(keys.map((key) => SITE_KEY_PREFIX + key));
  const candidates = new Map<string, SiteEntry>();
  for (const record of Object.values(records)) for (const entry of unpackSiteRecord(record, generation) ?? []) candidates.set(entry.summary.id, entry);
  if (candidates.size === 0) return [];
  const matchable = [...candidates.values()].map(({ urls, summary }) => ({ id: summary.id, sourceId: summary.sourceId, urls }));
  return matchPage(buildMatchIndex(matchable, { defaultStrategy }), url).map((match) => candidates.get(match.entryId)!.summary);
}
