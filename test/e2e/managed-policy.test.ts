/**
 * The organisation's policy in a real browser: Chromium on Linux reads JSON policy files from
 * /etc/chromium/policies/managed/ and hands an extension's part (`3rdparty.extensions.<id>`) to it as
 * `storage.managed`. Debian's Chromium does so for an unpacked extension too (checked: 156). The test writes such a
 * file for this build's id (root, or password-less sudo, as the tests run here), starts the browser, and removes
 * the file afterwards. The policy must win over what the user chose, and the settings page must say so.
 */
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { distDir } from '../builds';
import { launchExtension, servePages, type ExtensionSession, type PageServer } from './harness';
import { DEMO_USERS } from '../sim/tpm/seed';
import { startTpmSim, type TpmSim } from '../sim/tpm/server';
import { tpmAdmin } from '../tpm-admin';

const POLICY_DIR = '/etc/chromium/policies/managed';
const policyFile = path.join(POLICY_DIR, `tpm-syspass-extension-e2e-${process.pid}.json`);

/** Chromium's id of an unpacked extension: the SHA-256 of its folder's path, first 32 hex digits spelled a–p. */
function unpackedExtensionId(dir: string): string {
  const hex = crypto.createHash('sha256').update(fs.realpathSync(dir)).digest('hex').slice(0, 32);
  return [...hex].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
}

/** Runs a file-system step as root: directly when we are root, else through password-less sudo. */
function asRoot(command: string, args: string[], input?: string): void {
  if (process.getuid?.() === 0) execFileSync(command, args, { input });
  else execFileSync('sudo', ['-n', command, ...args], { input });
}

const policy = {
  servers: [{ kind: 'tpm', name: 'Company TPM', baseUrl: 'https://tpm.corp.example' }],
  matchStrategy: 'host',
  autoLockMinutes: 7,
  clipboardClearSeconds: 12,
  fillOnLoad: true,
  minSyncIntervalMinutes: 30,
  fullSyncHours: 2,
  missLookups: false,
};

describe('the organisation’s policy, from a Chromium policy file', () => {
  let ext: ExtensionSession;
  let tpm: TpmSim;
  let pages: PageServer;
  let createdDirs: string[] = [];

  beforeAll(async () => {
    createdDirs = ['/etc/chromium/policies', POLICY_DIR].filter((d) => !fs.existsSync(d));
    asRoot('mkdir', ['-p', POLICY_DIR]);
    const id = unpackedExtensionId(distDir);
    asRoot('tee', [policyFile], JSON.stringify({ '3rdparty': { extensions: { [id]: policy } } }));
    [tpm, pages] = await Promise.all([startTpmSim({ entries: 30 }), servePages()]);
    ext = await launchExtension({ hosts: ['unmatched.test'] });
    expect(ext.extensionId).toBe(id);
  }, 60_000);

  afterAll(async () => {
    await ext?.close();
    await Promise.all([tpm?.close(), pages?.close()]);
    asRoot('rm', ['-f', policyFile]);
    for (const dir of createdDirs.reverse()) asRoot('rmdir', [dir]);
  });

  it('wins over the user’s own settings in the worker, bounds included', async () => {
    const page = await ext.openOptions();
    const ask = (kind: string, body: unknown) =>
      page.evaluate(([k, b]) => chrome.runtime.sendMessage({ kind: k, body: b }), [kind, body] as const);
    const own = (await ask('getSettings', {})).value;
    const chosen = {
      ...own,
      matchStrategy: 'exact',
      autoLockMinutes: 60,
      syncIntervalMinutes: 5,
      clipboardClearSeconds: 90,
      fillOnLoad: false,
    };
    const saved = await ask('saveSettings', { settings: chosen });
    // The reply's code and message in the failure text: this failed once under load (not reproduced alone).
    expect(saved, JSON.stringify(saved)).toMatchObject({ ok: true });
    expect((await ask('getSettings', {})).value).toMatchObject({
      matchStrategy: 'host',
      autoLockMinutes: 7,
      syncIntervalMinutes: 30,
      clipboardClearSeconds: 12,
      fillOnLoad: true,
    });
    // The sync alarm runs on the bounded interval.
    await expect.poll(() => ext.inWorker(() => chrome.alarms.get('sync').then((a) => a?.periodInMinutes), undefined)).toBe(30);
    await page.close();
  });

  it('the settings page shows what the policy fixes as locked, "set by your organisation", and offers its server', async () => {
    const page = await ext.openOptions();
    const section = async (name: string) => {
      await page.getByRole('link', { name }).click();
      await page.getByRole('heading', { name, level: 2 }).waitFor();
    };
    const locked = async (label: string, value?: string) => {
      const field = page.getByLabel(label);
      await field.waitFor();
      expect(await field.isDisabled()).toBe(true);
      expect(await page.locator(`#${await field.getAttribute('aria-describedby')}`).innerText()).toBe('Set by your organisation.');
      if (value !== undefined) expect(await field.inputValue()).toBe(value);
    };
    await section('Security');
    await locked('Lock after this many idle minutes', '7');
    await locked('Clear a copied password after (seconds)', '12');
    await section('Autofill');
    await locked('Default URL match');
    await locked('Fill logins when a page loads');
    await section('Servers');
    const sync = page.getByLabel('Sync every (minutes)');
    expect(await sync.isDisabled()).toBe(false);
    expect(await sync.getAttribute('min')).toBe('30');
    expect(await page.locator(`#${(await sync.getAttribute('aria-describedby'))!.split(' ')[0]}`).innerText()).toBe(
      'Your organisation asks for at least 30 minutes.',
    );
    expect(await page.getByText('Company TPM (https://tpm.corp.example)').count()).toBe(1);
    await page.close();
  });

  it('the welcome page fills in the server the organisation suggests', async () => {
    const page = await ext.context.newPage();
    await page.goto(`${ext.origin}src/ui/welcome/index.html`);
    await page.getByLabel('New passphrase', { exact: true }).fill('violet harbour tuesday cactus');
    await page.getByLabel('Repeat the new passphrase').fill('violet harbour tuesday cactus');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Where is your server?' }).waitFor();
    expect(await page.getByLabel('Server address', { exact: true }).inputValue()).toBe('https://tpm.corp.example');
    expect(await page.getByRole('button', { name: /Company TPM/ }).getAttribute('aria-pressed')).toBe('true');
    await page.close();
  });

  it('sets the full-sync period and turns the miss lookup off, as the server requests show', async () => {
    const page = await ext.openOptions();
    const ask = async (kind: string, body: unknown) =>
      page.evaluate(([k, b]) => chrome.runtime.sendMessage({ kind: k, body: b }), [kind, body] as const);
    expect((await ask('getPolicy', {})).value).toMatchObject({ fullSyncHours: 2, missLookups: false, minSyncIntervalMinutes: 30 });
    // The welcome page's test above set the passphrase: the vault is open.
    expect((await ask('getPopupState', {})).value).toMatchObject({ hasPassphrase: true, locked: false });
    const user = DEMO_USERS.normal;
    const saved = await ask('saveServer', {
      server: {
        kind: 'tpm',
        name: 'Simulated TPM',
        baseUrl: tpm.url,
        credentials: { kind: 'tpm-basic', username: user.username, password: user.password },
      },
    });
    expect(saved).toMatchObject({ ok: true });
    let synced: { id: string; lastSyncAt?: string } | undefined;
    for (const deadline = Date.now() + 20_000; !synced?.lastSyncAt; await page.waitForTimeout(100)) {
      if (Date.now() > deadline) throw new Error('The first sync did not finish.');
      synced = (await ask('getPopupState', {})).value.sources.find((s: { id: string }) => s.id === saved.value.id);
    }
    // The next scheduled request is the full list, two hours (the policy's period, not 8) after this one, at the
    // sync alarm's first tick from then (it ticks every sync interval: 30 minutes, the policy's minimum).
    const schedule = (await ask('getSyncSchedule', {})).value as Record<string, string>;
    const after = Date.parse(schedule[synced!.id]) - Date.parse(synced!.lastSyncAt!);
    expect(after).toBeGreaterThanOrEqual(2 * 3_600_000);
    expect(after).toBeLessThan(2 * 3_600_000 + 30 * 60_000);
    // An entry added on the server for a page that matches nothing locally: with the lookup off, the page is not
    // offered it and the server hears nothing.
    const colleague = tpmAdmin(tpm.url);
    const url = `http://unmatched.test:${pages.port}/classic.html`;
    await colleague.createPassword(tpm.state.demo.sharedProjectId, { name: 'Unmatched', username: 'u', password: 'p-1', accessInfo: url });
    tpm.faults.log.length = 0;
    const site = await ext.context.newPage();
    await site.goto(url);
    await expect.poll(() => ext.reportedTabId(page, 'unmatched.test'), { timeout: 15_000 }).toBeGreaterThan(0);
    await site.waitForTimeout(1_000); // nothing to wait for: no request may come
    expect(tpm.faults.log).toEqual([]);
    expect(await site.locator('tpmsp-autofill-icon').count()).toBe(0);
    await site.close();
    await page.close();
  });
});
