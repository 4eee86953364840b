import { afterEach, describe, expect, it } from 'vitest';
import {
  CACHE_VERSION,
  clearCache,
  getAllSyncStates,
  getSyncState,
  loadAllEntries,
  loadAllProjects,
  loadSourceEntries,
  openCache,
  putEntry,
  putSourceEntries,
  putSourceProjects,
  putSyncState,
  removeSource,
  type CacheDb,
} from '../../../src/vault/cache';
import type { SyncState } from '../../../src/vault/sync';
import { entryId, projectId, type Entry, type Project } from '../../../src/vault/entry';

let dbCounter = 0;
const opened: CacheDb[] = [];

async function freshDb(version?: number): Promise<{ db: CacheDb; name: string }> {
  const name = `vault-cache-test-${++dbCounter}`;
  const db = await openCache(name, version);
  opened.push(db);
  return { db, name };
}

afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

async function newKey(): Promise<CryptoKey> {
  return crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
}

function makeEntry(i: number, sourceId = 'tpm-1'): Entry {
  return {
    id: entryId(sourceId, i % 5 === 0 ? 'personal' : 'shared', i),
    sourceId,
    remoteId: i,
    kind: i % 5 === 0 ? 'personal' : 'shared',
    name: `Entry ${i}`,
    username: `user${i}`,
    urls: [`https://host${i}.example.com/login`],
    tags: ['a', 'b'],
    projectPath: ['Root', `P${i % 10}`],
    projectId: projectId(sourceId, i % 10),
    favorite: i % 7 === 0,
    archived: false,
    lockedType: 0,
    expiryStatus: 0,
    customFieldLabels: [{ label: 'PIN', type: 'Encrypted text', secret: true }],
    hasOtp: false,
    updatedAt: '2026-01-01T00:00:00Z',
  };
}

const range = (n: number, sourceId?: string) => Array.from({ length: n }, (_, i) => makeEntry(i, sourceId));

describe('cache entries', () => {
  it('round-trips entries of several sources, across chunks', async () => {
    const { db } = await freshDb();
    const key = await newKey();
    const a = range(2500, 'a');
    const b = range(3, 'b');
    await putSourceEntries(db, key, 'a', a);
    await putSourceEntries(db, key, 'b', b);
    expect(await db.count('entries')).toBe(4);
    const all = await loadAllEntries(db, key);
    expect(all.get('a')).toEqual(a);
    expect(all.get('b')).toEqual(b);
    expect(await loadSourceEntries(db, key, 'b')).toEqual(b);
    expect(await loadSourceEntries(db, key, 'none')).toBeUndefined();
  });

  it('replaces one entry in its chunk and appends a new one to the last chunk, the rest as it was', async () => {
    const { db } = await freshDb();
    const key = await newKey();
    const entries = Array.from({ length: 2500 }, (_, i) => makeEntry(i));
    await putSourceEntries(db, key, 'tpm-1', entries);
    const before = await db.getAll('entries');
    const changed = { ...entries[1234]!, favorite: !entries[1234]!.favorite };
    expect(await putEntry(db, key, changed, 1234)).toBe(true);
    const added = makeEntry(9999);
    expect(await putEntry(db, key, added, 2500)).toBe(true);
    expect(await putEntry(db, key, makeEntry(10_000), 2502)).toBe(false);
    const after = await db.getAll('entries');
    // Chunk 0 untouched; chunk 1 (the change) and chunk 2 (the new entry) written again.
    expect(after[0]).toEqual(before[0]);
    expect(after[1]).not.toEqual(before[1]);
    expect(after[2]).not.toEqual(before[2]);
    const expected = entries.map((e, i) => (i === 1234 ? changed : e)).concat(added);
    expect((await loadAllEntries(db, key)).get('tpm-1')).toEqual(expected);
    // The grown last chunk takes the next position too.
    const next = makeEntry(10_001);
    expect(await putEntry(db, key, next, 2501)).toBe(true);
    expect((await loadSourceEntries(db, key, 'tpm-1'))?.at(-1)).toEqual(next);
  });

  it('writes no single entry where the cache holds another one, or no source at all', async () => {
    const { db } = await freshDb();
    const key = await newKey();
    const entries = Array.from({ length: 10 }, (_, i) => makeEntry(i));
    expect(await putEntry(db, key, entries[0]!, 0)).toBe(false);
    await putSourceEntries(db, key, 'tpm-1', entries);
    expect(await putEntry(db, key, { ...entries[3]!, name: 'moved' }, 4)).toBe(false);
    expect(await putEntry(db, key, entries[3]!, 3)).toBe(true);
    expect(await loadSourceEntries(db, key, 'tpm-1')).toEqual(entries);
  });

  it('keeps an empty source apart from one never cached', async () => {
    const { db } = await freshDb();
    const key = await newKey();
    await putSourceEntries(db, key, 'empty', []);
    const all = await loadAllEntries(db, key);
    expect(all.get('empty')).toEqual([]);
    expect(all.has('never')).toBe(false);
  });

  it('replaces a source entirely, leaving no stale chunk', async () => {
    const { db } = await freshDb();
    const key = await newKey();
    await putSourceEntries(db, key, 'a', range(2500, 'a'));
    await putSourceEntries(db, key, 'a', range(10, 'a'));
    expect(await db.count('entries')).toBe(1);
    expect((await loadAllEntries(db, key)).get('a')).toHaveLength(10);
  });

  it('stores nothing readable in clear', async () => {
    const { db } = await freshDb();
    await putSourceEntries(db, await newKey(), 'a', range(3, 'a'));
    const raw = await db.getAll('entries');
    const text = new TextDecoder().decode(raw[0]!.ct);
    expect(text).not.toContain('user1');
    expect(text).not.toContain('example.com');
  });

  it('treats everything as missing under another key, without throwing', async () => {
    const { db } = await freshDb();
    await putSourceEntries(db, await newKey(), 'a', range(3, 'a'));
    expect((await loadAllEntries(db, await newKey())).size).toBe(0);
  });

  it('drops only the source with an altered chunk', async () => {
    const { db } = await freshDb();
    const key = await newKey();
    await putSourceEntries(db, key, 'a', range(2500, 'a'));
    await putSourceEntries(db, key, 'b', range(5, 'b'));
    const chunk = (await db.get('entries', ['a', 1]))!;
    chunk.ct[20]! ^= 0xff;
    await db.put('entries', chunk);
    const all = await loadAllEntries(db, key);
    expect(all.has('a')).toBe(false);
    expect(all.get('b')).toHaveLength(5);
  });

  it('drops a source with a missing chunk', async () => {
    const { db } = await freshDb();
    const key = await newKey();
    await putSourceEntries(db, key, 'a', range(2500, 'a'));
    await db.delete('entries', ['a', 2]);
    expect((await loadAllEntries(db, key)).has('a')).toBe(false);
  });

  it('drops a source whose chunk is not an encrypted record at all', async () => {
    const { db } = await freshDb();
    const key = await newKey();
    await putSourceEntries(db, key, 'b', range(2, 'b'));
    await db.put('entries', { sourceId: 'a', chunk: 0, chunks: 1, iv: 'x', ct: 'y' } as never);
    const all = await loadAllEntries(db, key);
    expect(all.has('a')).toBe(false);
    expect(all.get('b')).toHaveLength(2);
  });

  it('drops a source whose decrypted entries have the wrong shape or source', async () => {
    const { db } = await freshDb();
    const key = await newKey();
    await putSourceEntries(db, key, 'bad-shape', [{ ...makeEntry(1, 'bad-shape'), lockedType: 7 } as unknown as Entry]);
    await putSourceEntries(db, key, 'no-urls', [{ ...makeEntry(1, 'no-urls'), urls: undefined } as unknown as Entry]);
    await putSourceEntries(db, key, 'foreign', [makeEntry(1, 'other-source')]);
    await putSourceEntries(db, key, 'good', [makeEntry(1, 'good')]);
    expect([...(await loadAllEntries(db, key)).keys()]).toEqual(['good']);
  });
});

describe('cache projects, sync state, removal', () => {
  const projects: Project[] = [
    { id: projectId('a', 1), sourceId: 'a', remoteId: 1, name: 'Root', path: ['Root'], canCreate: true },
    { id: projectId('a', 2), sourceId: 'a', remoteId: 2, name: 'Child', parentId: projectId('a', 1), path: ['Root', 'Child'] },
  ];

  it('round-trips projects and drops unreadable ones', async () => {
    const { db } = await freshDb();
    const key = await newKey();
    await putSourceProjects(db, key, 'a', projects);
    await putSourceProjects(db, key, 'b', [{ ...projects[0]!, sourceId: 'b', path: 'Root' } as unknown as Project]);
    const all = await loadAllProjects(db, key);
    expect(all.get('a')).toEqual(projects);
    expect(all.has('b')).toBe(false);
  });

  it('keeps sync state per source and ignores malformed records', async () => {
    const { db } = await freshDb();
    const state: SyncState = {
      entryCount: 5,
      lastSyncAt: '2026-01-02T03:04:05.000Z',
      lastFullSyncAt: '2026-01-02T01:00:00.000Z',
      fingerprint: 'passwords 4, my_passwords 1',
      lastError: { code: 'timeout', message: 'slow', at: '2026-01-02T04:00:00.000Z' },
      failures: 2,
      retryAt: '2026-01-02T04:02:00.000Z',
    };
    await putSyncState(db, 'a', { ...state, progress: { done: 1, total: 5 } });
    await putSyncState(db, 'b', { entryCount: 'x' } as unknown as SyncState);
    expect(await getSyncState(db, 'a')).toEqual(state);
    expect(await getSyncState(db, 'b')).toBeUndefined();
    expect(await getSyncState(db, 'c')).toBeUndefined();
    expect(await getAllSyncStates(db)).toEqual(new Map([['a', state]]));
  });

  it('removes one source everywhere, and clears all', async () => {
    const { db } = await freshDb();
    const key = await newKey();
    for (const s of ['a', 'b']) {
      await putSourceEntries(db, key, s, range(1200, s));
      await putSourceProjects(db, key, s, []);
      await putSyncState(db, s, { entryCount: 1200 });
    }
    await removeSource(db, 'a');
    expect([...(await loadAllEntries(db, key)).keys()]).toEqual(['b']);
    expect([...(await loadAllProjects(db, key)).keys()]).toEqual(['b']);
    expect([...(await getAllSyncStates(db)).keys()]).toEqual(['b']);
    await clearCache(db);
    expect((await loadAllEntries(db, key)).size).toBe(0);
    expect((await getAllSyncStates(db)).size).toBe(0);
  });
});

describe('cache migrations', () => {
  it('migrates a v1 database to the current one, converting sync state and adding the source index', async () => {
    const { db: v1, name } = await freshDb(1);
    const key = await newKey();
    expect(v1.version).toBe(1);
    expect(v1.transaction('entries').store.indexNames.contains('bySource')).toBe(false);
    await putSourceEntries(v1, key, 'a', range(1500, 'a'));
    await v1.put('sync', { sourceId: 'a', lastSyncAt: 42, lastError: 'server said no', entryCount: 1500 } as never);
    await v1.put('sync', { sourceId: 'b', lastSyncAt: null, lastError: null, entryCount: 0 } as never);
    v1.close();

    const v2 = await openCache(name);
    opened.push(v2);
    expect(v2.version).toBe(CACHE_VERSION);
    expect(v2.transaction('entries').store.indexNames.contains('bySource')).toBe(true);
    expect(await getSyncState(v2, 'a')).toEqual({
      entryCount: 1500,
      lastSyncAt: '1970-01-01T00:00:00.042Z',
      lastError: { code: 'internal', message: 'server said no', at: '1970-01-01T00:00:00.042Z' },
    });
    expect(await getSyncState(v2, 'b')).toEqual({ entryCount: 0 });
    expect(await loadSourceEntries(v2, key, 'a')).toEqual(range(1500, 'a'));
  });

  it('migrates a v2 database to v3: sync state as the syncer keeps it', async () => {
    const { db: v2, name } = await freshDb(2);
    await v2.put('sync', {
      sourceId: 'a',
      lastSyncAt: 1_700_000_000_000,
      lastError: { code: 'timeout', message: 'slow' },
      counts: { entries: 7, projects: 0 },
    } as never);
    await v2.put('sync', { sourceId: 'b', counts: { entries: 3, projects: 0 } } as never);
    v2.close();
    const v3 = await openCache(name);
    opened.push(v3);
    const at = new Date(1_700_000_000_000).toISOString();
    expect(await getAllSyncStates(v3)).toEqual(
      new Map([
        ['a', { entryCount: 7, lastSyncAt: at, lastError: { code: 'timeout', message: 'slow', at } }],
        ['b', { entryCount: 3 }],
      ]),
    );
  });

  it('does not let an old open connection block an upgrade', async () => {
    const { name } = await freshDb(1);
    const upgraded = await openCache(name);
    opened.push(upgraded);
    expect(upgraded.version).toBe(CACHE_VERSION);
  });
});
