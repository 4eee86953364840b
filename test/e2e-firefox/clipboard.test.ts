/**
 * The clipboard clear in Firefox, where no offscreen document exists and the background page is unloaded when
 * idle (after 30 s by default; 3 s here, through `extensions.background.idle.timeout`, so the unload comes well
 * before the clear is due). The clear must still come: the alarm wakes the page for it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { servePages, type PageServer } from '../e2e/harness';
import { configureServers } from '../demo/configure';
import { startSyspassSim, type SyspassSim } from '../sim/syspass/server';
import { startTpmSim, type TpmSim } from '../sim/tpm/server';
import { launchFirefox, type FirefoxSession } from './harness';
import { until } from './page-helpers';

const CLEAR_AFTER_S = 12;

describe('the clipboard clear in Firefox', () => {
  let ff: FirefoxSession;
  let tpm: TpmSim;
  let syspass: SyspassSim;
  let pages: PageServer;
  let reader: Page;

  beforeAll(async () => {
    [tpm, syspass, pages] = await Promise.all([startTpmSim({ entries: 20 }), startSyspassSim({ accounts: 5 }), servePages()]);
    ff = await launchFirefox({ prefs: { 'extensions.background.idle.timeout': 3000 } });
    await configureServers(ff.ask, { tpm, syspass });
    const settings = (await ff.ask('getSettings', {})).value;
    expect(await ff.ask('saveSettings', { settings: { ...settings, clipboardClearSeconds: CLEAR_AFTER_S } })).toMatchObject({ ok: true });
    // A page on 127.0.0.1 (a secure context) reads the clipboard, as the user's next paste would.
    reader = await ff.open(`${pages.url}/no-form.html`);
  });
  afterAll(async () => {
    await ff?.close();
    await Promise.all([tpm?.close(), syspass?.close(), pages?.close()]);
  });

  const clipboard = () => reader.evaluate(() => navigator.clipboard.readText());
  /** Whether the background page whose window our options page holds (`__bg`) has been unloaded. */
  const unloaded = () =>
    ff.ours.evaluate(() => {
      try {
        return (window as never as { __bg: Window }).__bg.closed;
      } catch {
        return true; // a dead object: the page is gone
      }
    });

  it('clears a copied password after the delay although Firefox unloaded the background page meanwhile', async () => {
    const popup = await ff.openExtensionPage('src/ui/popup/index.html');
    await popup.type('[role=combobox]', 'GitHub organisation owner');
    await popup.waitForSelector('[role=option]');
    await popup.keyboard.down('Control');
    await popup.keyboard.press('c');
    await popup.keyboard.up('Control');
    const copiedAt = Date.now();
    await until(clipboard, (text) => text !== '', 'the copied password', 5000);
    // The background page that scheduled the clear, as our options page sees it; the popup goes, as after a copy.
    await ff.ours.evaluate(async () => void ((window as never as { __bg?: Window }).__bg = await chrome.runtime.getBackgroundPage()));
    await popup.close();

    await until(unloaded, (gone) => gone, 'the background page to unload', CLEAR_AFTER_S * 1000 - 2000);
    expect(Date.now() - copiedAt).toBeLessThan(CLEAR_AFTER_S * 1000);
    expect(await clipboard()).not.toBe('');

    await until(clipboard, (text) => text === '', 'the clipboard to be cleared', CLEAR_AFTER_S * 1000 + 20_000);
    expect(Date.now() - copiedAt).toBeGreaterThanOrEqual(CLEAR_AFTER_S * 1000 - 100);
  });
});
