/**
 * The vault in the worker, end to end in Node (fake browser storage, fake IndexedDB, a stand-in server): a server
 * saved syncs into memory and the cache, a restarted worker answers from the cache, a favorite is written into one
 * chunk, a removal leaves nothing, and a lock forgets what was decrypted.
 */
import { fakeBrowser } from '@webext-core/fake-browser';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Entry, Project } from '../../../../src/vault/entry';
import type { Source } from '../../../../src/vault/sources';
import { testEntry } from '../../test-entry';

vi.mock('webextension-polyfill', () => ({ default: fakeBrowser }));

/** What the stand-in server lists, and how many times it was asked. */
const server = vi.hoisted(() => ({ entries: [] as Entry[], projects: [] as Project[], lists: 0, probes: 0 }));
vi.mock('../../../../src/background/vault/make-source', () => ({
  makeSource: (config: { id: string }): Partial<Source> => ({
    id: config.id,
    kind: 'tpm',
    list: async () => (
      server.lists++,
      {
        entries: server.entries.map((e) => ({ ...e, sourceId: config.id, id: `${config.id}:${e.id}` })),
        projects: server.projects,
        fingerprint: `${server.entries.length} entries`,
      }
    ),
    probe: async () => (server.probes++, `${server.entries.length} entries`),
    setFavorite: async () => undefined,
  }),
}));

type Modules = Awaited<ReturnType<typeof load>>;
/** The worker's modules, fresh (as after the worker was stopped and started again). */
async function load() {
  vi.resetModules();
  return {
    session: await import('../../../../src/background/lock/keyring-session'),
    service: await import('../../../../src/background/vault/vault-service'),
    sync: await import('../../../../src/background/vault/sync-service'),
    loaded: await import('../../../../src/background/vault/loaded-vault'),
    cache: await import('../../../../src/vault/cache'),
  };
}

const entry = (id: string, name: string): Entry => testEntry({ id, sourceId: '', name, urls: [`https://${id}.example.com`] });
const input = {
  kind: 'tpm' as const,
  name: 'Company TPM',
  baseUrl: 'https://tpm.example.com',
  credentials: { kind: 'tpm-basic' as const, username: 'alice', password: 'pw' },
};

let m: Modules;
let sourceId: string;

beforeAll(async () => {
  fakeBrowser.reset();
  server.entries = [entry('b', 'Bravo'), entry('a', 'alpha'), entry('c', 'Charlie')];
  m = await load();
  await m.session.setFirstPassphrase('correct horse battery staple');
});

describe('the vault in the worker', () => {
  it('syncs a saved server into memory, its state and the cache', async () => {
    const status = await m.service.saveServer(input);
    sourceId = status.id;
    await m.sync.syncNow(sourceId);
    const mem = await m.loaded.loadVault();
    expect(mem.listPage('all', 0, 10).entries.map((e) => e.name)).toEqual(['alpha', 'Bravo', 'Charlie']);
    const [state] = await m.sync.sourceStatuses();
    expect(state).toMatchObject({ id: sourceId, name: 'Company TPM', entryCount: 3, authKind: 'tpm-basic', username: 'alice' });
    expect(state!.lastSyncAt).toBeDefined();
    // What the popup shows first: configured, unlocked.
    expect(await m.sync.popupState()).toMatchObject({ configured: true, hasPassphrase: true, locked: false });
  });

  it('plans the next background sync by the rule the scheduled check follows', async () => {
    const planned = await m.sync.plannedSyncs((due) => due);
    const [state] = await m.sync.sourceStatuses();
    const due = Date.parse(planned[sourceId]!);
    // A full list just ran: the next is due a full-sync period (8 h by default) after it.
    expect(due).toBe(Date.parse(state!.lastSyncAt!) + 8 * 60 * 60_000);
    // The scheduled check agrees: nothing just before that time, a run at it.
    const { lists, probes } = server;
    vi.useFakeTimers({ toFake: ['Date'], now: due - 1 });
    try {
      await m.sync.syncIfStale('scheduled');
      // A run it started would ask within this (the stand-in server answers at once).
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect([server.lists, server.probes]).toEqual([lists, probes]);
      vi.setSystemTime(due);
      await m.sync.syncIfStale('scheduled');
      await vi.waitFor(() => expect(server.lists).toBe(lists + 1));
      await vi.waitFor(async () => expect((await m.sync.plannedSyncs((time) => time))[sourceId]).toBeDefined());
    } finally {
      vi.useRealTimers();
      // That run happened 8 h ahead: bring the state back to now for the next tests.
      await m.sync.syncNow(sourceId);
    }
  });

  it('answers a restarted worker from the cache, with the last sync state, without asking the server', async () => {
    const lists = server.lists;
    m = await load();
    const mem = await m.loaded.loadVault();
    expect(mem.listPage('all', 0, 10).entries.map((e) => e.name)).toEqual(['alpha', 'Bravo', 'Charlie']);
    const [state] = await m.sync.sourceStatuses();
    expect(state).toMatchObject({ entryCount: 3 });
    expect(state!.lastSyncAt).toBeDefined();
    expect(server.lists).toBe(lists);
  });

  it('writes a favorite into memory and the cache at once, and a restart still has it', async () => {
    const { entry: bravo, source } = await m.service.entryById(`${sourceId}:b`);
    await source.setFavorite(bravo, true);
    await m.loaded.updateEntry({ ...bravo, favorite: true });
    expect((await m.loaded.loadVault()).firstScreenLists(5).favorites.map((e) => e.name)).toEqual(['Bravo']);
    await vi.waitFor(async () => {
      const fresh = await load();
      expect((await fresh.loaded.loadVault()).firstScreenLists(5).favorites.map((e) => e.name)).toEqual(['Bravo']);
    });
  });

  const onDemand =
    'on demand: a fresh vault asks nothing; a stale one (after a restart too) probes, and lists only when the probe shows a change';
  it(onDemand, async () => {
    m = await load(); // the fingerprint comes back from the cache
    const { lists, probes } = server;
    await m.sync.syncIfStale('demand');
    expect([server.lists, server.probes]).toEqual([lists, probes]);
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 11 * 60_000 });
    try {
      await m.sync.syncIfStale('demand');
      await vi.waitFor(() => expect(server.probes).toBe(probes + 1));
      expect(server.lists).toBe(lists);
      server.entries.push(entry('d', 'Delta'));
      vi.setSystemTime(Date.now() + 11 * 60_000);
      await m.sync.syncIfStale('demand');
      await vi.waitFor(() => expect(server.lists).toBe(lists + 1));
      expect((await m.loaded.loadVault()).listPage('all', 0, 10).total).toBe(4);
    } finally {
      vi.useRealTimers();
      server.entries.pop();
      await m.sync.syncNow(sourceId);
    }
  });

  it('forgets what was decrypted on lock, and loads it again after unlocking', async () => {
    m.service.forgetMemory();
    await m.session.lock();
    await expect(m.loaded.loadVault()).rejects.toMatchObject({ code: 'vault_locked' });
    // Nothing syncs while locked: no next sync is planned.
    expect(await m.sync.plannedSyncs((due) => due)).toEqual({});
    expect((await m.sync.sourceStatuses())[0]).toMatchObject({ entryCount: 0 });
    await m.session.unlock('correct horse battery staple');
    expect((await m.loaded.loadVault()).listPage('all', 0, 10).total).toBe(3);
  });

  it('removes a server with its entries, credentials and cache', async () => {
    await m.service.removeServer(sourceId);
    expect((await m.loaded.loadVault()).listPage('all', 0, 10).total).toBe(0);
    expect(await m.sync.sourceStatuses()).toEqual([]);
    await expect(m.service.entryById(`${sourceId}:a`)).rejects.toMatchObject({ code: 'not_found' });
    const fresh = await load();
    expect((await fresh.loaded.loadVault()).listPage('all', 0, 10).total).toBe(0);
    const db = await fresh.cache.openCache();
    expect(await db.getAll('entries')).toEqual([]);
    db.close();
  });

  it('refuses credentials of the wrong kind and a server address over plain http on the internet', async () => {
    await expect(m.service.saveServer({ ...input, kind: 'syspass' })).rejects.toMatchObject({ code: 'bad_request' });
    await expect(m.service.saveServer({ ...input, baseUrl: 'http://tpm.example.com' })).rejects.toMatchObject({ code: 'insecure_url' });
    expect(await m.sync.sourceStatuses()).toEqual([]);
  });
});
