/** The setup assistant opens by itself once, when the extension is installed (also when IT pushes it). */
import browser from '../browser';
import type { Runtime } from 'webextension-polyfill';

export const WELCOME_PAGE = 'src/ui/welcome/index.html';

export async function openWelcomeOnInstall(details: Runtime.OnInstalledDetailsType): Promise<void> {
  if (details.reason !== 'install') return;
  await browser.tabs.create({ url: browser.runtime.getURL(WELCOME_PAGE) });
}
