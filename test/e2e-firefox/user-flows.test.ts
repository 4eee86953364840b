/**
 * The shipped Firefox build (dist-firefox) in Firefox ESR, against the TPM and sysPass simulators, driven as a user
 * drives it: the settings page (passphrase, servers added address first, then signed in), the first sync, the popup page
 * (list, search, This site, lock and unlock) and a fill from the in-page menu on a login page under a mapped host name.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { servePages, type PageServer } from '../e2e/harness';
import { startSyspassSim, type SyspassSim } from '../sim/syspass/server';
import { DEMO_AUTH_TOKEN, DEMO_TOKEN_PASS } from '../sim/syspass/seed';
import { startTpmSim, type TpmSim } from '../sim/tpm/server';
import { DEMO_USERS } from '../sim/tpm/seed';
import { launchFirefox, type FirefoxSession } from './harness';
import { clickIcon, clickText, fillFields, inlineMenu, optionNames, textOf } from './page-helpers';
import { tpmAdmin } from '../tpm-admin';

const passphrase = 'correct horse battery';
const login = { name: 'Acme Cloud', username: 'alice@acme.test', password: 'Al1ce-secret!' };

describe('the extension in Firefox, as a user sets it up and uses it', () => {
  let ff: FirefoxSession;
  let tpm: TpmSim;
  let syspass: SyspassSim;
  let pages: PageServer;
  let options: Page;
  const acme = (page: string) => `http://login.acme.test:${pages.port}/${page}`;

  beforeAll(async () => {
    [tpm, syspass, pages] = await Promise.all([startTpmSim({ entries: 40 }), startSyspassSim({ accounts: 20 }), servePages()]);
    const company = tpmAdmin(tpm.url);
    await company.createPassword(tpm.state.demo.sharedProjectId, { ...login, accessInfo: acme('') });
  });
  afterAll(async () => {
    await ff?.close();
    await Promise.all([tpm?.close(), syspass?.close(), pages?.close()]);
  });

  // In a test, not in beforeAll: a Firefox that is missing or fails to start, or a build it refuses, is a red test
  // here, not a suite of skipped ones.
  it('starts Firefox with the shipped build installed; its settings page and background page answer', async () => {
    ff = await launchFirefox({ hosts: ['login.acme.test'] });
    options = ff.ours;
    expect(await options.evaluate(() => location.href)).toBe(`${ff.origin}src/ui/options/index.html`);
    const state = await ff.ask('getPopupState', {});
    expect(state).toMatchObject({ ok: true, value: { configured: false, hasPassphrase: false, sources: [] } });
  });

  it('sets the passphrase in the Security section of the settings page', async () => {
    await clickText(options, 'a', 'Security');
    await fillFields(options, { '#pass-next': passphrase, '#pass-confirm': passphrase });
    await clickText(options, 'button', 'Set passphrase');
    await expect.poll(() => textOf(options, 'body'), { timeout: 30_000 }).toContain('Passphrase set.');
    await clickText(options, 'a', 'Servers');
  });

  it('adds a TPM server: the address first, then a wrong password is named, the right one connects and syncs', async () => {
    await clickText(options, 'button', 'Add server');
    await fillFields(options, { '#server-address': tpm.url });
    await clickText(options, 'button', 'Continue');
    await expect.poll(() => textOf(options, '#sign-in-title'), { timeout: 15_000 }).toContain('Team Password Manager');
    await fillFields(options, {
      '#server-username': DEMO_USERS.normal.username,
      '#server-password': 'wrong',
      '#server-name': 'Company TPM',
    });
    await clickText(options, 'button', 'Connect');
    await expect.poll(() => textOf(options, '[role=alert]'), { timeout: 15_000 }).toContain('refused this user name and password');
    await fillFields(options, { '#server-password': DEMO_USERS.normal.password });
    await clickText(options, 'button', 'Connect');
    await expect.poll(() => textOf(options, 'h3'), { timeout: 15_000 }).toContain('Company TPM');
    const synced = async () => (await ff.ask('getPopupState', {})).value.sources.every((s: { lastSyncAt?: string }) => s.lastSyncAt);
    await expect.poll(synced, { timeout: 30_000 }).toBe(true);
  });

  it('lists and searches the entries in the popup page', async () => {
    const popup = await ff.openExtensionPage('src/ui/popup/index.html');
    await expect.poll(async () => (await optionNames(popup)).length, { timeout: 15_000 }).toBeGreaterThan(3);
    await popup.type('[role=combobox]', 'GitHub');
    await expect.poll(() => optionNames(popup)).toContainEqual(expect.stringContaining('GitHub organisation owner'));
    await popup.close();
  });

  it('fills the login from the in-page menu on a page under a mapped host name; the popup lists it under This site', async () => {
    const page = await ff.open(acme('classic.html'));
    await clickIcon(page, '[data-k=pass]');
    const menu = await inlineMenu(page);
    expect(await menu.names()).toEqual([expect.stringContaining(login.name)]);
    await menu.pick(login.name);
    await expect
      .poll(() => page.evaluate(() => (window as never as { __got(): Record<string, string> }).__got()))
      .toEqual({ user: login.username, pass: login.password });

    await expect.poll(() => ff.reportedTabId('login.acme.test')).toBeGreaterThan(0);
    const tabId = await ff.reportedTabId('login.acme.test');
    const popup = await ff.openExtensionPage(`src/ui/popup/index.html?tab=${tabId}`);
    await expect.poll(() => textOf(popup, 'body'), { timeout: 15_000 }).toMatch(/this site/i);
    expect((await optionNames(popup))[0]).toContain(login.name);
    await Promise.all([popup.close(), page.close()]);
  });

  it('fills into closed shadow roots (Firefox reaches them through the openOrClosedShadowRoot property)', async () => {
    const page = await ff.open(acme('shadow-closed.html'));
    await clickIcon(page, 'acme-login');
    await (await inlineMenu(page)).pick(login.name);
    await expect
      .poll(() => page.evaluate(() => (window as never as { __got(): Record<string, string> }).__got()))
      .toEqual({ user: login.username, pass: login.password });
    await page.close();
  });

  it('locks from the popup, refuses a wrong passphrase and unlocks with the right one', async () => {
    const popup = await ff.openExtensionPage('src/ui/popup/index.html');
    await expect.poll(async () => (await optionNames(popup)).length, { timeout: 15_000 }).toBeGreaterThan(0);
    await popup.click('button[aria-label="Lock"]');
    await popup.waitForSelector('#unlock-title');
    expect((await ff.ask('getPopupState', {})).value.locked).toBe(true);
    await popup.type('input[type=password]', 'not the passphrase');
    await popup.keyboard.press('Enter');
    await expect.poll(() => textOf(popup, '#unlock-error'), { timeout: 15_000 }).not.toBe('');
    await popup.locator('input[type=password]').fill(passphrase);
    await popup.keyboard.press('Enter');
    await expect.poll(async () => (await optionNames(popup)).length, { timeout: 20_000 }).toBeGreaterThan(3);
    expect((await ff.ask('getPopupState', {})).value.locked).toBe(false);
    await popup.close();
  });

  it("asks Firefox for the server's origin only, on the click, when the user has withdrawn host access", async () => {
    // Firefox lets the user withdraw an MV3 extension's host access at any time (it grants the content scripts'
    // patterns at install): the request must then come from the click itself.
    expect(await options.evaluate(() => chrome.permissions.remove({ origins: ['http://*/*', 'https://*/*'] }))).toBe(true);
    await clickText(options, 'button', 'Add server');
    await fillFields(options, { '#server-address': `${syspass.url}/index.php` });
    // Continue is the click that asks for the origin (before anything else: Firefox requires it).
    await clickText(options, 'button', 'Continue');
    await expect.poll(() => textOf(options, '#sign-in-title'), { timeout: 15_000 }).toContain('sysPass');
    expect((await options.evaluate(() => chrome.permissions.getAll())).origins).toEqual(['http://127.0.0.1/*']);
    await fillFields(options, {
      '#server-token': DEMO_AUTH_TOKEN,
      '#server-token-password': DEMO_TOKEN_PASS,
      '#server-name': 'Team sysPass',
    });
    await clickText(options, 'button', 'Connect');
    await expect.poll(() => textOf(options, 'h3'), { timeout: 15_000 }).toContain('Team sysPass');
    const synced = async () => (await ff.ask('getPopupState', {})).value.sources.map((s: { lastSyncAt?: string }) => Boolean(s.lastSyncAt));
    await expect.poll(synced, { timeout: 30_000 }).toEqual([true, true]);
  });
});
