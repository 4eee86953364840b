/**
 * Changes to the vault that touch several of its parts at once (memory, cache, servers, syncs), and the entry
 * lookup the handlers share. Reads go to the memory's own query methods (`loaded-vault.ts`).
 */
import { AppError } from '../../errors';
import type { ServerInput, SourceStatus } from '../../messages';
import type { Entry } from '../../vault/entry';
import { limitEntry } from '../../vault/entry-limits';
import type { Source } from '../../vault/sources';
import { loadServers, loadSettings } from '../settings/config-store';
import { cacheStore, forgetVault, loadedVault, loadVault, memoryOptions } from './loaded-vault';
import { deleteServer, forgetSources, putServer, sourceFor } from './server-registry';
import { resetSync, sourceStatuses, stopSync, syncOne } from './sync-service';
import { vaultChanged } from './vault-events';

/** An entry and the source it came from; `not_found` when either is gone. */
export async function entryById(id: string): Promise<{ entry: Entry; source: Source }> {
  const entry = (await loadVault()).entry(id);
  if (!entry) throw new AppError('not_found', 'This entry is no longer in the vault.');
  const config = (await loadServers()).find((s) => s.id === entry.sourceId);
  if (!config) throw new AppError('not_found', 'The server of this entry was removed.');
  return { entry, source: await sourceFor(config) };
}

/**
 * Updates one entry in memory and the cache after a change made on the server (e.g. favorite); adds it when it
 * is new (a login just saved), so it matches at once, before the next sync. Only that entry is indexed and only
 * its chunk of the cache is written.
 */
export async function updateEntry(changed: Entry): Promise<void> {
  const entry = limitEntry(changed);
  const mem = await loadVault();
  const position = mem.updateEntry(entry);
  void cacheStore.writeEntry(entry, position, () => mem.sourceEntries(entry.sourceId));
  vaultChanged();
}

/** Adds or edits a server; its first sync starts. */
export async function saveServer(input: ServerInput): Promise<SourceStatus> {
  const config = await putServer(input);
  stopSync(config.id);
  void syncOne(config);
  return (await sourceStatuses()).find((s) => s.id === config.id)!;
}

/** Removes a server, its credentials, its entries and its cache (works while locked). */
export async function removeServer(id: string): Promise<void> {
  stopSync(id, true);
  await deleteServer(id);
  (await loadedVault())?.dropSource(id);
  await cacheStore.removeSource(id);
  vaultChanged();
}

/** Follows changed settings (match strategy, excluded sources and projects). */
export async function applySettings(): Promise<void> {
  const mem = loadedVault();
  if (!mem) return;
  (await mem).setOptions(memoryOptions(await loadSettings()));
  vaultChanged();
}

/** Forgets everything decrypted (on lock). */
export function forgetMemory(): void {
  resetSync();
  forgetSources();
  forgetVault();
}
