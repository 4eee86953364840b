/**
 * The vault's memory for one unlock: loaded from the encrypted cache on first use (unlock or worker start),
 * forgotten on lock. Every list, search and match is answered from it, never by waiting for a server.
 */
import { requireUnlocked } from '../lock/keyring-session';
import { loadServers, loadSettings } from '../settings/config-store';
import { noteError } from '../diagnostics';
import { createCacheStore } from './cache-store';
import { VaultMemory, type MemoryOptions } from './memory';
import type { Settings } from '../../messages';
import type { SyncState } from '../../vault/sync';
import type { Entry } from '../../vault/entry';
import { limitEntry } from '../../vault/entry-limits';
import { vaultChanged, vaultLoaded } from './vault-events';

export const cacheStore = createCacheStore({ key: async () => (await requireUnlocked()).key, noteError });

let memory: Promise<VaultMemory> | undefined;
/** The sync states the cache held at load, for the sync service to restore. */
let cachedStates = new Map<string, SyncState>();

export function memoryOptions(settings: Settings): MemoryOptions {
  return {
    matchStrategy: settings.matchStrategy,
    excludedSourceIds: settings.excludedSourceIds,
    excludedProjectIds: settings.excludedProjectIds,
  };
}

/** The memory of this unlock, loaded from the cache on first use (throws `vault_locked` while locked). */
export function loadVault(): Promise<VaultMemory> {
  memory ??= (async () => {
    await requireUnlocked();
    const mem = new VaultMemory(memoryOptions(await loadSettings()));
    try {
      const cached = await cacheStore.load();
      const configured = new Set((await loadServers()).map((s) => s.id));
      mem.setSources(
        [...cached.entries]
          .filter(([id]) => configured.has(id))
          .map(([sourceId, entries]) => ({ sourceId, entries, projects: cached.projects.get(sourceId) ?? [] })),
      );
      cachedStates = new Map([...cached.states].filter(([id]) => configured.has(id)));
    } catch (error) {
      // An unreadable cache is rebuilt by the next sync; the vault starts empty rather than broken.
      noteError('cache.load', error);
    }
    vaultLoaded();
    return mem;
  })().catch((error) => {
    memory = undefined;
    throw error;
  });
  return memory;
}

/** The memory when it is loaded or loading; undefined otherwise (nothing to update then). */
export function loadedVault(): Promise<VaultMemory> | undefined {
  return memory;
}

/** Takes the sync states read with the cache (once: the sync service keeps them from then on). */
export function takeCachedStates(): Map<string, SyncState> {
  const states = cachedStates;
  cachedStates = new Map();
  return states;
}

/** Forgets everything decrypted (on lock). */
export function forgetVault(): void {
  memory = undefined;
  cachedStates = new Map();
}

/**
 * Updates entries in memory and the cache after a change made on the server (a favorite, a login saved, entries
 * a probe or a miss lookup found); adds the new ones, so they match at once, before the next full sync. Only these
 * entries are indexed and only their chunks of the cache are written.
 */
export async function updateEntries(changed: readonly Entry[]): Promise<void> {
  const mem = await loadVault();
  for (const one of changed) {
    const entry = limitEntry(one);
    const position = mem.updateEntry(entry);
    void cacheStore.writeEntry(entry, position, () => mem.sourceEntries(entry.sourceId));
  }
  if (changed.length) vaultChanged();
}

/** {@link updateEntries} for one entry. */
export function updateEntry(changed: Entry): Promise<void> {
  return updateEntries([changed]);
}
