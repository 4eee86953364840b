/** The options page against the real worker: rendering, the add-server form's checks, host access, a11y, locale. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { seriousViolations } from './axe';
import { launchExtension, type ExtensionSession } from './harness';

describe('the options page', () => {
  let ext: ExtensionSession;
  beforeAll(async () => {
    ext = await launchExtension();
  });
  afterAll(async () => {
    await ext?.close();
  });

  async function options(scheme: 'light' | 'dark' = 'light'): Promise<Page> {
    const page = await ext.context.newPage();
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(`${ext.origin}src/ui/options/index.html`);
    await page.getByRole('heading', { name: 'Servers' }).waitFor();
    return page;
  }

  it('shows the passphrase, servers, preferences and import/export sections', async () => {
    const page = await options();
    for (const name of ['Unlock passphrase', 'Servers', 'Preferences', 'Import and export']) {
      expect(await page.getByRole('heading', { name, level: 2 }).count()).toBe(1);
    }
    expect(await page.getByText('No server yet.').count()).toBe(1);
  });

  it('checks the add-server form before sending anything and focuses the first problem', async () => {
    const page = await options();
    await page.getByRole('button', { name: 'Add server' }).click();
    await expect.poll(() => page.getByLabel('Name', { exact: true }).evaluate((el) => el === document.activeElement)).toBe(true);
    await page.getByRole('button', { name: 'Save server' }).click();
    expect(await page.getByLabel('Name', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Server address (base URL)').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('User name', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByText('Required.').count()).toBe(4);
    await page.getByLabel('Name', { exact: true }).fill('Company');
    await page.getByLabel('Server address (base URL)').fill('ftp://tpm.example.com');
    await page.getByRole('button', { name: 'Save server' }).click();
    expect(await page.getByText('Enter a full address starting with https:// or http://.').count()).toBe(1);
    await page.getByLabel('Server address (base URL)').fill('http://tpm.example.com');
    expect(await page.getByText(/plain http sends your credentials unencrypted/).count()).toBe(1);
    await page.getByLabel('API keys (HMAC)').check();
    expect(await page.getByLabel('Public key').count()).toBe(1);
    expect(await page.getByLabel('Private key').count()).toBe(1);
    await page.getByLabel('sysPass').check();
    expect(await page.getByLabel('API token').count()).toBe(1);
    expect(await page.getByLabel('Token password').count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("asks for host access to the server's origin only, on the click, and explains a refusal", async () => {
    const page = await options();
    // Chromium grants a command-line-loaded extension its optional hosts up front, and automation cannot answer
    // the prompt: pretend there is no access yet and answer the prompt with "no".
    await page.evaluate(() => {
      chrome.permissions.contains = ((_: unknown, callback?: (has: boolean) => void) =>
        callback ? void callback(false) : Promise.resolve(false)) as typeof chrome.permissions.contains;
      const asked: unknown[] = ((window as unknown as { __asked: unknown[] }).__asked = []);
      chrome.permissions.request = ((request: unknown, callback?: (granted: boolean) => void) => {
        asked.push(request);
        if (callback) return void callback(false);
        return Promise.resolve(false);
      }) as typeof chrome.permissions.request;
    });
    await page.getByRole('button', { name: 'Add server' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Local TPM');
    await page.getByLabel('Server address (base URL)').fill('http://127.0.0.1:8123/tpm/');
    await page.getByLabel('User name', { exact: true }).fill('alice');
    await page.getByLabel('Password', { exact: true }).fill('secret');
    await page.getByRole('button', { name: 'Test connection' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Access to http://127.0.0.1/* was not granted');
    expect(await page.evaluate(() => (window as unknown as { __asked: unknown[] }).__asked)).toEqual([{ origins: ['http://127.0.0.1/*'] }]);
  });

  it('rejects a file that is not a settings file', async () => {
    const page = await options();
    await page.locator('input[type=file]').setInputFiles({ name: 'x.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"other"}') });
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('This is not a settings file of this extension.');
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`has no serious accessibility violation (${scheme})`, async () => {
      const page = await options(scheme);
      await page.getByRole('button', { name: 'Add server' }).click();
      expect(await seriousViolations(page)).toEqual([]);
    });
  }

  it('moves focus visibly with the keyboard', async () => {
    const page = await options();
    await page.keyboard.press('Tab');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).toBe('solid');
  });
});

describe('the pages in German', () => {
  let ext: ExtensionSession;
  beforeAll(async () => {
    ext = await launchExtension({ extraArgs: ['--lang=de'] });
  });
  afterAll(async () => {
    await ext?.close();
  });

  it('shows the options and the popup in German', async () => {
    const page = await ext.openOptions();
    await expect.poll(() => page.getByRole('heading', { name: 'Einstellungen', level: 1 }).count()).toBe(1);
    await expect.poll(() => page.getByRole('button', { name: 'Server hinzufügen' }).count()).toBe(1);
    const popup = await ext.openPopup('?tab=1');
    await expect.poll(() => popup.getByRole('heading', { name: 'Kein Server eingerichtet' }).count()).toBe(1);
  });
});
