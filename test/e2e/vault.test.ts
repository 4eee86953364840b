import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startTpmSim, type TpmSim } from '../sim/tpm/server';
import { DEMO_USERS } from '../sim/tpm/seed';
import { startSyspassSim, type SyspassSim } from '../sim/syspass/server';
import { DEMO_AUTH_TOKEN, DEMO_TOKEN_PASS } from '../sim/syspass/seed';
import { SyspassClient } from '../../src/api/syspass/client';
import { launchExtension, type ExtensionSession } from './harness';

/** Sends a typed request from one of our pages, exactly as the popup and options do. */
async function ask(page: Page, kind: string, body: unknown) {
  return page.evaluate(([kind, body]) => chrome.runtime.sendMessage({ kind, body }), [kind, body] as const);
}

describe('the vault in the worker, against a TPM and a sysPass simulator', () => {
  let ext: ExtensionSession;
  let tpm: TpmSim;
  let syspass: SyspassSim;
  let page: Page;

  beforeAll(async () => {
    tpm = await startTpmSim({ entries: 300 });
    syspass = await startSyspassSim({ accounts: 120 });
    ext = await launchExtension();
    page = await ext.openOptions();
  });
  afterAll(async () => {
    await ext?.close();
    await tpm?.close();
    await syspass?.close();
  });

  it('sets a passphrase, adds two servers and syncs both', async () => {
    expect(await ask(page, 'setPassphrase', { passphrase: 'correct horse battery' })).toMatchObject({
      ok: true,
      value: { hasPassphrase: true, locked: false },
    });
    const user = DEMO_USERS.normal;
    const saved = await ask(page, 'saveServer', {
      server: {
        kind: 'tpm',
        name: 'Company TPM',
        baseUrl: tpm.url,
        credentials: { kind: 'tpm-basic', username: user.username, password: user.password },
      },
    });
    expect(saved).toMatchObject({ ok: true, value: { name: 'Company TPM', authKind: 'tpm-basic', username: 'alice' } });
    const team = await ask(page, 'saveServer', {
      server: {
        kind: 'syspass',
        name: 'Team sysPass',
        baseUrl: `${syspass.url}/index.php`,
        credentials: { kind: 'syspass', authToken: DEMO_AUTH_TOKEN, tokenPassword: DEMO_TOKEN_PASS },
      },
    });
    expect(team).toMatchObject({ ok: true, value: { name: 'Team sysPass', kind: 'syspass' } });
    const synced = async () => (await ask(page, 'getPopupState', {})).value.sources.every((s: { lastSyncAt?: string }) => s.lastSyncAt);
    await expect.poll(synced, { timeout: 20_000 }).toBe(true);
    const [company, sp] = (await ask(page, 'getPopupState', {})).value.sources;
    expect(company.lastError).toBeUndefined();
    expect(company.entryCount).toBeGreaterThan(50);
    expect(sp.lastError).toBeUndefined();
    // Private accounts of other users stay hidden: the token sees what a direct API call sees.
    const direct = new SyspassClient({ baseUrl: syspass.url, authToken: DEMO_AUTH_TOKEN, tokenPassword: DEMO_TOKEN_PASS, fetch });
    expect(sp.entryCount).toBe((await direct.searchAccounts({ count: 0 })).length);
  });

  it('searches the local index', async () => {
    const first = (await ask(page, 'getFirstScreen', { limit: 5 })).value;
    expect(first.entries).toHaveLength(5);
    const name: string = first.entries[2].name;
    const hits = (await ask(page, 'search', { text: name.slice(0, 6), limit: 20 })).value;
    expect(hits.map((h: { name: string }) => h.name)).toContain(name);
  });

  it('keeps the entries after the worker restarts, without asking the server', async () => {
    const before = (await ask(page, 'getFirstScreen', { limit: 10 })).value;
    tpm.faults.log.length = 0;
    syspass.faults.log.length = 0;
    await ext.stopWorker(page);
    const after = (await ask(page, 'getFirstScreen', { limit: 10 })).value;
    expect(after.entries.map((e: { id: string }) => e.id)).toEqual(before.entries.map((e: { id: string }) => e.id));
    expect(after.total).toBe(before.total);
    const sources = new Set(
      (await ask(page, 'listEntries', { scope: 'all', offset: 0, limit: 1000 })).value.entries.map((e: { sourceId: string }) => e.sourceId),
    );
    expect(sources.size).toBe(2);
    expect(syspass.faults.log).toEqual([]);
    expect(tpm.faults.log).toEqual([]);
  });

  it('locks: no data, no server request; unlocks with the passphrase', async () => {
    expect(await ask(page, 'lock', {})).toEqual({ ok: true, value: null });
    tpm.faults.log.length = 0;
    syspass.faults.log.length = 0;
    expect(await ask(page, 'getFirstScreen', { limit: 10 })).toMatchObject({ ok: false, code: 'vault_locked' });
    expect(await ask(page, 'syncNow', {})).toMatchObject({ ok: false, code: 'vault_locked' });
    expect((await ask(page, 'getPopupState', {})).value).toMatchObject({ locked: true, configured: true });
    expect(await ask(page, 'unlock', { passphrase: 'wrong' })).toMatchObject({ ok: false, code: 'bad_passphrase' });
    expect(tpm.faults.log).toEqual([]);
    expect(syspass.faults.log).toEqual([]);
    expect(await ask(page, 'unlock', { passphrase: 'correct horse battery' })).toMatchObject({ ok: true, value: { locked: false } });
    expect((await ask(page, 'getFirstScreen', { limit: 3 })).value.entries).toHaveLength(3);
  });

  it('drops entries deleted on the server at the next sync', async () => {
    const first = (await ask(page, 'getFirstScreen', { limit: 3 })).value.entries[0];
    const remoteId = Number(first.id.split(':').pop());
    if (first.sourceId === (await ask(page, 'getPopupState', {})).value.sources[0].id) {
      expect((first.kind === 'personal' ? tpm.state.myPasswords : tpm.state.passwords).delete(remoteId)).toBe(true);
      tpm.state.touch();
    } else {
      expect(syspass.state.accounts.has(remoteId)).toBe(true);
      syspass.state.deleteAccount(remoteId);
    }
    expect(await ask(page, 'syncNow', {})).toEqual({ ok: true, value: null });
    const after = (await ask(page, 'listEntries', { scope: 'all', offset: 0, limit: 1000 })).value.entries.map((e: { id: string }) => e.id);
    expect(after).not.toContain(first.id);
  });

  it('removes a server with its credentials and cached entries', async () => {
    const [company, team] = (await ask(page, 'getPopupState', {})).value.sources;
    expect(await ask(page, 'removeServer', { id: team.id })).toEqual({ ok: true, value: null });
    await ext.stopWorker(page);
    const state = (await ask(page, 'getPopupState', {})).value;
    expect(state.sources.map((s: { id: string }) => s.id)).toEqual([company.id]);
    const listed = (await ask(page, 'listEntries', { scope: 'all', offset: 0, limit: 1000 })).value.entries;
    expect(listed.every((e: { sourceId: string }) => e.sourceId === company.id)).toBe(true);
    const stored = await ext.inWorker(() => chrome.storage.local.get(null), undefined);
    expect(JSON.stringify(stored)).not.toContain(team.id);
    const cachedSources = await ext.inWorker(
      () =>
        new Promise<string[]>((resolve) => {
          const open = indexedDB.open('vault-cache');
          open.onsuccess = () => {
            const read = open.result.transaction('entries').objectStore('entries').getAll();
            read.onsuccess = () => resolve([...new Set((read.result as { sourceId: string }[]).map((r) => r.sourceId))]);
          };
        }),
      undefined,
    );
    expect(cachedSources).toEqual([company.id]);
  });
});
