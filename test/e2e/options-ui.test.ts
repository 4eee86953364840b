/** The settings page against the real worker: its sections and navigation, the add-server checks, host access, a11y, locale. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { seriousViolations } from './axe';
import { launchExtension, type ExtensionSession } from './harness';
import { answerHostPrompts, askedOrigins } from './host-access';

const sections = ['Servers', 'Autofill', 'Generator', 'Security', 'Import and export', 'Diagnostics', 'About'];

describe('the settings page', () => {
  let ext: ExtensionSession;
  beforeAll(async () => {
    ext = await launchExtension();
  });
  afterAll(async () => {
    await ext?.close();
  });

  async function options(scheme: 'light' | 'dark' = 'light', hash = ''): Promise<Page> {
    const page = await ext.context.newPage();
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(`${ext.origin}src/ui/options/index.html${hash}`);
    await page.getByRole('heading', { level: 2 }).first().waitFor();
    return page;
  }
  const nav = (page: Page) => page.getByRole('navigation', { name: 'Settings sections' });

  it('has a section for each kind of setting, one shown at a time, reached by keyboard from its navigation', async () => {
    const page = await options();
    expect(await nav(page).getByRole('link').allInnerTexts()).toEqual(sections);
    expect(await nav(page).getByRole('link', { name: 'Servers' }).getAttribute('aria-current')).toBe('page');
    expect(await page.getByText('No server yet.').count()).toBe(1);
    // Without a passphrase the page invites to the setup assistant.
    expect(await page.getByRole('link', { name: 'Start the setup' }).getAttribute('href')).toMatch(/src\/ui\/welcome\/index\.html$/);
    for (const name of sections) {
      await nav(page).getByRole('link', { name }).focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => page.getByRole('heading', { level: 2 }).first().innerText()).toBe(name);
      // The keyboard lands on the section's heading, so the next Tab goes into the section.
      await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H2');
      expect(await nav(page).getByRole('link', { name }).getAttribute('aria-current')).toBe('page');
      expect(await page.getByRole('region', { name }).count()).toBe(1);
    }
    // A section has its own address: a link or a reload opens it.
    expect(new URL(page.url()).hash).toBe('#about');
    await page.reload();
    await expect.poll(() => page.getByRole('heading', { level: 2 }).first().innerText()).toBe('About');
  });

  it('has no serious accessibility violation in any section, light or dark', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      const page = await options(scheme);
      for (const name of sections) {
        await nav(page).getByRole('link', { name }).click();
        await expect.poll(() => page.getByRole('heading', { level: 2 }).first().innerText()).toBe(name);
        expect({ scheme, name, violations: await seriousViolations(page) }).toEqual({ scheme, name, violations: [] });
      }
      await page.close();
    }
  });

  it('moves focus visibly with the keyboard', async () => {
    const page = await options();
    await page.keyboard.press('Tab');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).toBe('solid');
  });

  it('rejects a file that is not a settings file', async () => {
    const page = await options('light', '#transfer');
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: 'x.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"other"}') });
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('This is not a settings file of this extension.');
  });
});

describe('adding a server in the settings', () => {
  let ext: ExtensionSession;
  beforeAll(async () => {
    ext = await launchExtension();
    const page = await ext.openOptions();
    await page.evaluate(() => chrome.runtime.sendMessage({ kind: 'setPassphrase', body: { passphrase: 'correct horse battery staple' } }));
    await page.close();
  });
  afterAll(async () => {
    await ext?.close();
  });

  it('checks the address before sending anything, and asks for host access to that origin only, on the click', async () => {
    const page = await ext.openOptions();
    await page.getByRole('button', { name: 'Add server' }).click();
    const address = page.getByLabel('Server address', { exact: true });
    await expect.poll(() => address.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.getByRole('button', { name: 'Continue' }).click();
    expect(await address.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByText("Enter your server's address.").count()).toBe(1);
    await address.fill('ftp://tpm.example.com');
    await page.getByRole('button', { name: 'Continue' }).click();
    expect(await page.getByText('Enter a full address starting with https:// or http://.').count()).toBe(1);
    await address.fill('http://tpm.example.com');
    expect(await page.getByText(/plain http sends your credentials unencrypted/).count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    // Automation cannot answer the browser's prompt: this one says "no".
    await answerHostPrompts(page, false);
    await address.fill('http://127.0.0.1:8123/tpm/index.php/pwd/view/3');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => page.getByRole('alert').innerText()).toContain('Access to http://127.0.0.1/* was not granted');
    expect(await askedOrigins(page)).toEqual([{ origins: ['http://127.0.0.1/*'] }]);
  });
});

describe('settings save as they are made', () => {
  let ext: ExtensionSession;
  beforeAll(async () => {
    ext = await launchExtension();
  });
  afterAll(async () => {
    await ext?.close();
  });
  const stored = (page: Page) => page.evaluate(async () => (await chrome.runtime.sendMessage({ kind: 'getSettings', body: {} })).value);

  it('saves a change by itself, says so, and undoes it', async () => {
    const page = await ext.openOptions();
    await page.getByRole('link', { name: 'Generator' }).click();
    const length = page.getByLabel('Length');
    expect(await length.inputValue()).toBe('20');
    await length.fill('32');
    await page.getByLabel('Symbols').uncheck();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Saved.' }).count()).toBe(1);
    expect((await stored(page)).generator).toMatchObject({ length: 32, symbols: false });
    expect(await page.getByRole('button', { name: /^Save/ }).count()).toBe(0); // no Save button to forget
    // Both changes of the burst go back with one Undo.
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Change undone.' }).count()).toBe(1);
    expect(await length.inputValue()).toBe('20');
    expect(await page.getByLabel('Symbols').isChecked()).toBe(true);
    expect((await stored(page)).generator).toMatchObject({ length: 20, symbols: true });
  });

  it('does not save a number out of range, and says which are allowed', async () => {
    const page = await ext.openOptions();
    await page.getByRole('link', { name: 'Security' }).click();
    const lock = page.getByLabel('Lock after this many idle minutes');
    await lock.fill('5000');
    expect(await lock.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByText('Enter a whole number from 0 to 1440.').count()).toBe(1);
    // Nothing to wait for: a value out of range is never saved; autosave would have written it 400 ms after the edit.
    await page.waitForTimeout(800);
    expect((await stored(page)).autoLockMinutes).toBe(15);
    await lock.fill('45');
    await expect.poll(async () => (await stored(page)).autoLockMinutes).toBe(45);
    await page.reload();
    expect(await page.getByLabel('Lock after this many idle minutes').inputValue()).toBe('45');
  });
});

describe('the pages in German', () => {
  let ext: ExtensionSession;
  beforeAll(async () => {
    ext = await launchExtension({ extraArgs: ['--lang=de'], keepWelcome: true });
  });
  afterAll(async () => {
    await ext?.close();
  });

  it('shows the welcome page, the settings and the popup in German, and names the page language', async () => {
    const welcome = ext.welcomePage!;
    await expect.poll(() => welcome.getByRole('heading', { name: 'Entsperr-Passphrase wählen' }).count()).toBe(1);
    expect(await welcome.evaluate(() => [document.documentElement.lang, document.title])).toEqual(['de', 'Willkommen']);
    const page = await ext.openOptions();
    await expect.poll(() => page.getByRole('heading', { name: 'Einstellungen', level: 1 }).count()).toBe(1);
    await expect.poll(() => page.getByRole('link', { name: 'Sicherheit' }).count()).toBe(1);
    const popup = await ext.openPopup('?tab=1');
    await expect.poll(() => popup.getByRole('heading', { name: 'Kein Server eingerichtet' }).count()).toBe(1);
    expect(await popup.getByRole('link', { name: 'Einrichten' }).count()).toBe(1);
  });
});
