/**
 * The URL of a tab, as far as the browser lets us know it: `tabs.get` gives it when the user opened the popup
 * on that tab (activeTab) or we have host access; otherwise the last URL its top frame's detector reported
 * (`sender.url`, set by the browser, not by the page).
 */
import browser from '../browser';
import type { Tabs } from 'webextension-polyfill';

/** Where the top frames' reported URLs are kept, by tab id. */
export const TAB_URLS_KEY = 'tabUrls';

/**
 * Tabs remembered before closed ones are dropped: the popup reads them all on every open, and asking which tabs are
 * open on every report would slow the answer to the page.
 */
const PRUNE_ABOVE = 50;

/** Remembers the top frame's URL of a tab (kept in session storage: lost on browser restart, as it should be). */
export async function rememberTabUrl(tabId: number, url: string): Promise<void> {
  let { [TAB_URLS_KEY]: known = {} } = (await browser.storage.session.get(TAB_URLS_KEY)) as { [TAB_URLS_KEY]?: Record<string, string> };
  known[String(tabId)] = url;
  if (Object.keys(known).length > PRUNE_ABOVE) {
    const open = await openTabIds();
    known = Object.fromEntries(Object.entries(known).filter(([id]) => open.has(id)));
  }
  await browser.storage.session.set({ [TAB_URLS_KEY]: known });
}

/** The ids of the tabs open now, as the keys of stored maps by tab. */
export async function openTabIds(): Promise<Set<string>> {
  return new Set((await browser.tabs.query({})).map((tab) => String(tab.id)));
}

/** The tab's URL, or undefined when the browser does not let us see it. */
export async function tabUrl(tabId: number | undefined): Promise<string | undefined> {
  const tab = await findTab(tabId);
  if (tab?.url || tab?.id === undefined) return tab?.url;
  return urlOf(tab, (await browser.storage.session.get(TAB_URLS_KEY))[TAB_URLS_KEY]);
}

/** The tab with this id, or the active tab of the focused window. */
async function findTab(tabId: number | undefined): Promise<Tabs.Tab | undefined> {
  return tabId === undefined
    ? (await browser.tabs.query({ active: true, lastFocusedWindow: true }))[0]
    : browser.tabs.get(tabId).catch(() => undefined);
}

/** The tab's own URL when the browser shows it, else the one its detector reported (`reported`: the stored {@link TAB_URLS_KEY}). */
export function urlOf(tab: Tabs.Tab | undefined, reported: unknown): string | undefined {
  if (tab?.url) return tab.url;
  if (tab?.id === undefined || typeof reported !== 'object' || reported === null) return undefined;
  const url = (reported as Record<string, unknown>)[String(tab.id)];
  return typeof url === 'string' ? url : undefined;
}
