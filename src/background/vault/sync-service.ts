/**
 * Syncing in the worker: one `Syncer` over the configured servers; a run's result goes into memory and the cache;
 * each state change is kept in the cache (shown again after a restart) and told to open pages. The servers' states
 * as every screen shows them come from here.
 */
import type { AppError } from '../../errors';
import type { PopupState, SourceStatus } from '../../messages';
import { Syncer } from '../../vault/sync';
import { keyringExists, requireUnlocked, unlocked } from '../lock/keyring-session';
import { loadServers, type ServerConfig } from '../settings/config-store';
import { cacheStore, loadVault, takeCachedStates } from './loaded-vault';
import type { VaultMemory } from './memory';
import { sourceFor } from './server-registry';
import { vaultChanged } from './vault-events';

const syncer = new Syncer({
  now: () => new Date(),
  accept: async ({ sourceId, entries, projects }, signal) => {
    await requireUnlocked();
    const mem = await vault();
    const servers = await loadServers();
    // A removal (or lock) may have happened during the awaits above: check right before changing anything.
    if (signal.aborted || !servers.some((s) => s.id === sourceId)) return;
    mem.setSources([{ sourceId, entries, projects }]);
    // Removed while these are written: the store takes them out again, or a restart would find them.
    await cacheStore.writeSource(sourceId, entries, projects, () => !signal.aborted);
  },
  onState: (sourceId, state) => {
    if (state.progress === undefined) void cacheStore.writeSyncState(sourceId, state);
    vaultChanged();
  },
});

/** The vault's memory, with the sync states the cache held restored where no run has said more since. */
async function vault(): Promise<VaultMemory> {
  const mem = await loadVault();
  for (const [sourceId, cached] of takeCachedStates()) {
    if (!syncer.state(sourceId)) syncer.restore(sourceId, { ...cached, entryCount: mem.entryCount(sourceId) ?? 0 });
  }
  return mem;
}

/** Status of every server, as the popup and options show it. */
export async function sourceStatuses(): Promise<SourceStatus[]> {
  const servers = await loadServers();
  const mem = (await unlocked()) ? await vault() : undefined;
  return servers.map((server) => {
    const state = syncer.state(server.id);
    const status: SourceStatus = {
      id: server.id,
      kind: server.kind,
      name: server.name,
      baseUrl: server.baseUrl,
      authKind: server.authKind,
      entryCount: mem?.entryCount(server.id) ?? state?.entryCount ?? 0,
    };
    if (server.username) status.username = server.username;
    if (state?.lastSyncAt) status.lastSyncAt = state.lastSyncAt;
    if (state?.lastError) status.lastError = state.lastError;
    if (state?.progress) status.progress = state.progress;
    return status;
  });
}

/** What the popup shows first: servers, lock. */
export async function popupState(): Promise<PopupState> {
  const [servers, hasPassphrase, keyring] = await Promise.all([loadServers(), keyringExists(), unlocked()]);
  return { configured: servers.length > 0, hasPassphrase, locked: hasPassphrase && !keyring, sources: await sourceStatuses() };
}

/** Starts (or joins) a run for one server; a server without usable credentials gets the reason as its state. */
export async function syncOne(config: ServerConfig): Promise<void> {
  const source = await sourceFor(config).catch((error: AppError) => error);
  if (source instanceof Error) {
    syncer.restore(config.id, { entryCount: 0, lastError: { code: source.code ?? 'internal', message: source.message, at: new Date().toISOString() } });
    vaultChanged();
    return;
  }
  await vault();
  await syncer.run(source);
}

/** Syncs one server, or all of them. Returns once the runs are over (their failures are in the states). */
export async function syncNow(id?: string): Promise<void> {
  await requireUnlocked();
  const servers = (await loadServers()).filter((s) => id === undefined || s.id === id);
  await Promise.all(servers.map(syncOne));
}

/** How long a failed sync waits before a stale check starts the next one (a manual sync does not wait). */
const FAILED_SYNC_RETRY_MS = 60_000;

/**
 * Starts a sync of every server whose data is older than `maxAgeMinutes`, not already syncing, and whose last
 * attempt did not fail within the last minute.
 */
export async function syncIfStale(maxAgeMinutes: number): Promise<void> {
  if (!(await unlocked())) return;
  await vault();
  const now = Date.now();
  for (const server of await loadServers()) {
    const state = syncer.state(server.id);
    const last = state?.lastSyncAt ? Date.parse(state.lastSyncAt) : 0;
    // A failed attempt waits too (at most a minute): otherwise every page asking for the state (and each asks
    // again on every change) would start another sync against a failing server, in a loop.
    const failedAt = state?.lastError ? Date.parse(state.lastError.at) : 0;
    const retryMs = Math.min(maxAgeMinutes * 60_000, FAILED_SYNC_RETRY_MS);
    if (!syncer.isRunning(server.id) && now - last > maxAgeMinutes * 60_000 && now - failedAt > retryMs) void syncOne(server);
  }
}

/** Stops a server's run (its settings changed); `forget` also drops its state (it was removed). */
export function stopSync(id: string, forget = false): void {
  if (forget) syncer.forget(id);
  else syncer.cancel(id);
}

/** Cancels every run and forgets every state (on lock). */
export function resetSync(): void {
  syncer.reset();
}
