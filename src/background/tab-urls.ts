/**
 * The URL of a tab, as far as the browser lets us know it: `tabs.get` gives it when the user opened the popup
 * on that tab (activeTab) or we have host access; otherwise the last URL its top frame's detector reported
 * (`sender.url`, set by the browser, not by the page).
 */
import browser from 'webextension-polyfill';

const KEY = 'tabUrls';

/** Remembers the top frame's URL of a tab (kept in session storage: lost on browser restart, as it should be). */
export async function rememberTabUrl(tabId: number, url: string): Promise<void> {
  const { [KEY]: known = {} } = (await browser.storage.session.get(KEY)) as { [KEY]?: Record<string, string> };
  known[String(tabId)] = url;
  await browser.storage.session.set({ [KEY]: known });
}

export async function forgetTab(tabId: number): Promise<void> {
  const { [KEY]: known } = (await browser.storage.session.get(KEY)) as { [KEY]?: Record<string, string> };
  if (!known || !(String(tabId) in known)) return;
  delete known[String(tabId)];
  await browser.storage.session.set({ [KEY]: known });
}

/** The tab's URL, or undefined when the browser does not let us see it. */
export async function tabUrl(tabId: number | undefined): Promise<string | undefined> {
  const tab = tabId === undefined
    ? (await browser.tabs.query({ active: true, lastFocusedWindow: true }))[0]
    : await browser.tabs.get(tabId).catch(() => undefined);
  if (tab?.url) return tab.url;
  if (tab?.id === undefined) return undefined;
  const { [KEY]: known } = (await browser.storage.session.get(KEY)) as { [KEY]?: Record<string, string> };
  return known?.[String(tab.id)];
}
