/**
 * Syncing in the worker: one `Syncer` over the configured servers; a run's result goes into memory and the cache;
 * each state change is kept in the cache (shown again after a restart) and told to open pages. The servers' states
 * as every screen shows them come from here.
 */
import type { AppError } from '../../errors';
import type { ManagedPolicy, PopupState, Settings, SourceStatus } from '../../messages';
import { Syncer, type SyncState } from '../../vault/sync';
import { keyringExists, requireUnlocked, unlocked } from '../lock/keyring-session';
import { loadServers, loadSettings, type ServerConfig } from '../settings/config-store';
import { readPolicy } from '../settings/managed-policy';
import { cacheStore, loadVault, takeCachedStates, updateEntries } from './loaded-vault';
import type { VaultMemory } from './memory';
import { sourceFor } from './server-registry';
import { nextCheckAt, nextScheduledAt, type SyncTiming } from './sync-timing';
import { vaultChanged } from './vault-events';

/** The full-sync period without a policy: edits a probe cannot see arrive within it. */
export const DEFAULT_FULL_SYNC_HOURS = 8;

/** The sync interval (probes) from the settings, the full-sync period from the policy. */
export function timingOf(settings: Settings, policy: ManagedPolicy): SyncTiming {
  return { probeMs: settings.syncIntervalMinutes * 60_000, fullMs: (policy.fullSyncHours ?? DEFAULT_FULL_SYNC_HOURS) * 3_600_000 };
}

export async function syncTiming(): Promise<SyncTiming> {
  const [settings, policy] = await Promise.all([loadSettings(), readPolicy()]);
  return timingOf(settings, policy);
}

const syncer = new Syncer({
  now: () => new Date(),
  acceptAdded: async (sourceId, entries, signal) => {
    await requireUnlocked();
    if (signal.aborted || !(await loadServers()).some((s) => s.id === sourceId)) return;
    await updateEntries(entries);
  },
  known: async (sourceId) => {
    const mem = await loadVault();
    return { entries: mem.sourceEntries(sourceId), projects: mem.sourceProjects(sourceId) };
  },
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

/** A server's sync state now (undefined before its first run). */
export function syncState(sourceId: string): SyncState | undefined {
  return syncer.state(sourceId);
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

/**
 * Starts (or joins) a run for one server; a server without usable credentials gets the reason as its state. `full`
 * reads the whole list whatever a probe would say (a new server, *Sync now*).
 */
export async function syncOne(config: ServerConfig, full = false): Promise<void> {
  const source = await sourceFor(config).catch((error: AppError) => error);
  if (source instanceof Error) {
    syncer.restore(config.id, {
      entryCount: 0,
      lastError: { code: source.code ?? 'internal', message: source.message, at: new Date().toISOString() },
    });
    vaultChanged();
    return;
  }
  await vault();
  await syncer.run(source, { full, fullAfterMs: (await syncTiming()).fullMs });
}

/** *Sync now*: the full list of one server, or of all (the user asks because something changed that a probe may not see). */
export async function syncNow(id?: string): Promise<void> {
  await requireUnlocked();
  const servers = (await loadServers()).filter((s) => id === undefined || s.id === id);
  await Promise.all(servers.map((server) => syncOne(server, true)));
}

/**
 * Starts a run for every server that is due and not already syncing. `demand` (the popup opened, an unlock): due
 * a probe interval after the last check. `scheduled` (the alarm): due when the full list is (see `sync-timing.ts`).
 * After a failure both wait its backoff and the server's `Retry-After`: otherwise every page asking for the state
 * (and each asks again on every change) would start another run against a failing server, in a loop.
 */
export async function syncIfStale(trigger: 'demand' | 'scheduled'): Promise<void> {
  if (!(await unlocked())) return;
  await vault();
  const timing = await syncTiming();
  const now = Date.now();
  const due = trigger === 'demand' ? nextCheckAt : nextScheduledAt;
  for (const server of await loadServers()) {
    if (!syncer.isRunning(server.id) && now >= due(syncer.state(server.id), timing)) void syncOne(server);
  }
}

/**
 * When each server is next asked without the user doing anything (ISO times by server id; absent while a run is
 * going on, none while locked: nothing syncs then), by the rule `syncIfStale('scheduled')` follows. `checkAfter`
 * says when the first scheduled check at or after a time runs (the sync alarm's tick): the settings' "next sync".
 */
export async function plannedSyncs(checkAfter: (time: number) => number): Promise<Record<string, string>> {
  if (!(await unlocked())) return {};
  await vault();
  const timing = await syncTiming();
  const planned: Record<string, string> = {};
  for (const server of await loadServers()) {
    if (syncer.isRunning(server.id)) continue;
    planned[server.id] = new Date(checkAfter(Math.max(Date.now(), nextScheduledAt(syncer.state(server.id), timing)))).toISOString();
  }
  return planned;
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
