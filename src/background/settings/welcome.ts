/** The setup assistant opens by itself once, when the extension is installed (also when IT pushes it). */
import browser from '../../browser';
import { WELCOME_PAGE } from '../../extension-pages';
import type { Runtime } from 'webextension-polyfill';

export async function openWelcomeOnInstall(details: Runtime.OnInstalledDetailsType): Promise<void> {
  if (details.reason !== 'install') return;
  await browser.tabs.create({ url: browser.runtime.getURL(WELCOME_PAGE) });
}
