/**
 * The stored first screen's writer against fake browser storage and a stand-in vault: what it writes, when, and that
 * a lock leaves nothing (also not a write that was on its way).
 */
import { fakeBrowser } from '@webext-core/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { EntrySummary, PopupState } from '../../../src/messages';

vi.mock('webextension-polyfill', () => ({ default: fakeBrowser }));

const { createFirstScreenWriter } = await import('../../../src/first-screen/writer');
const records = await import('../../../src/first-screen/records');
const { TAB_URLS_KEY } = await import('../../../src/first-screen/tab-urls');
type Memory = import('../../../src/first-screen/writer').FirstScreenMemory;

const summary = (id: string, name: string): EntrySummary => ({
  id,
  sourceId: 's',
  kind: 'shared',
  name,
  projectPath: [],
  tags: [],
  favorite: false,
  archived: false,
  lockedType: 0,
  hasOtp: false,
});
const state: PopupState = { configured: true, hasPassphrase: true, locked: false, sources: [] };

/** A vault of entries by host; `siteBuilds` counts how often the site records were asked for. */
function fakeMemory(hosts: Record<string, EntrySummary[]>, version = 1) {
  const memory = {
    version,
    matchStrategy: 'domain' as const,
    siteBuilds: 0,
    firstScreenLists: (limit: number) => {
      const all = Object.values(hosts).flat();
      return { favorites: [], entries: all.slice(0, limit), total: all.length };
    },
    siteSummaries: (url: string, limit: number) => (hosts[new URL(url).hostname] ?? []).slice(0, limit),
    *siteEntries(): Iterable<[string, { urls: string[]; summary: EntrySummary }[]]> {
      memory.siteBuilds++;
      for (const [host, list] of Object.entries(hosts)) yield [host, list.map((s) => ({ urls: [`https://${host}`], summary: s }))];
    },
  };
  return memory;
}

let memory: ReturnType<typeof fakeMemory> & Memory;
/** Two open tabs: one on a.example, one on b.example (as their detectors reported them). */
let tabIds: [number, number];
let unlocked = true;
const errors: string[] = [];
const writer = () =>
  createFirstScreenWriter({
    unlocked: async () => unlocked,
    memory: async () => memory,
    popupState: async () => state,
    noteError: (where) => errors.push(where),
  });
const session = () => fakeBrowser.storage.session.get(null) as Promise<Record<string, unknown>>;
const head = async () => records.unpackHead((await session())[records.HEAD_KEY]);

beforeEach(async () => {
  fakeBrowser.reset();
  unlocked = true;
  errors.length = 0;
  memory = fakeMemory({ 'a.example': [summary('1', 'Alpha')], 'b.example': [summary('2', 'Bravo'), summary('3', 'Beta')] });
  const [one, two] = await Promise.all([
    fakeBrowser.tabs.create({ url: 'https://a.example/' }),
    fakeBrowser.tabs.create({ url: 'about:blank' }),
  ]);
  tabIds = [one!.id!, two!.id!];
  await fakeBrowser.storage.session.set({
    [TAB_URLS_KEY]: {
      [String(one!.id)]: 'https://a.example/login',
      [String(two!.id)]: 'https://b.example/',
      999: 'https://b.example/closed',
    },
  });
});

describe('the first screen writer', () => {
  it('writes the head, the site records and the records of open tabs, soon after a change', async () => {
    const w = writer();
    w.schedule('changed');
    expect(await head()).toBeUndefined();
    await vi.waitFor(async () => expect(await head()).toBeDefined());
    const stored = await session();
    const h = (await head())!;
    expect(h).toMatchObject({ state, total: 3, defaultStrategy: 'domain' });
    expect(h.entries.map((e) => e.name)).toEqual(['Alpha', 'Bravo', 'Beta']);
    expect(stored[records.SITE_KEYS_KEY]).toEqual([`${records.SITE_KEY_PREFIX}a.example`, `${records.SITE_KEY_PREFIX}b.example`]);
    expect(records.unpackSiteRecord(stored[`${records.SITE_KEY_PREFIX}b.example`], h.sites!)?.map((e) => e.summary.name)).toEqual([
      'Bravo',
      'Beta',
    ]);
    const [one, two] = tabIds;
    expect(records.unpackTabRecord(stored[records.TABS_KEY], one, h.stamp, 'https://a.example/login')?.map((e) => e.id)).toEqual(['1']);
    expect(records.unpackTabRecord(stored[records.TABS_KEY], two, h.stamp, 'https://b.example/')?.map((e) => e.id)).toEqual(['2', '3']);
    // The closed tab's reported URL gets no record.
    expect(Object.keys(stored[records.TABS_KEY] as object)).toEqual([String(one), String(two)]);
  });

  it('after loading the cache, writes only when nothing is stored', async () => {
    const w = writer();
    w.schedule('loaded');
    await vi.waitFor(async () => expect(await head()).toBeDefined());
    const stamp = (await head())!.stamp;
    w.schedule('loaded');
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect((await head())!.stamp).toBe(stamp);
  });

  it('rebuilds the site records only when the entries changed, and removes the keys no longer used', async () => {
    const w = writer();
    w.schedule();
    await vi.waitFor(async () => expect(await head()).toBeDefined());
    const first = (await head())!;
    w.schedule();
    await vi.waitFor(async () => expect((await head())!.stamp).not.toBe(first.stamp));
    expect((await head())!.sites).toBe(first.sites);
    expect(memory.siteBuilds).toBe(1);
    memory = fakeMemory({ 'c.example': [summary('4', 'Charlie')] }, 2);
    w.schedule();
    await vi.waitFor(async () => expect((await head())!.total).toBe(1));
    const stored = await session();
    expect(Object.keys(stored).filter((k) => k.startsWith(records.SITE_KEY_PREFIX))).toEqual([`${records.SITE_KEY_PREFIX}c.example`]);
  });

  it('keeps no site records too big for storage.session: the popup then asks the worker', async () => {
    memory = fakeMemory({
      'big.example': Array.from({ length: 40_000 }, (_, i) => summary(`${i}`, `Entry number ${i} with a long name`.padEnd(160, '.'))),
    });
    const w = writer();
    w.schedule();
    await vi.waitFor(async () => expect(await head()).toBeDefined());
    expect((await head())!.sites).toBeNull();
    expect(Object.keys(await session()).some((k) => k.startsWith(records.SITE_KEY_PREFIX))).toBe(false);
  });

  it('leaves nothing on lock, not even a write that was scheduled before it', async () => {
    const w = writer();
    w.schedule();
    await vi.waitFor(async () => expect(await head()).toBeDefined());
    w.schedule();
    await w.drop();
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(Object.keys(await session())).toEqual([TAB_URLS_KEY]);
    // Locked: nothing is written at all.
    unlocked = false;
    w.schedule();
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(Object.keys(await session())).toEqual([TAB_URLS_KEY]);
  });

  it("writes a tab's record when its page reports a login form, with the stored head's stamp", async () => {
    const w = writer();
    const tab = tabIds[0];
    await w.writeTab(tab, 'https://b.example/login');
    expect(await head()).toBeUndefined(); // no head yet: no record either
    w.schedule();
    await vi.waitFor(async () => expect(await head()).toBeDefined());
    await w.writeTab(tab, 'https://b.example/login');
    const h = (await head())!;
    const stored = (await session())[records.TABS_KEY];
    expect(records.unpackTabRecord(stored, tab, h.stamp, 'https://b.example/login#top')?.map((e) => e.id)).toEqual(['2', '3']);
    expect(errors).toEqual([]);
  });
});
