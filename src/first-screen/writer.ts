/**
 * Keeps the popup's first screen in `storage.session` (see `first-screen-store.ts`): written shortly after the vault
 * changes, removed on lock. The site records (the match index's entries by lookup key) are rewritten only when
 * the entries changed; the head (state, favorites, start of the list) whenever anything did, and with it the tab
 * records (each reported tab's entries, matched here), which are also written when a tab reports a new page.
 */
import browser from '../browser';
import {
  HEAD_KEY,
  SITE_KEY_PREFIX,
  SITE_KEYS_KEY,
  STORED_LIST_LIMIT,
  TABS_KEY,
  packHead,
  packSiteRecord,
  packTabRecord,
  unpackHead,
  type FirstScreenHead,
  type SiteEntry,
} from './records';
import type { EntrySummary } from '../messages';
import { TAB_URLS_KEY, openTabIds } from './tab-urls';
import { entryLookupKeys } from '../vault/match';
import { unlocked } from '../background/lock/keyring-session';
import { noteError } from '../background/diagnostics';
import { loadVault } from '../background/vault/loaded-vault';
import { summaryOf, type VaultMemory } from '../background/vault/memory';
import { popupState } from '../background/vault/sync-service';
import type { VaultEvent } from '../background/vault/vault-events';

/** Changes come in bursts (a sync's sources, progress): one write after they settle. */
const WRITE_DELAY_MS = 250;
/**
 * Site records bigger than this (about 20,000 entries) are not kept: `storage.session` holds 10 MB in all. The
 * popup then asks the worker for the site part.
 */
const MAX_SITE_BYTES = 6 * 1024 * 1024;

let timer: ReturnType<typeof setTimeout> | undefined;
/** The scheduled write only fills in a missing first screen (nothing changed since the last one). */
let onlyIfMissing = true;
/** Writes and removals run one after another, so a removal (lock) always lands after a write in flight. */
let queue: Promise<void> = Promise.resolve();
/** Bumped on lock: writes scheduled before it do nothing. */
let epoch = 0;
/** What the site records in storage were built from, to skip rebuilding them when only the head changed. */
let written: { memory: object; version: number; generation: string | null } | undefined;

function enqueue(task: () => Promise<void>): Promise<void> {
  const run = queue.then(task);
  queue = run.catch(() => undefined);
  return run;
}

/** Writes the first screen soon; `loaded` (entries just came from the cache) writes only when none is stored. */
export function scheduleFirstScreenSnapshot(event: VaultEvent = 'changed'): void {
  if (event === 'changed') onlyIfMissing = false;
  if (timer) return;
  const at = epoch;
  timer = setTimeout(() => {
    const ifMissing = onlyIfMissing;
    timer = undefined;
    onlyIfMissing = true;
    void enqueue(() => write(at, ifMissing)).catch((error) => noteError('firstScreen.write', error));
  }, WRITE_DELAY_MS);
}

/** Removes every record of the first screen (on lock). */
export function dropFirstScreenSnapshot(): Promise<void> {
  epoch++;
  clearTimeout(timer);
  timer = undefined;
  onlyIfMissing = true;
  written = undefined;
  return enqueue(async () => {
    const { [SITE_KEYS_KEY]: keys } = await browser.storage.session.get(SITE_KEYS_KEY);
    await browser.storage.session.remove([HEAD_KEY, SITE_KEYS_KEY, TABS_KEY, ...siteKeys(keys)]);
  });
}

/** Writes the first screen of a tab that reported a new page (when a first screen is stored). */
export function writeTabFirstScreen(tabId: number, url: string): Promise<void> {
  const at = epoch;
  return enqueue(async () => {
    const { [HEAD_KEY]: stored, [TABS_KEY]: tabs } = await browser.storage.session.get([HEAD_KEY, TABS_KEY]);
    const head = unpackHead(stored);
    if (!head || at !== epoch || !(await unlocked())) return;
    const record = await tabRecord(head.stamp, url);
    // The popup reads every tab's record on each open: closed tabs' go now, not at the next change of the vault.
    const open = await openTabIds();
    const kept = Object.fromEntries(Object.entries(stringValues(tabs)).filter(([id]) => open.has(id)));
    if (at === epoch) await browser.storage.session.set({ [TABS_KEY]: { ...kept, [String(tabId)]: record } });
  });
}

async function write(at: number, onlyIfMissing: boolean): Promise<void> {
  if (at !== epoch || !(await unlocked())) return;
  if (onlyIfMissing && HEAD_KEY in (await browser.storage.session.get(HEAD_KEY))) return;
  const memory = await loadVault();
  const state = await popupState();
  // Read before the awaits below: a sync may land while this write is on its way, and must cause another one.
  const version = memory.version;
  const items: Record<string, unknown> = {};
  let stale: string[] = [];
  let generation = written?.memory === memory && written.version === version ? written.generation : undefined;
  if (generation === undefined) {
    const { [SITE_KEYS_KEY]: old } = await browser.storage.session.get(SITE_KEYS_KEY);
    const sites = siteRecords(memory);
    generation = sites ? sites.generation : null;
    const keys = sites ? Object.keys(sites.records) : [];
    if (sites) Object.assign(items, sites.records);
    items[SITE_KEYS_KEY] = keys;
    const kept = new Set(keys);
    stale = siteKeys(old).filter((key) => !kept.has(key));
  }
  const head: FirstScreenHead = {
    version: 1,
    state,
    ...memory.firstScreenLists(STORED_LIST_LIMIT),
    defaultStrategy: memory.matchStrategy,
    sites: generation,
    stamp: crypto.randomUUID(),
  };
  items[HEAD_KEY] = packHead(head);
  // Only tabs still open: the reported URLs may still list closed tabs, but nobody opens a popup on them.
  const open = await openTabIds();
  const tabs: Record<string, string> = {};
  for (const [id, url] of Object.entries(stringValues((await browser.storage.session.get(TAB_URLS_KEY))[TAB_URLS_KEY]))) {
    if (open.has(id)) tabs[id] = await tabRecord(head.stamp, url);
  }
  items[TABS_KEY] = tabs;
  if (at !== epoch) return;
  try {
    await browser.storage.session.set(items);
    written = { memory, version, generation };
  } catch (error) {
    // Over the quota (nothing of the failed call was written): no site records; the popup asks the worker for them.
    noteError('firstScreen.quota', error);
    const { [SITE_KEYS_KEY]: old } = await browser.storage.session.get(SITE_KEYS_KEY);
    await browser.storage.session.set({ [HEAD_KEY]: packHead({ ...head, sites: null }), [SITE_KEYS_KEY]: [], [TABS_KEY]: tabs });
    stale = siteKeys(old);
    written = { memory, version, generation: null };
  }
  if (stale.length > 0) await browser.storage.session.remove(stale);
}

/**
 * A tab's record: the start of what the popup on that page shows under "This site", as `getFirstScreen` answers it.
 * Kept as short as the head's lists (a page may match dozens of entries, and the popup reads every tab's record on
 * each open); the worker's answer brings the rest after the first frame.
 */
async function tabRecord(stamp: string, url: string): Promise<string> {
  return packTabRecord(stamp, url, (await loadVault()).siteSummaries(url, STORED_LIST_LIMIT));
}

/** The string values of a stored object (the reported URLs, the tab records), by key. */
function stringValues(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null) return {};
  return Object.fromEntries(Object.entries(value).filter((pair): pair is [string, string] => typeof pair[1] === 'string'));
}

function siteKeys(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((k): k is string => typeof k === 'string' && k.startsWith(SITE_KEY_PREFIX)) : [];
}

/** The match index's entries by lookup key, or undefined when they would not fit. */
function siteRecords(memory: VaultMemory): { generation: string; records: Record<string, string> } | undefined {
  const generation = crypto.randomUUID();
  const summaries = new Map<string, EntrySummary>();
  const records: Record<string, string> = {};
  let bytes = 0;
  for (const [key, ids] of entryLookupKeys(memory.matchIndex())) {
    const entries: SiteEntry[] = [];
    for (const id of ids) {
      const entry = memory.entry(id);
      if (!entry) continue;
      let summary = summaries.get(id);
      if (!summary) summaries.set(id, (summary = summaryOf(entry)));
      entries.push({ urls: entry.urls, summary });
    }
    const record = packSiteRecord(generation, entries);
    bytes += key.length + record.length;
    if (bytes > MAX_SITE_BYTES) return undefined;
    records[SITE_KEY_PREFIX + key] = record;
  }
  return { generation, records };
}
