/**
 * The issue-7 user flows end to end: the options page and the popup against the TPM and sysPass simulators,
 * through the real worker.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { TOTP } from 'otpauth';
import { startTpmSim, type TpmSim } from '../sim/tpm/server';
import { DEMO_USERS } from '../sim/tpm/seed';
import { startSyspassSim, type SyspassSim } from '../sim/syspass/server';
import { DEMO_AUTH_TOKEN, DEMO_TOKEN_PASS } from '../sim/syspass/seed';
import { seriousViolations } from './axe';
import { launchExtension, servePages, type ExtensionSession, type PageServer } from './harness';
import { answerHostPrompts, askedOrigins } from './host-access';

const passphrase = 'correct horse battery';

describe('popup and options against the simulators', () => {
  let ext: ExtensionSession;
  let tpm: TpmSim;
  let hmacTpm: TpmSim;
  let syspass: SyspassSim;
  let web: PageServer;
  let options: Page;

  beforeAll(async () => {
    tpm = await startTpmSim({ entries: 400, latencyMs: 20 });
    hmacTpm = await startTpmSim({ entries: 30, authMethods: 'hmac' });
    syspass = await startSyspassSim({ accounts: 60 });
    web = await servePages();
    ext = await launchExtension();
    await ext.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: web.url });
    options = await ext.openOptions();
    await answerHostPrompts(options);
  });
  afterAll(async () => {
    await ext?.close();
    await Promise.all([tpm?.close(), hmacTpm?.close(), syspass?.close(), web?.close()]);
  });

  const field = (label: string) => options.getByLabel(label, { exact: true });
  /** Add server → the address → Continue: the sign-in step of the kind that answered. */
  async function startAdding(address: string, signIn: string): Promise<void> {
    await options.getByRole('button', { name: 'Add server' }).last().click();
    await field('Server address').fill(address);
    await options.getByRole('button', { name: 'Continue' }).click();
    await options.getByRole('heading', { name: signIn }).waitFor({ timeout: 15_000 });
  }

  it('sets the passphrase in the Security section', async () => {
    await options.getByRole('link', { name: 'Security' }).click();
    await field('New passphrase').fill(passphrase);
    await field('Repeat the new passphrase').fill(passphrase);
    await options.getByRole('button', { name: 'Set passphrase' }).click();
    await expect.poll(() => options.getByText('Passphrase set.').count(), { timeout: 20_000 }).toBe(1);
    await options.getByRole('link', { name: 'Servers' }).click();
  });

  it('connects a TPM server with Basic auth: a wrong password is named, the right one tested and saved', async () => {
    await startAdding(tpm.url, 'Sign in to Team Password Manager');
    await field('User name').fill(DEMO_USERS.normal.username);
    await field('Password').fill('wrong');
    await field('Name in the extension').fill('Company TPM');
    await options.getByRole('button', { name: 'Connect' }).click();
    await expect
      .poll(() => options.getByRole('alert').textContent(), { timeout: 10_000 })
      .toContain('Team Password Manager refused this user name and password.');
    expect(await seriousViolations(options)).toEqual([]);
    await field('Password').fill(DEMO_USERS.normal.password);
    await options.getByRole('button', { name: 'Connect' }).click();
    await expect
      .poll(() => options.getByRole('status').allInnerTexts(), { timeout: 10_000 })
      .toContainEqual(expect.stringContaining('Company TPM added, signed in as Alice Normal (alice).'));
    // Access was asked for this server's origin only, on the user's click.
    expect(await askedOrigins(options)).toContainEqual({ origins: ['http://127.0.0.1/*'] });
  });

  it('shows the first sync with its progress after saving', async () => {
    const popup = await ext.openPopup('?tab=1');
    // Either the progress is caught while it runs, or the list is already there.
    await expect
      .poll(async () => (await popup.getByRole('progressbar').count()) + (await popup.getByRole('option').count()), { timeout: 10_000 })
      .toBeGreaterThan(0);
    await expect.poll(() => popup.getByRole('option').count(), { timeout: 20_000 }).toBeGreaterThan(3);
    await popup.close();
  });

  it('names the error for an unreachable server and a wrong path, on the address step', async () => {
    await options.getByRole('button', { name: 'Add server' }).last().click();
    await field('Server address').fill('http://127.0.0.1:9/');
    await options.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => options.getByRole('alert').textContent(), { timeout: 15_000 }).toContain('Cannot reach 127.0.0.1:9.');
    await field('Server address').fill(`${tpm.url}/not-tpm`);
    await options.getByRole('button', { name: 'Continue' }).click();
    await expect
      .poll(() => options.getByRole('alert').textContent(), { timeout: 10_000 })
      .toContain('it is neither Team Password Manager nor sysPass');
    await options.getByRole('button', { name: 'Cancel' }).click();
  });

  it('adds a TPM server with HMAC keys', async () => {
    await startAdding(hmacTpm.url, 'Sign in to Team Password Manager');
    await options.getByLabel('API keys (HMAC)').check();
    await field('Public key').fill(DEMO_USERS.normal.publicKey);
    await field('Private key').fill(DEMO_USERS.normal.privateKey);
    await field('Name in the extension').fill('HMAC TPM');
    await options.getByRole('button', { name: 'Connect' }).click();
    await expect.poll(() => options.getByRole('heading', { name: 'HMAC TPM' }).count(), { timeout: 10_000 }).toBe(1);
  });

  it('adds a sysPass server, after naming a wrong token password', async () => {
    await startAdding(syspass.url, 'Sign in to sysPass');
    await field('API token').fill(DEMO_AUTH_TOKEN);
    await field('Token password').fill('wrong');
    await field('Name in the extension').fill('Team sysPass');
    await options.getByRole('button', { name: 'Connect' }).click();
    await expect.poll(() => options.getByRole('alert').textContent(), { timeout: 10_000 }).toMatch(/token password/i);
    await field('Token password').fill(DEMO_TOKEN_PASS);
    await options.getByRole('button', { name: 'Connect' }).click();
    await expect.poll(() => options.getByRole('heading', { name: 'Team sysPass' }).count(), { timeout: 10_000 }).toBe(1);
  });

  it('searches and moves with the keyboard in the popup; shows source badges', async () => {
    const popup = await ext.openPopup('?tab=1');
    await popup.getByRole('option').first().waitFor({ timeout: 20_000 });
    await popup.keyboard.type('GitHub');
    await expect.poll(() => popup.getByRole('option', { name: /GitHub organisation owner/ }).count()).toBeGreaterThan(0);
    expect(await popup.locator('.entry-row .badge', { hasText: 'Company TPM' }).count()).toBeGreaterThan(0);
    await popup.keyboard.press('ArrowDown');
    await popup.keyboard.press('ArrowUp');
    expect(await seriousViolations(popup)).toEqual([]);
    await popup.close();
  });

  it('shows a live TOTP code that matches the simulator seed', async () => {
    const popup = await ext.openPopup('?tab=1');
    await popup.getByRole('combobox').fill('GitHub organisation owner');
    await popup
      .getByRole('option', { name: /GitHub organisation owner/ })
      .first()
      .click();
    await expect.poll(() => popup.locator('.otp-code').getAttribute('data-code'), { timeout: 10_000 }).toMatch(/^\d{6}$/);
    const shown = await popup.locator('.otp-code').getAttribute('data-code');
    const totp = new TOTP({ secret: 'JBSWY3DPEHPK3PXP' }); // the seed's demo OTP secret (seedTpm: demo.otpSecret)
    const now = Date.now();
    expect([totp.generate({ timestamp: now }), totp.generate({ timestamp: now - 30_000 })]).toContain(shown);
    await popup.close();
  });

  it('reveals a locked password after asking for the reason', async () => {
    const popup = await ext.openPopup('?tab=1');
    await popup.getByRole('combobox').fill('Production database');
    await popup
      .getByRole('option', { name: /Production database/ })
      .first()
      .click();
    await popup.getByRole('button', { name: 'Show: Password' }).click();
    await popup.getByRole('textbox', { name: 'Reason' }).fill('Incident 42');
    await popup.getByRole('button', { name: 'Unlock with this reason' }).click();
    await expect.poll(() => popup.locator('.secret').count(), { timeout: 10_000 }).toBe(1);
    await popup.close();
  });

  it('copies a password, then clears the clipboard (the delay saved as it is typed)', async () => {
    await options.reload();
    await options.getByRole('link', { name: 'Security' }).click();
    await options.getByLabel('Clear a copied password after (seconds)').fill('2');
    await options.getByText('Saved.').waitFor();
    const popup = await ext.openPopup('?tab=1');
    await popup.getByRole('combobox').fill('GitHub organisation owner');
    await popup.getByRole('option').first().waitFor();
    await popup.keyboard.press('Control+c');
    const reader = await ext.context.newPage();
    await reader.goto(`${web.url}/clipboard`);
    await expect.poll(() => reader.evaluate(() => navigator.clipboard.readText()), { timeout: 5000 }).not.toBe('');
    await expect.poll(() => reader.evaluate(() => navigator.clipboard.readText()), { timeout: 8000 }).toBe('');
    await reader.close();
    await popup.close();
  });

  const opensOnServer =
    'opens an entry on its server: TPM at the password itself, sysPass at its start page with the name copied for its search';
  it(opensOnServer, async () => {
    const popup = await ext.openPopup('?tab=1');
    await popup.getByRole('combobox').fill('GitHub organisation owner');
    await popup
      .getByRole('option', { name: /GitHub organisation owner/ })
      .first()
      .click();
    const tpmLink = popup.getByRole('link', { name: 'Open on the server' });
    await expect
      .poll(() => tpmLink.getAttribute('href').catch(() => null), { timeout: 10_000 })
      .toMatch(new RegExp(`^(${tpm.url}|${hmacTpm.url})/index.php/pwd/view/\\d+$`)); // either TPM has one
    await popup.goto(popup.url());
    await popup.getByRole('combobox').fill('Home router');
    await popup
      .getByRole('option', { name: /Home router/ })
      .first()
      .click();
    // No link opens one sysPass account without a server secret: the start page, and the name to search there.
    const link = popup.getByRole('link', { name: 'Open on the server' });
    await expect.poll(() => link.getAttribute('href').catch(() => null), { timeout: 10_000 }).toBe(`${syspass.url}/index.php`);
    const opened = ext.context.waitForEvent('page');
    await link.click();
    expect((await opened).url()).toBe(`${syspass.url}/index.php`);
    await expect.poll(() => popup.getByRole('status').allInnerTexts()).toContain("Name copied: paste it into the server's search.");
    const reader = await ext.context.newPage();
    await reader.goto(`${web.url}/clipboard`);
    await expect.poll(() => reader.evaluate(() => navigator.clipboard.readText()), { timeout: 5000 }).toBe('Home router');
    await Promise.all([reader.close(), popup.close()]);
  });

  it('locks and unlocks from the popup', async () => {
    const popup = await ext.openPopup('?tab=1');
    await popup.getByRole('button', { name: 'Lock' }).click();
    await popup.getByLabel('Passphrase').fill(passphrase);
    await popup.keyboard.press('Enter');
    await popup.getByRole('option').first().waitFor({ timeout: 10_000 });
    await popup.close();
  });

  it('shows each server in the settings at a glance: entries, last and next sync', async () => {
    await options.reload();
    await options.getByRole('link', { name: 'Servers' }).click();
    const card = options.getByRole('listitem').filter({ has: options.getByRole('heading', { name: 'Company TPM' }) });
    await expect
      .poll(() => card.innerText(), { timeout: 10_000 })
      // TPM's next background request is the full list, the full-sync period (8 h by default) after the last one.
      .toMatch(/Up to date[\s\S]*Entries\s+\d+[\s\S]*Last sync\s+\S[\s\S]*Next sync\s+in 8 hours/);
    expect(await card.innerText()).toContain(`Team Password Manager · ${tpm.url} · user and password (alice)`);
  });

  it('shows the offline state after the simulator stops', async () => {
    await tpm.close();
    await options.reload();
    await options.getByRole('link', { name: 'Servers' }).click();
    await options.getByRole('button', { name: 'Sync now: Company TPM' }).click();
    // The popup shows the state it finds when it opens (it follows only syncs it sees running): open it once the
    // failed sync is over, not while the click may still be on its way.
    const failed = async () =>
      (await options.evaluate(() => chrome.runtime.sendMessage({ kind: 'getPopupState', body: {} }))).value.sources[0].lastError?.code;
    await expect.poll(failed, { timeout: 20_000 }).toBe('network');
    const popup = await ext.openPopup('?tab=1');
    await popup.getByRole('option').first().waitFor();
    await expect.poll(() => popup.getByText(/Company TPM could not be reached/).count(), { timeout: 20_000 }).toBe(1);
    expect(await popup.getByRole('button', { name: 'Retry' }).count()).toBeGreaterThan(0);
    expect(await popup.getByRole('option').count()).toBeGreaterThan(0);
    // The settings say it too: the card's state, the reason and what to do, and a mark on the section's link.
    await options.reload();
    const card = options.getByRole('listitem').filter({ has: options.getByRole('heading', { name: 'Company TPM' }) });
    await expect.poll(() => card.innerText()).toContain('Sync failed');
    expect(await card.innerText()).toContain('The last sync failed: The server cannot be reached');
    expect(await card.innerText()).toContain('Check the address, your network or VPN');
    expect(await options.getByRole('link', { name: 'Servers (needs attention)' }).count()).toBe(1);
  });
});
