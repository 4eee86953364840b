/**
 * Secrets at rest: after a scripted session (configure both servers, sync, fill from the in-page menu, popup,
 * search, generate, save, reveal, copy, OTP, and a submitted login left waiting for its prompt), then a lock,
 * everything the extension keeps (storage.session, storage.local, storage.sync, every IndexedDB database, read
 * through the extension; then every file of the closed profile, as raw bytes) must hold no server credential,
 * password, OTP seed, token or passphrase in clear.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame } from 'playwright-core';
import { DEMO_HOSTS, DEMO_PASSPHRASE, SYSPASS_TOKEN, TPM_USER, startDemoWorld, type DemoWorld } from '../demo/demo-world';
import { runTour } from '../demo/tour';
import { DEMO_USERS } from '../sim/tpm/seed';
import { untilClickable } from './click-guard';
import { launchExtension, type ExtensionSession } from './harness';

/** Every place in `haystack` where `secret` occurs as UTF-8 or UTF-16LE. */
function occurs(haystack: Buffer, secret: string): boolean {
  return haystack.includes(Buffer.from(secret, 'utf8')) || haystack.includes(Buffer.from(secret, 'utf16le'));
}

const files = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    return d.isDirectory() ? files(p) : d.isFile() ? [p] : [];
  });

/** All the extension keeps: storage.session/local/sync and every IndexedDB store, binary values as base64. */
const DUMP = `(async () => {
  const bins = [];
  const replacer = (k, v) => {
    if (v instanceof ArrayBuffer || ArrayBuffer.isView(v)) {
      const u = v instanceof ArrayBuffer ? new Uint8Array(v) : new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
      let s = '';
      for (let i = 0; i < u.length; i++) s += String.fromCharCode(u[i]);
      bins.push(btoa(s));
      return '[bin]';
    }
    if (v instanceof Blob) return '[blob]';
    return v;
  };
  const dbs = {};
  for (const info of await indexedDB.databases()) {
    const db = await new Promise((resolve, reject) => {
      const r = indexedDB.open(info.name);
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const stores = {};
    for (const name of db.objectStoreNames) {
      stores[name] = await new Promise((resolve) => {
        const q = db.transaction(name).objectStore(name).getAll();
        q.onsuccess = () => resolve(q.result);
      });
    }
    db.close();
    dbs[info.name] = stores;
  }
  const session = await chrome.storage.session.get(null);
  const local = await chrome.storage.local.get(null);
  const sync = await chrome.storage.sync.get(null);
  return {
    text: JSON.stringify({ session, local, sync, dbs }, replacer),
    bins,
    dbNames: Object.keys(dbs),
    localKeys: Object.keys(local),
    sessionKeys: Object.keys(session),
  };
})()`;

describe('secrets at rest after a full session', () => {
  let world: DemoWorld;
  let ext: ExtensionSession;
  const shots = fs.mkdtempSync(path.join(os.tmpdir(), 'at-rest-shots-'));
  const used = new Map<string, string>();

  beforeAll(async () => {
    world = await startDemoWorld();
    ext = await launchExtension({ hosts: [DEMO_HOSTS] });
  }, 60_000);
  afterAll(async () => {
    await ext?.close();
    await world?.close();
    fs.rmSync(shots, { recursive: true, force: true });
  });

  it('runs the session: set up from the welcome page, sync, fill, popup, search, generate, save, reveal, copy, OTP', async () => {
    // The tour sets the passphrase and both servers up as a person does, on the welcome page (a fresh profile).
    const steps = await runTour(ext, world, shots);
    expect(steps.filter((s) => !s.ok)).toEqual([]);
    // Reveal and copy a password and a secret custom field, and show the OTP code, in the popup.
    const popup = await ext.openPopup('?tab=1');
    await popup.getByRole('combobox').fill('GitHub organisation owner');
    await popup
      .getByRole('option', { name: /GitHub organisation owner/ })
      .first()
      .click();
    const reveal = popup.getByRole('button', { name: /^(Reveal|Show)/i });
    await expect.poll(() => reveal.count()).toBeGreaterThan(1);
    for (let left = await reveal.count(); left > 0; left--) {
      await reveal.first().click();
      await expect.poll(() => reveal.count()).toBe(left - 1);
    }
    await popup.getByRole('button', { name: /^Copy/i }).first().click();
    await popup
      .getByRole('status')
      .filter({ hasText: /copied/i })
      .waitFor({ timeout: 5_000 });
    const github = [...world.tpm.state.passwords.values()].find((p) => p.name === 'GitHub organisation owner')!;
    const details = await popup.locator('.details').innerText();
    expect(details).toContain(github.password);
    expect(details).toContain('a1b2-c3d4 e5f6-g7h8');
    expect(details).toMatch(/\b\d{3} ?\d{3}\b/); // the OTP code
    await popup.close();

    const generated =
      [...world.tpm.state.passwords.values(), ...world.tpm.state.myPasswords.values()].find((p) => p.username === 'alice.shop')?.password ??
      [...world.syspass.state.accounts.values()].find((a) => a.login === 'alice.shop')?.pass;
    expect(generated).toBeTruthy();
    for (const [name, value] of Object.entries({
      'TPM user password': TPM_USER.password,
      'sysPass auth token': SYSPASS_TOKEN.authToken,
      'sysPass token password': SYSPASS_TOKEN.tokenPassword,
      passphrase: DEMO_PASSPHRASE,
      'OTP seed': 'JBSWY3DPEHPK3PXP',
      'intranet password (filled)': 'Intranet-Demo-2026',
      'SSO password (synced)': 'Sso-Demo-2026!',
      'wiki password (synced)': 'Wiki-Demo-2026',
      'GitHub password (revealed, copied)': github.password,
      'recovery codes (revealed)': 'a1b2-c3d4 e5f6-g7h8',
      'generated password (saved)': generated!,
      ...Object.fromEntries(Object.values(DEMO_USERS).map((u) => [`HMAC private key of ${u.username}`, u.privateKey])),
    }))
      used.set(name, value);
  }, 80_000);

  type Dump = { text: string; bins: string[]; dbNames: string[]; localKeys: string[]; sessionKeys: string[] };
  const dumpAll = async () => (await (await ext.currentWorker()).evaluate(DUMP)) as Dump;

  it('a login submitted with a changed password waits for its prompt; then the vault is locked', async () => {
    const changed = 'Changed-Intranet-2027';
    const page = await ext.context.newPage();
    await page.goto(world.at('intranet', 'login.html'));
    await page.locator('tpmsp-autofill-icon').first().click({ timeout: 10_000 });
    let menu: Frame | undefined;
    await expect.poll(() => (menu = page.frames().find((f) => f.url().includes('/src/ui/inline-menu/'))) !== undefined).toBe(true);
    await menu!.getByRole('button', { name: /Intranet portal/ }).waitFor();
    await untilClickable(menu!);
    await menu!.getByRole('button', { name: /Intranet portal/ }).click();
    await expect.poll(() => page.locator('#pass').inputValue()).toBe('Intranet-Demo-2026');
    await page.locator('#pass').fill(changed);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/welcome\.html$/);
    await expect.poll(() => page.frames().some((f) => f.url().includes('/src/ui/save-prompt/')), { timeout: 10_000 }).toBe(true);
    used.set('intranet password (submitted, prompt pending)', changed);
    // Before the lock, storage.session holds the pending login and the generated password (the dump sees them) ...
    const unlocked = await dumpAll();
    expect(occurs(Buffer.from(unlocked.text, 'utf8'), changed)).toBe(true);
    expect(occurs(Buffer.from(unlocked.text, 'utf8'), used.get('generated password (saved)')!)).toBe(true);
    expect(unlocked.sessionKeys).toContain('sessionKey');
    // ... then the user locks the vault.
    const popup = await ext.openPopup();
    expect(await popup.evaluate(() => chrome.runtime.sendMessage({ kind: 'lock', body: {} }))).toMatchObject({ ok: true });
    await Promise.all([popup.close(), page.close()]);
  });

  it('after the lock, storage.session, storage.local, storage.sync and IndexedDB hold none of the secrets', async () => {
    expect(used.size).toBeGreaterThan(10);
    const dump = await dumpAll();
    expect(dump.sessionKeys).not.toContain('sessionKey');
    // There is something to look at: the encrypted cache and the stored configuration.
    expect(dump.dbNames).toContain('vault-cache');
    expect(dump.localKeys.length).toBeGreaterThan(0);
    expect(dump.text).toContain(world.tpm.url); // a non-secret fact is found in clear: the search works
    const stacks = [Buffer.from(dump.text, 'utf8'), ...dump.bins.map((b) => Buffer.from(b, 'base64'))];
    const leaked = [...used].filter(([, secret]) => stacks.some((s) => occurs(s, secret))).map(([name]) => name);
    expect(leaked).toEqual([]);
  });

  it('no file of the closed profile holds them in clear (the extension’s folders and everything else)', async () => {
    // Closing the browser flushes LevelDB (storage, IndexedDB) to disk.
    await ext.context.close();
    const all = files(ext.profileDir);
    const ours = all.filter((f) => f.includes(ext.extensionId));
    expect(ours.some((f) => f.includes('IndexedDB'))).toBe(true);
    expect(ours.some((f) => f.includes('Local Extension Settings'))).toBe(true);
    const hits: string[] = [];
    let bytes = 0;
    for (const file of all) {
      const data = fs.readFileSync(file);
      bytes += data.length;
      for (const [name, secret] of used) if (occurs(data, secret)) hits.push(`${name} in ${path.relative(ext.profileDir, file)}`);
    }
    expect(bytes).toBeGreaterThan(0);
    // Known non-secret text is found in the extension's storage files: the byte search sees into them.
    expect(ours.some((f) => occurs(fs.readFileSync(f), new URL(world.tpm.url).host))).toBe(true);
    expect(hits).toEqual([]);
  });
});
