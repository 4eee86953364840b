/** Which tab the popup acts on: `?tab=<id>` when opened as a page (tests), else the focused window's active tab. */
import browser from '../../browser';
import type { Tabs } from 'webextension-polyfill';

export async function activeTabId(): Promise<number | undefined> {
  const param = tabParam();
  return param === null ? (await queryActiveTab())?.id : param;
}

/** The tab itself, in one call (its URL only when the browser shows it to us: activeTab or host access). */
export async function activeTab(): Promise<Tabs.Tab | undefined> {
  const param = tabParam();
  if (param === null) return queryActiveTab();
  return param === undefined ? undefined : browser.tabs.get(param).catch((): Tabs.Tab => ({ id: param }) as Tabs.Tab);
}

/** The popup was opened as a page in a tab (tests, or "open in tab"): closing the window would close that tab. */
export function openedAsPage(): boolean {
  return new URLSearchParams(location.search).has('tab');
}

/** `?tab=<id>`: the id, undefined when malformed; null without the parameter. */
function tabParam(): number | undefined | null {
  const param = new URLSearchParams(location.search).get('tab');
  if (param === null) return null;
  return /^\d+$/.test(param) ? Number(param) : undefined;
}

async function queryActiveTab(): Promise<Tabs.Tab | undefined> {
  const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true, windowType: 'normal' });
  return tab;
}
