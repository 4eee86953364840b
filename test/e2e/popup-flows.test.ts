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
    // Automation cannot click the browser's own permission prompt: answer it with "Allow", and record the request.
    await options.evaluate(() => {
      const asked: unknown[] = ((window as unknown as { __asked: unknown[] }).__asked = []);
      const allow = ((request: unknown, callback?: (granted: boolean) => void) => {
        asked.push(request);
        if (callback) return void callback(true);
        return Promise.resolve(true);
      }) as typeof chrome.permissions.request;
      chrome.permissions.request = allow;
      const native = (globalThis as unknown as { browser?: typeof chrome }).browser;
      if (native?.permissions) native.permissions.request = allow;
    });
  });
  afterAll(async () => {
    await ext?.close();
    await Promise.all([tpm?.close(), hmacTpm?.close(), syspass?.close(), web?.close()]);
  });

  async function addServer(fill: () => Promise<void>): Promise<void> {
    await options.getByRole('button', { name: 'Add server' }).last().click();
    await fill();
  }
  const field = (label: string) => options.getByLabel(label, { exact: true });

  it('sets the passphrase', async () => {
    await field('New passphrase').fill(passphrase);
    await field('Repeat the new passphrase').fill(passphrase);
    await options.getByRole('button', { name: 'Set passphrase' }).click();
    await expect.poll(() => options.getByText('Passphrase set.').count(), { timeout: 20_000 }).toBe(1);
  });

  it('tests a TPM server with Basic auth: a wrong password, then the right one', async () => {
    await addServer(async () => {
      await field('Name').fill('Company TPM');
      await field('Server address (base URL)').fill(tpm.url);
      await field('User name').fill(DEMO_USERS.normal.username);
      await field('Password').fill('wrong');
    });
    await options.getByRole('button', { name: 'Test connection' }).click();
    await expect.poll(() => options.getByRole('alert').textContent(), { timeout: 10_000 }).toContain('Sign-in refused');
    await field('Password').fill(DEMO_USERS.normal.password);
    await options.getByRole('button', { name: 'Test connection' }).click();
    await expect.poll(() => options.locator('.test-result.ok').textContent(), { timeout: 10_000 }).toContain('alice');
    expect(await seriousViolations(options)).toEqual([]);
    // Access was asked for this server's origin only, on the user's click.
    expect(await options.evaluate(() => (window as unknown as { __asked: unknown[] }).__asked)).toContainEqual({ origins: ['http://127.0.0.1/*'] });
  });

  it('shows the first sync with its progress after saving', async () => {
    await options.getByRole('button', { name: 'Save server' }).click();
    const popup = await ext.openPopup('?tab=1');
    // Either the progress is caught while it runs, or the list is already there.
    await expect.poll(async () => (await popup.getByRole('progressbar').count()) + (await popup.getByRole('option').count()), { timeout: 10_000 }).toBeGreaterThan(0);
    await expect.poll(() => popup.getByRole('option').count(), { timeout: 20_000 }).toBeGreaterThan(3);
    await popup.close();
  });

  it('names the error for an unreachable server and a wrong path', async () => {
    await addServer(async () => {
      await field('Name').fill('Nowhere');
      await field('Server address (base URL)').fill('http://127.0.0.1:9/');
      await field('User name').fill('x');
      await field('Password').fill('y');
    });
    await options.getByRole('button', { name: 'Test connection' }).click();
    await expect.poll(() => options.getByRole('alert').textContent(), { timeout: 15_000 }).toMatch(/cannot be reached|did not answer/);
    await field('Server address (base URL)').fill(`${tpm.url}/not-tpm`);
    await options.getByRole('button', { name: 'Test connection' }).click();
    await expect.poll(() => options.getByRole('alert').textContent(), { timeout: 10_000 }).toMatch(/Not found|not understood/);
    await options.getByRole('button', { name: 'Cancel' }).click();
  });

  it('adds a TPM server with HMAC keys', async () => {
    await addServer(async () => {
      await field('Name').fill('HMAC TPM');
      await field('Server address (base URL)').fill(hmacTpm.url);
      await options.getByLabel('API keys (HMAC)').check();
      await field('Public key').fill(DEMO_USERS.normal.publicKey);
      await field('Private key').fill(DEMO_USERS.normal.privateKey);
    });
    await options.getByRole('button', { name: 'Test connection' }).click();
    await expect.poll(() => options.locator('.test-result.ok').count(), { timeout: 10_000 }).toBe(1);
    await options.getByRole('button', { name: 'Save server' }).click();
    await expect.poll(() => options.getByRole('heading', { name: 'HMAC TPM' }).count(), { timeout: 10_000 }).toBe(1);
  });

  it('adds a sysPass server, after naming a wrong token password', async () => {
    await addServer(async () => {
      await options.getByLabel('sysPass').check();
      await field('Name').fill('Team sysPass');
      await field('Server address (base URL)').fill(syspass.url);
      await field('API token').fill(DEMO_AUTH_TOKEN);
      await field('Token password').fill('wrong');
    });
    await options.getByRole('button', { name: 'Test connection' }).click();
    await expect.poll(() => options.getByRole('alert').textContent(), { timeout: 10_000 }).toMatch(/token password|Sign-in refused/i);
    await field('Token password').fill(DEMO_TOKEN_PASS);
    await options.getByRole('button', { name: 'Save server' }).click();
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
    await popup.getByRole('option', { name: /GitHub organisation owner/ }).first().click();
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
    await popup.getByRole('option', { name: /Production database/ }).first().click();
    await popup.getByRole('button', { name: 'Show: Password' }).click();
    await popup.getByRole('textbox', { name: 'Reason' }).fill('Incident 42');
    await popup.getByRole('button', { name: 'Unlock with this reason' }).click();
    await expect.poll(() => popup.locator('.secret').count(), { timeout: 10_000 }).toBe(1);
    await popup.close();
  });

  it('copies a password, then clears the clipboard', async () => {
    await options.reload();
    await options.getByLabel('Clear a copied password after (seconds)').fill('2');
    await options.getByRole('button', { name: 'Save preferences' }).click();
    await options.getByText('Preferences saved.').waitFor();
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

  it('opens an entry on its server: TPM at the password itself, sysPass at its start page with the name copied for its search', async () => {
    const popup = await ext.openPopup('?tab=1');
    await popup.getByRole('combobox').fill('GitHub organisation owner');
    await popup.getByRole('option', { name: /GitHub organisation owner/ }).first().click();
    const tpmLink = popup.getByRole('link', { name: 'Open on the server' });
    await expect.poll(() => tpmLink.getAttribute('href').catch(() => null), { timeout: 10_000 }).toMatch(new RegExp(`^(${tpm.url}|${hmacTpm.url})/index.php/pwd/view/\\d+$`)); // either TPM has one
    await popup.goto(popup.url());
    await popup.getByRole('combobox').fill('Home router');
    await popup.getByRole('option', { name: /Home router/ }).first().click();
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

  it('shows the offline state after the simulator stops', async () => {
    await tpm.close();
    await options.reload();
    await options.getByRole('button', { name: 'Sync now: Company TPM' }).click();
    // The popup shows the state it finds when it opens (it follows only syncs it sees running): open it once the
    // failed sync is over, not while the click may still be on its way.
    const failed = async () => (await options.evaluate(() => chrome.runtime.sendMessage({ kind: 'getPopupState', body: {} }))).value.sources[0].lastError?.code;
    await expect.poll(failed, { timeout: 20_000 }).toBe('network');
    const popup = await ext.openPopup('?tab=1');
    await popup.getByRole('option').first().waitFor();
    await expect.poll(() => popup.getByText(/Company TPM could not be reached/).count(), { timeout: 20_000 }).toBe(1);
    expect(await popup.getByRole('button', { name: 'Retry' }).count()).toBeGreaterThan(0);
    expect(await popup.getByRole('option').count()).toBeGreaterThan(0);
  });
});
