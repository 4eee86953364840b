/**
 * The worker's side of the stored first screen (see docs/first-screen.md): writes it to `storage.session` shortly
 * after the vault changes, a tab's record when that tab reports a new page, and removes all of it on lock. The
 * vault comes in through {@link FirstScreenVault}, so this module knows the records and storage, not the worker.
 */
import browser from '../browser';
import { inOrder } from '../in-order';
import type { EntrySummary, FirstScreen, PopupState } from '../messages';
import type { MatchStrategy } from '../vault/match';
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
import { TAB_URLS_KEY, openTabIds } from './tab-urls';

/** What the writer reads of the vault's memory (one memory per unlock). */
export interface FirstScreenMemory {
  /** Changes whenever the shown entries change. */
  readonly version: number;
  readonly matchStrategy: MatchStrategy;
  firstScreenLists(limit: number): Pick<FirstScreen, 'favorites' | 'entries' | 'total'>;
  siteSummaries(url: string, limit: number): EntrySummary[];
  /** The match index's entries by lookup key (what a page's `pageLookupKeys` can find). */
  siteEntries(): Iterable<[string, SiteEntry[]]>;
}

export interface FirstScreenVault {
  unlocked(): Promise<boolean>;
  memory(): Promise<FirstScreenMemory>;
  popupState(): Promise<PopupState>;
  /** Told of a failure handled here (Diagnostics), with a fixed label. */
  noteError(where: string, error: unknown): void;
}

/** Changes come in bursts (a sync's sources, progress): one write after they settle. */
const WRITE_DELAY_MS = 250;
/**
 * Site records bigger than this (about 20,000 entries) are not kept: `storage.session` holds 10 MB in all. The
 * popup then waits for the worker on pages without a tab record.
 */
const MAX_SITE_BYTES = 6 * 1024 * 1024;

export function createFirstScreenWriter(vault: FirstScreenVault) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** The scheduled write only fills in a missing first screen (nothing changed since the last one). */
  let onlyIfMissing = true;
  /** Writes and removals run one after another, so a removal (lock) always lands after a write in flight. */
  const queue = inOrder();
  /** Bumped on lock: writes scheduled before it do nothing. */
  let epoch = 0;
  /** What the site records in storage were built from, to skip rebuilding them when only the head changed. */
  let written: { memory: FirstScreenMemory; version: number; generation: string | null } | undefined;

  /** A tab's record: the start of what the popup on that page shows under "This site". */
  const tabRecord = (memory: FirstScreenMemory, stamp: string, url: string) =>
    packTabRecord(stamp, url, memory.siteSummaries(url, STORED_LIST_LIMIT));

  async function write(at: number, ifMissing: boolean): Promise<void> {
    if (at !== epoch || !(await vault.unlocked())) return;
    if (ifMissing && (await browser.storage.session.get(HEAD_KEY))[HEAD_KEY] !== undefined) return;
    const memory = await vault.memory();
    const state = await vault.popupState();
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
      if (open.has(id)) tabs[id] = tabRecord(memory, head.stamp, url);
    }
    items[TABS_KEY] = tabs;
    if (at !== epoch) return;
    try {
      await browser.storage.session.set(items);
      written = { memory, version, generation };
    } catch (error) {
      // Over the quota (nothing of the failed call was written): no site records; the popup asks the worker for them.
      vault.noteError('firstScreen.quota', error);
      const { [SITE_KEYS_KEY]: old } = await browser.storage.session.get(SITE_KEYS_KEY);
      await browser.storage.session.set({ [HEAD_KEY]: packHead({ ...head, sites: null }), [SITE_KEYS_KEY]: [], [TABS_KEY]: tabs });
      stale = siteKeys(old);
      written = { memory, version, generation: null };
    }
    if (stale.length > 0) await browser.storage.session.remove(stale);
  }

  return {
    /** Writes the first screen soon; `loaded` (entries just came from the cache) writes only when none is stored. */
    schedule(event: 'loaded' | 'changed' = 'changed'): void {
      if (event === 'changed') onlyIfMissing = false;
      if (timer) return;
      const at = epoch;
      timer = setTimeout(() => {
        const ifMissing = onlyIfMissing;
        timer = undefined;
        onlyIfMissing = true;
        void queue(() => write(at, ifMissing)).catch((error) => vault.noteError('firstScreen.write', error));
      }, WRITE_DELAY_MS);
    },

    /** Removes every record of the first screen (on lock); writes scheduled before do nothing. */
    drop(): Promise<void> {
      epoch++;
      clearTimeout(timer);
      timer = undefined;
      onlyIfMissing = true;
      written = undefined;
      return queue(async () => {
        const { [SITE_KEYS_KEY]: keys } = await browser.storage.session.get(SITE_KEYS_KEY);
        await browser.storage.session.remove([HEAD_KEY, SITE_KEYS_KEY, TABS_KEY, ...siteKeys(keys)]);
      });
    },

    /** Writes the record of a tab that reported a new page (when a first screen is stored). */
    writeTab(tabId: number, url: string): Promise<void> {
      const at = epoch;
      return queue(async () => {
        const { [HEAD_KEY]: stored, [TABS_KEY]: tabs } = await browser.storage.session.get([HEAD_KEY, TABS_KEY]);
        const head = unpackHead(stored);
        if (!head || at !== epoch || !(await vault.unlocked())) return;
        const record = tabRecord(await vault.memory(), head.stamp, url);
        // The popup reads every tab's record on each open: closed tabs' go now, not at the next change of the vault.
        const open = await openTabIds();
        const kept = Object.fromEntries(Object.entries(stringValues(tabs)).filter(([id]) => open.has(id)));
        if (at === epoch) await browser.storage.session.set({ [TABS_KEY]: { ...kept, [String(tabId)]: record } });
      });
    },
  };
}

export type FirstScreenWriter = ReturnType<typeof createFirstScreenWriter>;

/** The string values of a stored object (the reported URLs, the tab records), by key. */
function stringValues(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null) return {};
  return Object.fromEntries(Object.entries(value).filter((pair): pair is [string, string] => typeof pair[1] === 'string'));
}

function siteKeys(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((k): k is string => typeof k === 'string' && k.startsWith(SITE_KEY_PREFIX)) : [];
}

/** The site records, or undefined when they would not fit. */
function siteRecords(memory: FirstScreenMemory): { generation: string; records: Record<string, string> } | undefined {
  const generation = crypto.randomUUID();
  const records: Record<string, string> = {};
  let bytes = 0;
  for (const [key, entries] of memory.siteEntries()) {
    const record = packSiteRecord(generation, entries);
    bytes += key.length + record.length;
    if (bytes > MAX_SITE_BYTES) return undefined;
    records[SITE_KEY_PREFIX + key] = record;
  }
  return { generation, records };
}
