/**
 * The IndexedDB cache of entry metadata, encrypted with the vault's data key, so a cold worker can answer
 * the popup without the server. Entries are sealed in chunks of up to 1,000 per source: one AES-GCM call and
 * one JSON.parse per chunk instead of per entry, and a sync rewrites only its own source.
 * A record that does not decrypt or has the wrong shape counts as missing: the caller re-syncs that source.
 */
import { deleteDB, openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import * as v from 'valibot';
import type { ErrorCode } from '../errors';
import type { Entry, Project } from './entry';
import { isEntry, isProject } from './entry-guard';
import { decryptJson, encryptJson, isEncryptedBlob, type EncryptedBlob } from './encrypt-json';
import type { SyncState } from './sync';

/** The database name used by the extension. */
export const CACHE_DB_NAME = 'vault-cache';
/** The current schema version; see `MIGRATIONS`. */
export const CACHE_VERSION = 3;
/** Entries per encrypted record. */
export const ENTRY_CHUNK_SIZE = 1000;

/** A source's sync state as stored: kept in clear (no entry data) so it can be shown while locked. */
type SyncRecord = SyncState & { sourceId: string };

/** Checks a stored sync state: it went through the disk, and an older or newer version may have written it. */
const syncRecordSchema = v.object({
  sourceId: v.string(),
  entryCount: v.pipe(v.number(), v.integer(), v.minValue(0)),
  lastSyncAt: v.optional(v.string()),
  lastFullSyncAt: v.optional(v.string()),
  fingerprint: v.optional(v.string()),
  lastError: v.optional(
    v.object({
      code: v.pipe(
        v.string(),
        v.transform((code) => code as ErrorCode),
      ),
      message: v.string(),
      at: v.string(),
    }),
  ),
  failures: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
  retryAt: v.optional(v.string()),
});

interface EntryChunk extends EncryptedBlob {
  sourceId: string;
  chunk: number;
  /** How many chunks the source has: a missing one makes the whole source missing. */
  chunks: number;
}

interface ProjectRecord extends EncryptedBlob {
  sourceId: string;
}

interface CacheSchema extends DBSchema {
  entries: { key: [string, number]; value: EntryChunk; indexes: { bySource: string } };
  projects: { key: string; value: ProjectRecord };
  sync: { key: string; value: SyncRecord };
}

/** An open cache database. */
export type CacheDb = IDBPDatabase<CacheSchema>;
type UpgradeTx = IDBPTransaction<CacheSchema, StoreNames<CacheSchema>[], 'versionchange'>;

/**
 * Schema steps; step `n` brings version n-1 to n. Never edit a released step: add one.
 * v1: stores for entry chunks, projects and sync state (`lastError` a string, `entryCount`).
 * v2: a `bySource` index on entries; sync state gets `lastError: {code, message}` and `counts`.
 * v3: sync state as the syncer keeps it (`SyncState` of `sync.ts`): `entryCount`, ISO times, `lastError.at`.
 */
const MIGRATIONS: ((db: CacheDb, tx: UpgradeTx) => Promise<void> | void)[] = [
  (db) => {
    db.createObjectStore('entries', { keyPath: ['sourceId', 'chunk'] });
    db.createObjectStore('projects', { keyPath: 'sourceId' });
    db.createObjectStore('sync', { keyPath: 'sourceId' });
  },
  async (_db, tx) => {
    tx.objectStore('entries').createIndex('bySource', 'sourceId');
    const store = tx.objectStore('sync');
    for (let cursor = await store.openCursor(); cursor; cursor = await cursor.continue()) {
      const old = cursor.value as unknown as {
        sourceId: string;
        lastSyncAt?: number | null;
        lastError?: string | null;
        entryCount?: number;
      };
      const next: V2SyncRecord = { sourceId: old.sourceId, counts: { entries: old.entryCount ?? 0, projects: 0 } };
      if (typeof old.lastSyncAt === 'number') next.lastSyncAt = old.lastSyncAt;
      if (typeof old.lastError === 'string' && old.lastError !== '') next.lastError = { code: 'internal', message: old.lastError };
      await cursor.update(next as never);
    }
  },
  async (_db, tx) => {
    const store = tx.objectStore('sync');
    for (let cursor = await store.openCursor(); cursor; cursor = await cursor.continue()) {
      const old = cursor.value as unknown as Partial<V2SyncRecord> & { sourceId: string };
      const next: SyncRecord = { sourceId: old.sourceId, entryCount: old.counts?.entries ?? 0 };
      if (typeof old.lastSyncAt === 'number') next.lastSyncAt = new Date(old.lastSyncAt).toISOString();
      if (old.lastError)
        next.lastError = {
          code: old.lastError.code as ErrorCode,
          message: old.lastError.message,
          at: next.lastSyncAt ?? new Date(0).toISOString(),
        };
      await cursor.update(next);
    }
  },
];

/** The v2 sync record, for the v2 → v3 step. */
interface V2SyncRecord {
  sourceId: string;
  lastSyncAt?: number;
  lastError?: { code: string; message: string };
  counts: { entries: number; projects: number };
}

/**
 * Opens (creating or migrating) the cache. `version` exists for migration tests; the app uses the default.
 * When a newer version of the extension opens the database, this connection closes itself so the upgrade
 * is not blocked; later calls on it then fail and the caller reopens.
 */
export function openCache(name = CACHE_DB_NAME, version = CACHE_VERSION): Promise<CacheDb> {
  return openDB<CacheSchema>(name, version, {
    async upgrade(db, oldVersion, newVersion, tx) {
      for (let v = oldVersion; v < (newVersion ?? version); v++) await MIGRATIONS[v]!(db, tx);
    },
    blocking(_current, _blocked, event) {
      (event.target as IDBDatabase).close();
    },
  });
}

/** Deletes the whole cache database (it cannot be opened by this version); the next syncs fill it again. */
export async function deleteCache(name = CACHE_DB_NAME): Promise<void> {
  await deleteDB(name);
}

/** Replaces a source's cached entries in one transaction (encryption happens before it opens). */
export async function putSourceEntries(db: CacheDb, key: CryptoKey, sourceId: string, entries: readonly Entry[]): Promise<void> {
  // An empty source still gets one (empty) chunk, so "synced, nothing there" differs from "not cached".
  const chunks = Math.max(1, Math.ceil(entries.length / ENTRY_CHUNK_SIZE));
  const records = await Promise.all(
    Array.from({ length: chunks }, async (_, chunk): Promise<EntryChunk> => {
      const slice = entries.slice(chunk * ENTRY_CHUNK_SIZE, (chunk + 1) * ENTRY_CHUNK_SIZE);
      const blob = await encryptJson(key, slice, entryContext(sourceId, chunk, chunks));
      return { sourceId, chunk, chunks, iv: blob.iv, ct: blob.ct };
    }),
  );
  // No other await may run inside the transaction: IndexedDB commits it as soon as it is idle.
  const tx = db.transaction('entries', 'readwrite');
  void tx.store.delete(sourceRange(sourceId));
  for (const record of records) void tx.store.put(record);
  await tx.done;
}

/**
 * Replaces one entry, or appends it when `position` is just past the source's last one: only its chunk is decrypted
 * and encrypted again (a grown last chunk may hold more than {@link ENTRY_CHUNK_SIZE}). `position` is the entry's
 * index in the source's list as it was written; false (nothing written) when the cache does not hold that entry
 * there, or the source is not cached: the caller then writes the whole source.
 */
export async function putEntry(db: CacheDb, key: CryptoKey, entry: Entry, position: number): Promise<boolean> {
  const { sourceId } = entry;
  const chunks = (await db.getAllKeysFromIndex('entries', 'bySource', sourceId)).length;
  if (chunks === 0) return false;
  const chunk = Math.min(Math.floor(position / ENTRY_CHUNK_SIZE), chunks - 1);
  const record = await db.get('entries', [sourceId, chunk]);
  if (!record || record.chunks !== chunks) return false;
  const context = entryContext(sourceId, chunk, chunks);
  const list = await decodeList(key, record, context, isEntry, sourceId);
  const at = position - chunk * ENTRY_CHUNK_SIZE;
  if (!list || at > list.length || (at === list.length ? chunk !== chunks - 1 : list[at]!.id !== entry.id)) return false;
  list[at] = entry;
  const blob = await encryptJson(key, list, context);
  await db.put('entries', { sourceId, chunk, chunks, iv: blob.iv, ct: blob.ct });
  return true;
}

/** Every cached source's entries. A source with a missing, undecryptable or malformed chunk is left out. */
export async function loadAllEntries(db: CacheDb, key: CryptoKey): Promise<Map<string, Entry[]>> {
  const bySource = new Map<string, EntryChunk[]>();
  for (const record of await db.getAll('entries')) {
    const list = bySource.get(record.sourceId);
    if (list) list.push(record);
    else bySource.set(record.sourceId, [record]);
  }
  const result = new Map<string, Entry[]>();
  await Promise.all(
    [...bySource].map(async ([sourceId, chunks]) => {
      const entries = await decodeSource(key, sourceId, chunks);
      if (entries) result.set(sourceId, entries);
    }),
  );
  return result;
}

/** One source's entries, or `undefined` when not cached or unreadable. */
export async function loadSourceEntries(db: CacheDb, key: CryptoKey, sourceId: string): Promise<Entry[] | undefined> {
  return decodeSource(key, sourceId, await db.getAllFromIndex('entries', 'bySource', sourceId));
}

/** Replaces a source's cached project tree. */
export async function putSourceProjects(db: CacheDb, key: CryptoKey, sourceId: string, projects: readonly Project[]): Promise<void> {
  const blob = await encryptJson(key, projects, projectContext(sourceId));
  await db.put('projects', { sourceId, iv: blob.iv, ct: blob.ct });
}

/** Every cached source's projects; unreadable records are left out. */
export async function loadAllProjects(db: CacheDb, key: CryptoKey): Promise<Map<string, Project[]>> {
  const result = new Map<string, Project[]>();
  await Promise.all(
    (await db.getAll('projects')).map(async (record) => {
      const projects = await decodeList(key, record, projectContext(record.sourceId), isProject, record.sourceId);
      if (projects) result.set(record.sourceId, projects);
    }),
  );
  return result;
}

/** The sync state of a source, or `undefined` (never synced, or a malformed record). */
export async function getSyncState(db: CacheDb, sourceId: string): Promise<SyncState | undefined> {
  return readSyncRecord(await db.get('sync', sourceId))?.state;
}

/** All valid sync states, by source. */
export async function getAllSyncStates(db: CacheDb): Promise<Map<string, SyncState>> {
  const states = new Map<string, SyncState>();
  for (const record of await db.getAll('sync')) {
    const read = readSyncRecord(record);
    if (read) states.set(read.sourceId, read.state);
  }
  return states;
}

/** Saves a source's sync state (without a run's progress: that is never kept). */
export async function putSyncState(db: CacheDb, sourceId: string, state: SyncState): Promise<void> {
  const { progress: _progress, ...kept } = state;
  await db.put('sync', { ...kept, sourceId });
}

function readSyncRecord(value: unknown): { sourceId: string; state: SyncState } | undefined {
  const parsed = v.safeParse(syncRecordSchema, value);
  if (!parsed.success) return undefined;
  const { sourceId, ...state } = parsed.output;
  return { sourceId, state };
}

/** Forgets everything cached for a source, in one transaction. */
export async function removeSource(db: CacheDb, sourceId: string): Promise<void> {
  const tx = db.transaction(['entries', 'projects', 'sync'], 'readwrite');
  void tx.objectStore('entries').delete(sourceRange(sourceId));
  void tx.objectStore('projects').delete(sourceId);
  void tx.objectStore('sync').delete(sourceId);
  await tx.done;
}

/** Empties the cache (sign-out, keyring reset). */
export async function clearCache(db: CacheDb): Promise<void> {
  const tx = db.transaction(['entries', 'projects', 'sync'], 'readwrite');
  void tx.objectStore('entries').clear();
  void tx.objectStore('projects').clear();
  void tx.objectStore('sync').clear();
  await tx.done;
}

async function decodeSource(key: CryptoKey, sourceId: string, chunks: EntryChunk[]): Promise<Entry[] | undefined> {
  if (chunks.length === 0) return undefined;
  const count = chunks[0]!.chunks;
  const ordered = [...chunks].sort((a, b) => a.chunk - b.chunk);
  if (ordered.length !== count || ordered.some((c, i) => c.chunk !== i || c.chunks !== count)) return undefined;
  const parts = await Promise.all(ordered.map((c) => decodeList(key, c, entryContext(sourceId, c.chunk, count), isEntry, sourceId)));
  if (parts.some((p) => p === undefined)) return undefined;
  return (parts as Entry[][]).flat();
}

/** Decrypts a list and checks every item; `undefined` instead of throwing, for any failure. */
async function decodeList<T extends { sourceId: string }>(
  key: CryptoKey,
  blob: unknown,
  context: string,
  guard: (v: unknown) => v is T,
  sourceId: string,
): Promise<T[] | undefined> {
  if (!isEncryptedBlob(blob)) return undefined;
  try {
    const value = await decryptJson(key, blob, context);
    if (!Array.isArray(value)) return undefined;
    for (const item of value) if (!guard(item) || item.sourceId !== sourceId) return undefined;
    return value as T[];
  } catch {
    return undefined;
  }
}

function sourceRange(sourceId: string): IDBKeyRange {
  return IDBKeyRange.bound([sourceId, -Infinity], [sourceId, Infinity]);
}

function entryContext(sourceId: string, chunk: number, chunks: number): string {
  return `entries:${sourceId}:${chunk}/${chunks}`;
}

function projectContext(sourceId: string): string {
  return `projects:${sourceId}`;
}
