import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchExtension, type ExtensionSession } from './harness';

describe('the built extension in Chromium', () => {
  let ext: ExtensionSession;
  beforeAll(async () => {
    ext = await launchExtension();
  });
  afterAll(async () => {
    await ext?.close();
  });

  it('runs its service worker', async () => {
    expect(ext.extensionId).toMatch(/^[a-p]{32}$/);
    expect(ext.worker.url()).toBe(`${ext.origin}service-worker-loader.js`);
    const manifest = await ext.inWorker(() => chrome.runtime.getManifest(), undefined);
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.name).toBe('Passwords for Team Password Manager and sysPass');
  });

  it('gets both keyboard shortcuts in a fresh profile (Chromium drops a suggested key it keeps for itself)', async () => {
    const commands = await ext.inWorker(() => chrome.commands.getAll(), undefined);
    const shortcut = (name: string) => commands.find((c) => c.name === name)?.shortcut;
    expect(shortcut('fill-best-match')).toBe('Ctrl+Shift+U');
    expect(shortcut('open-inline-menu')).toBe('Alt+Shift+L');
  });

  it('shows "No server configured" in the popup, with the way to the setup assistant and to the settings', async () => {
    // Opened as a page (?tab=), the popup stays open after a link opens its tab: both links can be followed.
    const popup = await ext.openPopup('?tab=1');
    await expect.poll(() => popup.getByRole('heading', { name: 'No server configured' }).count()).toBe(1);
    const [welcome] = await Promise.all([ext.context.waitForEvent('page'), popup.getByRole('link', { name: 'Set up' }).click()]);
    await welcome.waitForLoadState();
    expect(welcome.url()).toBe(`${ext.origin}src/ui/welcome/index.html`);
    await expect.poll(() => welcome.getByRole('heading', { name: 'Choose an unlock passphrase' }).count()).toBe(1);
    const [options] = await Promise.all([ext.context.waitForEvent('page'), popup.getByRole('link', { name: 'Open settings' }).click()]);
    await options.waitForLoadState();
    expect(options.url()).toBe(`${ext.origin}src/ui/options/index.html`);
    await expect.poll(() => options.getByRole('heading', { name: 'Settings', level: 1 }).count()).toBe(1);
    await expect.poll(() => options.getByRole('heading', { name: 'Servers' }).count()).toBe(1);
  });

  it('rejects unknown and malformed messages from its own pages', async () => {
    const page = await ext.openOptions();
    const replies = await page.evaluate(async () => [
      await chrome.runtime.sendMessage({ kind: 'deleteEverything', body: {} }),
      await chrome.runtime.sendMessage({ kind: 'getPopupState', body: { extra: 1 } }),
      await chrome.runtime.sendMessage('getPopupState'),
      await chrome.runtime.sendMessage({ kind: 'getPopupState', body: {} }),
    ]);
    expect(replies[0]).toMatchObject({ ok: false, code: 'bad_message' });
    expect(replies[1]).toMatchObject({ ok: false, code: 'bad_message' });
    expect(replies[2]).toMatchObject({ ok: false, code: 'bad_message' });
    expect(replies[3]).toMatchObject({ ok: true, value: { configured: false, locked: false } });
  });

  it('refuses content-script requests that come from an extension page', async () => {
    const page = await ext.openOptions();
    const reply = await page.evaluate(() => chrome.runtime.sendMessage({ kind: 'loginFormDetected', body: { roles: ['password'] } }));
    expect(reply).toMatchObject({ ok: false, code: 'denied' });
  });
});
