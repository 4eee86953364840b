/**
 * The encrypted IndexedDB cache as the worker uses it: opened once (deleted and created afresh when this version
 * cannot open it), reopened once when a call fails (another context's upgrade closes the connection), and each
 * source's writes run one after another. The cache only speeds up a cold start: it holds nothing the servers
 * cannot give again, so a failed write is noted and never fails the caller.
 */
import * as cache from '../../vault/cache';
import type { Entry, Project } from '../../vault/entry';
import type { SyncState } from '../../vault/sync';
import { inOrderBy } from '../../in-order';

export interface CacheStoreDeps {
  /** The data key of the unlocked vault (throws while locked). */
  key(): Promise<CryptoKey>;
  /** Told of each failure the store handles itself, with a fixed label (Diagnostics). */
  noteError(where: string, error: unknown): void;
  /** The database name (tests); the extension's own by default. */
  name?: string;
}

/** What a cold start reads back. */
export interface CachedVault {
  entries: Map<string, Entry[]>;
  projects: Map<string, Project[]>;
  /** The sync states, by source. */
  states: Map<string, SyncState>;
}

export type CacheStore = ReturnType<typeof createCacheStore>;

export function createCacheStore(deps: CacheStoreDeps) {
  let db: Promise<cache.CacheDb> | undefined;
  const bySource = inOrderBy<string>();

  function open(): Promise<cache.CacheDb> {
    db ??= cache
      .openCache(deps.name)
      .catch(async (error) => {
        deps.noteError('cache.open', error);
        await cache.deleteCache(deps.name);
        return cache.openCache(deps.name);
      })
      .catch((error) => {
        db = undefined;
        throw error;
      });
    return db;
  }

  async function withDb<T>(op: (store: cache.CacheDb) => Promise<T>): Promise<T> {
    try {
      return await op(await open());
    } catch (error) {
      deps.noteError('cache.reopen', error);
      db = undefined;
      return op(await open());
    }
  }

  /** Runs a write of one source after the ones before it; a failure is noted under `where`, never thrown. */
  const write = (sourceId: string, where: string, op: (store: cache.CacheDb) => Promise<void>): Promise<void> =>
    bySource(sourceId, () => withDb(op).catch((error: unknown) => void deps.noteError(where, error)));

  return {
    /** Everything cached (an unreadable source is left out); throws when the database cannot be read at all. */
    async load(): Promise<CachedVault> {
      const key = await deps.key();
      const [entries, projects, states] = await withDb((store) =>
        Promise.all([cache.loadAllEntries(store, key), cache.loadAllProjects(store, key), cache.getAllSyncStates(store)]),
      );
      return { entries, projects, states };
    },

    /** Replaces a source's entries and projects; `stillWanted` is asked after the write (a removal meanwhile undoes it). */
    writeSource(
      sourceId: string,
      entries: readonly Entry[],
      projects: readonly Project[],
      stillWanted: () => boolean = () => true,
    ): Promise<void> {
      return write(sourceId, 'cache.write', async (store) => {
        const key = await deps.key();
        await cache.putSourceEntries(store, key, sourceId, entries);
        await cache.putSourceProjects(store, key, sourceId, projects);
        if (!stillWanted()) await cache.removeSource(store, sourceId);
      });
    },

    /**
     * Writes one changed or added entry into its chunk; `list` gives the source's entries as memory has them when
     * the write runs, written whole when the cache does not hold the entry where memory does.
     */
    writeEntry(entry: Entry, position: number, list: () => readonly Entry[]): Promise<void> {
      return write(entry.sourceId, 'cache.write', async (store) => {
        const key = await deps.key();
        if (!(await cache.putEntry(store, key, entry, position))) await cache.putSourceEntries(store, key, entry.sourceId, list());
      });
    },

    removeSource(sourceId: string): Promise<void> {
      return write(sourceId, 'cache.remove', (store) => cache.removeSource(store, sourceId));
    },

    writeSyncState(sourceId: string, state: SyncState): Promise<void> {
      return write(sourceId, 'cache.syncState', (store) => cache.putSyncState(store, sourceId, state));
    },
  };
}
