/** Which tab the popup acts on: `?tab=<id>` when opened as a page (tests), else the focused window's active tab. */
import browser from 'webextension-polyfill';

export async function activeTabId(): Promise<number | undefined> {
  const param = new URLSearchParams(location.search).get('tab');
  if (param !== null) return /^\d+$/.test(param) ? Number(param) : undefined;
  const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true, windowType: 'normal' });
  return tab?.id;
}

/** The popup was opened as a page in a tab (tests, or "open in tab"): closing the window would close that tab. */
export function openedAsPage(): boolean {
  return new URLSearchParams(location.search).has('tab');
}
