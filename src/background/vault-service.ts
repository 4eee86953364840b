/**
 * The vault in the worker: servers, their entries in memory (restored from the encrypted cache), the search and
 * match indexes, and syncing. Every list, search and match is answered from here, never by waiting for a server.
 */
import browser from '../browser';
import * as v from 'valibot';
import { AppError } from '../errors';
import type { PopupState, ServerCredentials, ServerInput, SourceStatus } from '../messages';
import * as cache from '../vault/cache';
import { toEntrySummary, type Entry, type EntrySummary, type Project } from '../vault/entry';
import { limitEntry } from '../vault/entry-limits';
import { getCredential, putCredential, removeCredential } from '../vault/keyring';
import { buildMatchIndex, matchAmong, matchPage, replaceSourceEntries, removeSourceEntries, type MatchIndex, type MatchOptions, type PageMatch } from '../vault/match';
import { parseEntryUrls } from '../vault/parse-entry-urls';
import { createSearchIndex, type SearchIndex } from '../vault/search';
import type { Source } from '../vault/sources';
import { Syncer, type SyncState } from '../vault/sync';
import { loadServers, loadSettings, saveServers, type ServerConfig } from './config-store';
import { keyringExists, localStore, requireUnlocked, unlocked } from './keyring-session';
import { makeSource } from './make-source';
import { checkServerUrl } from './server-url';
import { noteError } from './diagnostics';

interface Memory {
  /** Every entry per source, as synced (what the cache holds). */
  entries: Map<string, Entry[]>;
  byId: Map<string, Entry>;
  projects: Map<string, Project[]>;
  /** Built on the first search, not at start: a cold popup's first screen does not need it. */
  search?: SearchIndex;
  /** Built after the first answers (see `matchUrl`), not at start. */
  match?: MatchIndex;
  matchOptions: MatchOptions;
  /** Every shown entry, by name: the first screen and the scrolled list read it without the search index. */
  byName: Entry[];
  /** Sources and projects (with their subprojects) the user left out of lists, search and autofill. */
  excludedSources: Set<string>;
  excludedProjects: Set<string>;
  /** Counts changes of the shown entries, for what is derived from them outside memory. */
  version: number;
}

const credentialsSchema = v.variant('kind', [
  v.object({ kind: v.literal('tpm-basic'), username: v.string(), password: v.string() }),
  v.object({ kind: v.literal('tpm-hmac'), publicKey: v.string(), privateKey: v.string() }),
  v.object({ kind: v.literal('syspass'), authToken: v.string(), tokenPassword: v.string() }),
]);

let memory: Promise<Memory> | undefined;
let db: Promise<cache.CacheDb> | undefined;
const sources = new Map<string, Source>();

const syncer = new Syncer({
  now: () => new Date(),
  accept: async ({ sourceId, entries, projects }, signal) => {
    const keyring = await requireUnlocked();
    const mem = await loadMemory();
    const servers = await loadServers();
    // A removal (or lock) may have happened during the awaits above: check right before changing anything.
    if (signal.aborted || !servers.some((s) => s.id === sourceId)) return;
    setSource(mem, sourceId, entries, projects);
    // The cache only speeds up a cold start: a failed write (quota exceeded, a closed or broken database) leaves
    // the fresh data in memory and the sync a success; a restart re-syncs what the cache lacks.
    await withCache(async (store) => {
      await cache.putSourceEntries(store, keyring.key, sourceId, entries);
      await cache.putSourceProjects(store, keyring.key, sourceId, projects);
      // Removed while these were written: take them out again, or a restart would find them.
      if (signal.aborted) await cache.removeSource(store, sourceId);
    }).catch((error) => noteError('cache.write', error));
  },
  onState: (sourceId, state) => {
    if (state.progress === undefined) void persistSyncState(sourceId, state);
    notifyPages();
  },
});

/**
 * The cache database. One this version cannot open (a newer schema after a downgrade, a failed upgrade) is
 * deleted and created afresh: it holds nothing the servers cannot give again.
 */
function openDb(): Promise<cache.CacheDb> {
  db ??= cache
    .openCache()
    .catch(async (error) => {
      noteError('cache.open', error);
      await cache.deleteCache();
      return cache.openCache();
    })
    .catch((error) => {
      db = undefined;
      throw error;
    });
  return db;
}

/**
 * Runs a cache operation, reopening the database once when it fails: the connection closes itself when another
 * context upgrades the database, and every later call on it would fail.
 */
async function withCache<T>(op: (store: cache.CacheDb) => Promise<T>): Promise<T> {
  try {
    return await op(await openDb());
  } catch (error) {
    noteError('cache.reopen', error);
    db = undefined;
    return op(await openDb());
  }
}

/** Pages are told at most this often during a sync: each message wakes every open page. */
const NOTIFY_EVERY_MS = 250;
let notifyTimer: ReturnType<typeof setTimeout> | undefined;

/** `loaded`: entries came from the cache into memory (unlock, worker start); `changed`: anything pages show changed. */
export type VaultEvent = 'loaded' | 'changed';
const listeners: ((event: VaultEvent) => void)[] = [];

export function onVaultChanged(listener: (event: VaultEvent) => void): void {
  listeners.push(listener);
}

/** Tells open pages (popup, options) that something changed; they ask again for what they show. */
function notifyPages(): void {
  for (const listener of listeners) listener('changed');
  notifyTimer ??= setTimeout(() => {
    notifyTimer = undefined;
    browser.runtime.sendMessage({ event: 'vaultChanged' }).catch(() => undefined);
  }, NOTIFY_EVERY_MS);
}

async function persistSyncState(sourceId: string, state: SyncState): Promise<void> {
  const record: cache.SyncState = { sourceId, counts: { entries: state.entryCount, projects: 0 } };
  if (state.lastSyncAt) record.lastSyncAt = Date.parse(state.lastSyncAt);
  if (state.lastError) record.lastError = { code: state.lastError.code, message: state.lastError.message };
  await withCache((store) => cache.putSyncState(store, record)).catch((error) => noteError('cache.syncState', error));
}

/** Entries from the cache into memory, once per unlock (or worker start). */
function loadMemory(): Promise<Memory> {
  memory ??= (async () => {
    const keyring = await requireUnlocked();
    const settings = await loadSettings();
    const mem: Memory = {
      entries: new Map(),
      byId: new Map(),
      projects: new Map(),
      matchOptions: { defaultStrategy: settings.matchStrategy },
      byName: [],
      excludedSources: new Set(settings.excludedSourceIds),
      excludedProjects: new Set(settings.excludedProjectIds),
      version: 0,
    };
    try {
      const [entries, projects, states] = await withCache((store) =>
        Promise.all([cache.loadAllEntries(store, keyring.key), cache.loadAllProjects(store, keyring.key), cache.getAllSyncStates(store)]),
      );
      const configured = new Set((await loadServers()).map((s) => s.id));
      for (const [sourceId, list] of entries) if (configured.has(sourceId)) putSource(mem, sourceId, list, projects.get(sourceId) ?? []);
      sortByName(mem);
      for (const state of states) {
        if (!configured.has(state.sourceId) || syncer.state(state.sourceId)) continue;
        const restored: SyncState = { entryCount: mem.entries.get(state.sourceId)?.length ?? 0 };
        if (state.lastSyncAt) restored.lastSyncAt = new Date(state.lastSyncAt).toISOString();
        if (state.lastError) restored.lastError = { code: state.lastError.code as never, message: state.lastError.message, at: restored.lastSyncAt ?? new Date(0).toISOString() };
        syncer.restore(state.sourceId, restored);
      }
    } catch (error) {
      // An unreadable cache is rebuilt by the next sync; the vault starts empty rather than broken.
      noteError('cache.load', error);
    }
    for (const listener of listeners) listener('loaded');
    return mem;
  })().catch((error) => {
    memory = undefined;
    throw error;
  });
  return memory;
}

/** Puts one source's entries into memory and the indexes built so far; callers re-sort (once per batch). */
function putSource(mem: Memory, sourceId: string, entries: Entry[], projects: Project[]): void {
  mem.version++;
  for (const old of mem.entries.get(sourceId) ?? []) mem.byId.delete(old.id);
  mem.entries.set(sourceId, entries);
  mem.projects.set(sourceId, projects);
  for (const entry of entries) mem.byId.set(entry.id, entry);
  const shown = visibleEntries(mem, sourceId);
  mem.search?.replaceSource(sourceId, shown);
  if (mem.match) replaceSourceEntries(mem.match, sourceId, shown);
}

function setSource(mem: Memory, sourceId: string, entries: Entry[], projects: Project[]): void {
  putSource(mem, sourceId, entries, projects);
  sortByName(mem);
}

function sortByName(mem: Memory): void {
  const keyed = [...mem.entries.keys()].flatMap((id) => visibleEntries(mem, id)).map((entry) => ({ entry, key: entry.name.toLowerCase() }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  mem.byName = keyed.map((k) => k.entry);
}

/** The match index over every shown entry, built on first use. */
export function matchIndex(mem: Memory): MatchIndex {
  mem.match ??= buildMatchIndex(mem.byName, mem.matchOptions);
  return mem.match;
}

/** The search index, built from every shown entry on first use. */
export function searchIndex(mem: Memory): SearchIndex {
  if (!mem.search) {
    const index = createSearchIndex();
    for (const sourceId of mem.entries.keys()) index.replaceSource(sourceId, visibleEntries(mem, sourceId));
    mem.search = index;
  }
  return mem.search;
}

/** A source's entries minus those the user excluded (the source itself, or a project and its subprojects). */
export function visibleEntries(mem: Memory, sourceId: string): Entry[] {
  if (mem.excludedSources.has(sourceId)) return [];
  const entries = mem.entries.get(sourceId) ?? [];
  if (mem.excludedProjects.size === 0) return entries;
  const projects = new Map((mem.projects.get(sourceId) ?? []).map((p) => [p.id, p]));
  const hidden = new Map<string, boolean>();
  const isHidden = (id: string | undefined): boolean => {
    if (id === undefined) return false;
    let known = hidden.get(id);
    if (known === undefined) {
      known = mem.excludedProjects.has(id) || isHidden(projects.get(id)?.parentId);
      hidden.set(id, known);
    }
    return known;
  };
  return entries.filter((e) => !isHidden(e.projectId));
}


function dropSource(mem: Memory, sourceId: string): void {
  mem.version++;
  for (const old of mem.entries.get(sourceId) ?? []) mem.byId.delete(old.id);
  mem.entries.delete(sourceId);
  mem.projects.delete(sourceId);
  mem.search?.removeSource(sourceId);
  if (mem.match) removeSourceEntries(mem.match, sourceId);
  sortByName(mem);
}

/** Forgets everything decrypted (on lock). */
export function forgetMemory(): void {
  syncer.reset();
  sources.clear();
  memory = undefined;
}

async function sourceFor(config: ServerConfig): Promise<Source> {
  const existing = sources.get(config.id);
  if (existing) return existing;
  const keyring = await requireUnlocked();
  const raw = await getCredential(localStore, keyring, config.id);
  const parsed = v.safeParse(credentialsSchema, raw);
  if (!parsed.success) throw new AppError('auth', `No usable credentials are saved for ${config.name}: edit the server in the settings.`);
  const source = makeSource(config, parsed.output);
  sources.set(config.id, source);
  return source;
}

/** What the popup shows first: servers, lock. */
export async function popupState(): Promise<PopupState> {
  const [servers, hasPassphrase, keyring] = await Promise.all([loadServers(), keyringExists(), unlocked()]);
  return { configured: servers.length > 0, hasPassphrase, locked: hasPassphrase && !keyring, sources: await sourceStatuses() };
}

/** The page-independent part of the popup's first screen: favorites and the start of the list, by name. */
export function firstScreenLists(mem: Memory, limit: number): { favorites: EntrySummary[]; entries: EntrySummary[]; total: number } {
  const favorites = mem.byName.filter((e) => e.favorite && !e.archived).slice(0, limit);
  return { favorites: favorites.map(summary), entries: mem.byName.slice(0, limit).map(summary), total: mem.byName.length };
}

/** Status of every server, as the popup and options show it. */
export async function sourceStatuses(): Promise<SourceStatus[]> {
  const servers = await loadServers();
  const mem = (await unlocked()) ? await loadMemory() : undefined;
  return servers.map((server) => {
    const state = syncer.state(server.id);
    const status: SourceStatus = {
      id: server.id,
      kind: server.kind,
      name: server.name,
      baseUrl: server.baseUrl,
      authKind: server.authKind,
      entryCount: mem?.entries.get(server.id)?.length ?? state?.entryCount ?? 0,
    };
    if (server.username) status.username = server.username;
    if (state?.lastSyncAt) status.lastSyncAt = state.lastSyncAt;
    if (state?.lastError) status.lastError = state.lastError;
    if (state?.progress) status.progress = state.progress;
    return status;
  });
}

/** Validates the input and returns the config and credentials to use (the stored ones when not re-entered). */
async function resolveServer(input: ServerInput): Promise<{ config: ServerConfig; credentials: ServerCredentials; warning?: string }> {
  const { url, warning } = checkServerUrl(input.baseUrl);
  const existing = input.id ? (await loadServers()).find((s) => s.id === input.id) : undefined;
  if (input.id && !existing) throw new AppError('not_found', 'This server is no longer configured.');
  let credentials = input.credentials;
  if (!credentials && existing) {
    const parsed = v.safeParse(credentialsSchema, await getCredential(localStore, await requireUnlocked(), existing.id));
    if (parsed.success) credentials = parsed.output;
  }
  if (!credentials) throw new AppError('bad_request', 'Enter the credentials for this server.');
  if ((input.kind === 'syspass') !== (credentials.kind === 'syspass')) throw new AppError('bad_request', 'These credentials do not fit this kind of server.');
  const config: ServerConfig = {
    id: existing?.id ?? crypto.randomUUID(),
    kind: input.kind,
    name: input.name.trim(),
    baseUrl: url.href.replace(/\/+$/, ''),
    authKind: credentials.kind,
  };
  if (credentials.kind === 'tpm-basic') config.username = credentials.username;
  return { config, credentials, warning };
}

/** Runs the real API calls for a server's credentials, without saving anything. */
export async function testServer(input: ServerInput) {
  const { config, credentials, warning } = await resolveServer(input);
  const identity = await makeSource(config, credentials).identify();
  const details = warning ? [...identity.details, warning] : identity.details;
  return { user: identity.user, version: identity.version, role: identity.role, details };
}

/** Adds or edits a server; its credentials go to the keyring; its first sync starts. */
export async function saveServer(input: ServerInput): Promise<SourceStatus> {
  const keyring = await requireUnlocked();
  const { config, credentials } = await resolveServer(input);
  await putCredential(localStore, keyring, config.id, credentials);
  const servers = await loadServers();
  const index = servers.findIndex((s) => s.id === config.id);
  if (index >= 0) servers[index] = config;
  else servers.push(config);
  await saveServers(servers);
  syncer.cancel(config.id);
  sources.delete(config.id);
  void syncOne(config);
  return (await sourceStatuses()).find((s) => s.id === config.id)!;
}

/** Removes a server, its credentials and its cache (works while locked). */
export async function removeServer(id: string): Promise<void> {
  syncer.forget(id);
  sources.delete(id);
  await saveServers((await loadServers()).filter((s) => s.id !== id));
  await removeCredential(localStore, id).catch((error) => noteError('keyring.remove', error));
  if (memory) dropSource(await memory, id);
  await withCache((store) => cache.removeSource(store, id)).catch((error) => noteError('cache.remove', error));
  notifyPages();
}

async function syncOne(config: ServerConfig): Promise<void> {
  const source = await sourceFor(config).catch((error: AppError) => error);
  if (source instanceof Error) {
    syncer.restore(config.id, { entryCount: 0, lastError: { code: source.code ?? 'internal', message: source.message, at: new Date().toISOString() } });
    notifyPages();
    return;
  }
  await loadMemory();
  await syncer.run(source);
}

/** Syncs one server, or all of them. Returns once the runs are over (their failures are in the states). */
export async function syncNow(id?: string): Promise<void> {
  await requireUnlocked();
  const servers = (await loadServers()).filter((s) => id === undefined || s.id === id);
  await Promise.all(servers.map(syncOne));
}

/** How long a failed sync waits before a stale check starts the next one (a manual sync does not wait). */
export const FAILED_SYNC_RETRY_MS = 60_000;

/**
 * Starts a sync of every server whose data is older than `maxAgeMinutes`, not already syncing, and whose last
 * attempt did not fail within the last minute.
 */
export async function syncIfStale(maxAgeMinutes: number): Promise<void> {
  if (!(await unlocked())) return;
  await loadMemory();
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

/** Rebuilds the indexes after the settings changed (match strategy, excluded sources and projects). */
export async function applySettings(): Promise<void> {
  if (!memory) return;
  const mem = await memory;
  const settings = await loadSettings();
  mem.excludedSources = new Set(settings.excludedSourceIds);
  mem.excludedProjects = new Set(settings.excludedProjectIds);
  mem.matchOptions = { defaultStrategy: settings.matchStrategy };
  mem.match = undefined;
  for (const [sourceId, entries] of mem.entries) putSource(mem, sourceId, entries, mem.projects.get(sourceId) ?? []);
  sortByName(mem);
  notifyPages();
}

export async function vault(): Promise<Memory> {
  return loadMemory();
}

export function summary(entry: Entry): EntrySummary {
  const link = entry.urls.flatMap(parseEntryUrls).find((u) => u.href !== null)?.href;
  return toEntrySummary(entry, link ?? undefined);
}

/** The entries matching a page URL, best first (never throws: no URL, no matches). */
export async function matchUrl(url: string | undefined): Promise<{ entry: Entry; match: PageMatch }[]> {
  if (!url) return [];
  const mem = await loadMemory();
  let matches = mem.match ? matchPage(mem.match, url) : matchAmong(mem.byName, url, mem.matchOptions);
  if (!mem.match) setTimeout(() => matchIndex(mem), 0); // a cold worker's first answer scanned only likely entries
  matches ??= matchPage(matchIndex(mem), url);
  return matches.flatMap((match) => {
    const entry = mem.byId.get(match.entryId);
    return entry ? [{ entry, match }] : [];
  });
}

/** What the popup lists under "This site" for a page: its matches, best first, at most `limit`. */
export async function siteSummaries(url: string | undefined, limit: number): Promise<EntrySummary[]> {
  return (await matchUrl(url)).slice(0, limit).map(({ entry }) => summary(entry));
}

export async function entryById(id: string): Promise<{ entry: Entry; source: Source }> {
  const mem = await loadMemory();
  const entry = mem.byId.get(id);
  if (!entry) throw new AppError('not_found', 'This entry is no longer in the vault.');
  const config = (await loadServers()).find((s) => s.id === entry.sourceId);
  if (!config) throw new AppError('not_found', 'The server of this entry was removed.');
  return { entry, source: await sourceFor(config) };
}

/** The source of a configured server; undefined when that server was removed. */
export async function sourceById(id: string): Promise<Source | undefined> {
  const config = (await loadServers()).find((s) => s.id === id);
  return config ? sourceFor(config) : undefined;
}

/**
 * Updates one entry in memory and the cache after a change made on the server (e.g. favorite); adds it when it
 * is new (a login just saved), so it matches at once, before the next sync.
 */
export async function updateEntry(changed: Entry): Promise<void> {
  const entry = limitEntry(changed);
  const mem = await loadMemory();
  const old = mem.entries.get(entry.sourceId) ?? [];
  const list = old.some((e) => e.id === entry.id) ? old.map((e) => (e.id === entry.id ? entry : e)) : [...old, entry];
  setSource(mem, entry.sourceId, list, mem.projects.get(entry.sourceId) ?? []);
  const keyring = await requireUnlocked();
  await withCache((store) => cache.putSourceEntries(store, keyring.key, entry.sourceId, list)).catch((error) => noteError('cache.write', error));
  notifyPages();
}
