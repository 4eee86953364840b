/**
 * Keyboard commands ("fill the best match", "open the inline menu"). The worker cannot tell which frame has
 * focus, so it broadcasts a one-time nonce to the tab; the focused frame answers with `commandFrame`, which
 * tells the worker (through `sender`) exactly which frame and URL to serve.
 */
import browser from '../../browser';
import type { ToContent } from '../../messages';
import * as store from './records';

export type AutofillCommand = 'fill-best-match' | 'open-inline-menu';

/** Runs a command in a tab (the active one when omitted). Exported for tests, which cannot press shortcuts. */
export async function runAutofillCommand(cmd: AutofillCommand, tabId?: number): Promise<void> {
  const tab = tabId ?? (await browser.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id;
  if (tab === undefined) return;
  const nonce = store.newId();
  await store.put('nonce', nonce, { tabId: tab, cmd });
  const message: ToContent = { t: 'cmd', cmd, nonce };
  await browser.tabs.sendMessage(tab, message).catch(() => undefined);
}

browser.commands.onCommand.addListener((command, tab) => {
  if (command === 'fill-best-match' || command === 'open-inline-menu') void runAutofillCommand(command, tab?.id);
});
