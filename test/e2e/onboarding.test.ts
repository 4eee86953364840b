/**
 * First run to daily use: a fresh profile gets the welcome page on install and is set up with the keyboard only,
 * against the TPM simulator and then the sysPass simulator; each wrong input gets its own message on its step.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO_AUTH_TOKEN, DEMO_TOKEN_PASS } from '../sim/syspass/seed';
import { startSyspassSim, type SyspassSim } from '../sim/syspass/server';
import { DEMO_USERS } from '../sim/tpm/seed';
import { startTpmSim, type TpmSim } from '../sim/tpm/server';
import { seriousViolations } from './axe';
import { launchExtension, servePages, type ExtensionSession, type PageServer } from './harness';
import { answerHostPrompts, askedOrigins } from './host-access';

describe('the welcome page of a fresh profile', () => {
  let ext: ExtensionSession;
  let tpm: TpmSim;
  let syspass: SyspassSim;
  let web: PageServer;
  let page: Page;
  beforeAll(async () => {
    [tpm, syspass, web] = await Promise.all([startTpmSim({ entries: 120 }), startSyspassSim({ accounts: 30 }), servePages()]);
    ext = await launchExtension({ keepWelcome: true });
    page = ext.welcomePage!;
    await page.getByRole('heading', { name: 'Choose an unlock passphrase' }).waitFor();
    await answerHostPrompts(page);
  });
  afterAll(async () => {
    await ext?.close();
    await Promise.all([tpm?.close(), syspass?.close(), web?.close()]);
  });

  const focused = () => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.id ?? '');
  const alert = () => page.getByRole('alert').innerText();
  /** Replaces what the focused field holds, as a person does: select all, type. */
  const retype = async (text: string) => {
    await page.keyboard.press('Control+A');
    await page.keyboard.type(text);
  };
  /** axe in light and dark, on the step shown now. */
  const axeClean = async (step: string) => {
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      expect({ step, colorScheme, violations: await seriousViolations(page) }).toEqual({ step, colorScheme, violations: [] });
    }
    await page.emulateMedia({ colorScheme: 'light' });
  };

  it('opens by itself on install, at step 1 of 3, with the passphrase field focused', async () => {
    expect(page.url()).toBe(`${ext.origin}src/ui/welcome/index.html`);
    expect(await page.getByRole('list', { name: 'Setup steps' }).locator('[aria-current=step]').innerText()).toContain('Passphrase');
    await expect.poll(focused).toBe('pass-next');
    await axeClean('passphrase');
  });

  it('step 1: says why a guessable passphrase is refused, and takes a strong one with Enter', async () => {
    await page.keyboard.type('password123');
    await page.keyboard.press('Tab');
    await page.keyboard.type('password123');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByText('Too easy to guess: add a few more words.').count()).toBe(1);
    await expect.poll(focused).toBe('pass-next');
    await retype('violet harbour tuesday cactus');
    await page.keyboard.press('Tab');
    await retype('violet harbour tuesday cactus');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: "Connect your company's password server" }).waitFor();
    await expect.poll(focused).toBe('server-address');
    await axeClean('address');
  });

  it('step 2: a mistyped address and plain http:// to a server on the internet each get their own message', async () => {
    await page.keyboard.type('ftp://tpm.example.com');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.locator('#server-address-error').innerText())
      .toBe('Enter a full address starting with https:// or http://.');
    expect(await page.getByLabel('Server address', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await expect.poll(focused).toBe('server-address');
    await retype('http://tpm.example.com');
    await page.keyboard.press('Enter');
    await expect.poll(alert, { timeout: 15_000 }).toContain('Use https:// for a server on the internet');
    await axeClean('address, refused');
  });

  it('step 2: an unreachable server and an address that is no password server each get their own message', async () => {
    await page.getByLabel('Server address', { exact: true }).focus();
    await retype('http://127.0.0.1:9');
    await page.keyboard.press('Enter');
    await expect.poll(alert, { timeout: 15_000 }).toContain('Cannot reach 127.0.0.1:9.');
    expect(await alert()).toContain('Check the address, your network or VPN');
    await axeClean('address, unreachable');
    await page.getByLabel('Server address', { exact: true }).focus();
    await retype(web.url);
    await page.keyboard.press('Enter');
    await expect
      .poll(alert, { timeout: 15_000 })
      .toContain(`${new URL(web.url).host} answers, but it is neither Team Password Manager nor sysPass.`);
    // Host access was asked for on the click, for the server's origin only.
    expect(await askedOrigins(page)).toContainEqual({ origins: ['http://127.0.0.1/*'] });
  });

  it('step 2: finds Team Password Manager from a pasted link, asks only for its sign-in, and names wrong credentials', async () => {
    await page.getByLabel('Server address', { exact: true }).focus();
    await retype(`${tpm.url}/index.php/pwd/view/1`);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Sign in to Team Password Manager' }).waitFor({ timeout: 15_000 });
    expect(await page.getByText(`Team Password Manager found at ${new URL(tpm.url).host}.`).count()).toBe(1);
    expect(await page.getByLabel('API token').count()).toBe(0);
    expect(
      (await page.getByText(/My account → API keys/).count()) + (await page.getByText(/as on its sign-in page/).count()),
    ).toBeGreaterThan(0);
    await expect.poll(focused).toBe('server-username');
    await axeClean('sign-in');
    await page.keyboard.type(DEMO_USERS.normal.username);
    await page.keyboard.press('Tab');
    await page.keyboard.type('not-the-password');
    await page.keyboard.press('Enter');
    await expect.poll(alert, { timeout: 15_000 }).toContain('Team Password Manager refused this user name and password.');
    await axeClean('sign-in, refused');
    await retype(DEMO_USERS.normal.password);
    await page.keyboard.press('Tab');
    await retype('Company TPM');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: "You're set up" }).waitFor({ timeout: 15_000 });
    expect(await page.locator('.done-servers').innerText()).toContain('signed in as Alice Normal (alice)');
  });

  it('step 3: shows the first sync landing and what to try, with the fill shortcut as the browser has it', async () => {
    await expect.poll(() => page.locator('.done-servers').innerText(), { timeout: 20_000 }).toMatch(/Company TPM[\s\S]*Entries\s+\d+/);
    expect(await page.getByText('Press Ctrl+Shift+U').count()).toBe(1);
    await axeClean('done');
  });

  it('adds the sysPass server from step 3, naming a wrong token password on its step', async () => {
    await page.keyboard.press('Tab');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Add another server');
    await page.keyboard.press('Enter');
    await expect.poll(focused).toBe('server-address');
    await page.keyboard.type(syspass.url);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Sign in to sysPass' }).waitFor({ timeout: 15_000 });
    expect(await page.getByLabel('User name', { exact: true }).count()).toBe(0);
    expect(await page.getByText(/API Authorizations/).count()).toBe(1);
    await expect.poll(focused).toBe('server-token');
    await page.keyboard.type(DEMO_AUTH_TOKEN);
    await page.keyboard.press('Tab');
    await page.keyboard.type('wrong token password');
    await page.keyboard.press('Enter');
    await expect.poll(alert, { timeout: 15_000 }).toContain('Wrong token password.');
    await retype(DEMO_TOKEN_PASS);
    await page.keyboard.press('Tab');
    await retype('Team sysPass');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: "You're set up" }).waitFor({ timeout: 15_000 });
    await expect.poll(() => page.locator('.done-servers li').count()).toBe(2);
  });

  it("lands with both servers' entries in the popup", async () => {
    const popup = await ext.openPopup('?tab=1');
    await popup.getByRole('option').first().waitFor({ timeout: 20_000 });
    for (const name of ['GitHub organisation owner', 'Home router']) {
      await popup.getByRole('combobox').fill(name);
      await expect.poll(() => popup.getByRole('option', { name: new RegExp(name) }).count(), { timeout: 20_000 }).toBeGreaterThan(0);
    }
    await popup.close();
  });
});
