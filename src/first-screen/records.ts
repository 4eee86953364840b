/**
 * The popup's first screen as the worker keeps it in `storage.session` (docs/first-screen.md): keys and shapes
 * shared by the writer (`writer.ts`, in the worker) and the reader (`reader.ts`, in the popup).
 */
import type { EntrySummary, FirstScreen, PopupState } from '../messages';
import type { MatchStrategy } from '../vault/match';

/** Rows of each list the first screen holds: enough to fill the popup without a second request. */
export const FIRST_SCREEN_LIMIT = 100;

/**
 * Rows of the favorites and of the whole list that the stored head keeps, and of a page's entries that its tab
 * record keeps. The popup reads the head and the tab records on every open, before its first frame, and that frame
 * shows 13 rows at most (8 in view, the next ones rendered ahead): kept short, the read is faster. The worker's
 * answer brings the rest right after the first frame.
 */
export const STORED_LIST_LIMIT = 20;

/**
 * A first screen from its parts, the same way in the worker and the popup: `site`, the page's entries (best first,
 * at most the limit, which is at least 1), and the page-independent lists.
 */
export function firstScreenOf(
  site: EntrySummary[],
  lists: Pick<FirstScreen, 'favorites' | 'entries' | 'total'>,
  pageUrl: string | undefined,
): FirstScreen {
  const screen: FirstScreen = { site, favorites: lists.favorites, entries: lists.entries, total: lists.total, canFill: site.length > 0 };
  const host = pageUrl ? pageHost(pageUrl) : undefined;
  if (host) screen.siteHost = host;
  return screen;
}

export const HEAD_KEY = 'firstScreen';
/** The keys of the site records currently written, so they can all be removed. */
export const SITE_KEYS_KEY = 'firstScreen:keys';
/** Prefix of a site record's key; the rest is a lookup key of `vault/match-keys.ts`. */
export const SITE_KEY_PREFIX = 'firstScreen:site:';
/**
 * The tab records (each one a tab's page entries, already matched), by tab id, under one key: the popup reads them
 * with the head while it asks which tab it is on, not after.
 */
export const TABS_KEY = 'firstScreen:tabs';

export interface FirstScreenHead {
  version: 1;
  state: PopupState;
  favorites: EntrySummary[];
  /** The start of the whole list, by name. */
  entries: EntrySummary[];
  total: number;
  defaultStrategy: MatchStrategy;
  /** Generation of the site records that go with this head; null when they were too big to keep. */
  sites: string | null;
  /** New with every head written: tab records hold the stamp of the head they were matched with. */
  stamp: string;
}

/** What the matcher needs of an entry, and what the list shows of it. */
export interface SiteEntry {
  urls: string[];
  summary: EntrySummary;
}

/** Summary fields left out of a stored record when they hold their usual value. */
const USUAL: Partial<EntrySummary> = { favorite: false, archived: false, hasOtp: false, lockedType: 0 };
const USUALLY_EMPTY = ['projectPath', 'tags'] as const;

/**
 * The entries filed under one lookup key of the match index, as stored: one JSON string (Chromium counts every
 * part of a stored object against the 10 MB quota, a string only by its length) without the usual values.
 */
export function packSiteRecord(generation: string, entries: readonly SiteEntry[]): string {
  return JSON.stringify({ generation, entries: entries.map(({ urls, summary }) => [urls, shortSummary(summary)]) });
}

/** The entries of a stored record of this generation; undefined for anything else. */
export function unpackSiteRecord(value: unknown, generation: string): SiteEntry[] | undefined {
  const record = parseRecord(value);
  if (record?.generation !== generation || !Array.isArray(record.entries)) return undefined;
  try {
    return record.entries.map(([urls, short]: [string[], Partial<EntrySummary>]) => ({ urls, summary: fullSummary(short) }));
  } catch {
    return undefined;
  }
}

/**
 * A tab's entries for the page it shows, matched by the worker (best first, at most the limit): the popup on that
 * tab needs no matcher. Valid with the head of `stamp` and for that same page only.
 */
export function packTabRecord(stamp: string, url: string, site: readonly EntrySummary[]): string {
  return JSON.stringify({ stamp, url: withoutFragment(url), site: site.map(shortSummary) });
}

/**
 * The entries of tab `tabId`'s record in `records` (the stored {@link TABS_KEY}) when written with the head of
 * `stamp` for the page `url`; undefined for anything else.
 */
export function unpackTabRecord(records: unknown, tabId: number | undefined, stamp: string, url: string): EntrySummary[] | undefined {
  const record =
    typeof records === 'object' && records !== null && tabId !== undefined
      ? parseRecord((records as Record<string, unknown>)[String(tabId)])
      : undefined;
  if (record?.stamp !== stamp || record.url !== withoutFragment(url) || !Array.isArray(record.site)) return undefined;
  return record.site.map(fullSummary);
}

function parseRecord(value: unknown): Record<string, unknown> | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const record: unknown = JSON.parse(value);
    return typeof record === 'object' && record !== null ? (record as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function shortSummary(summary: EntrySummary): Partial<EntrySummary> {
  const short: Record<string, unknown> = { ...summary };
  for (const [field, usual] of Object.entries(USUAL)) if (short[field] === usual) delete short[field];
  for (const field of USUALLY_EMPTY) if (summary[field].length === 0) delete short[field];
  return short;
}

function fullSummary(short: Partial<EntrySummary>): EntrySummary {
  return { ...USUAL, ...emptyLists(), ...short } as EntrySummary;
}

/** Matching ignores the fragment, and a page may change it without being another page. */
function withoutFragment(url: string): string {
  const hash = url.indexOf('#');
  return hash === -1 ? url : url.slice(0, hash);
}

function emptyLists(): Pick<EntrySummary, 'projectPath' | 'tags'> {
  return { projectPath: [], tags: [] };
}

/** The head as stored: one JSON string without the usual values, like the site records (the popup reads it on every open). */
export function packHead(head: FirstScreenHead): string {
  return JSON.stringify({ ...head, favorites: head.favorites.map(shortSummary), entries: head.entries.map(shortSummary) });
}

export function unpackHead(value: unknown): FirstScreenHead | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const head = JSON.parse(value) as Partial<FirstScreenHead>;
    const ok =
      head.version === 1 &&
      typeof head.state === 'object' &&
      Array.isArray(head.favorites) &&
      Array.isArray(head.entries) &&
      typeof head.total === 'number' &&
      typeof head.stamp === 'string';
    return ok
      ? ({ ...head, favorites: head.favorites!.map(fullSummary), entries: head.entries!.map(fullSummary) } as FirstScreenHead)
      : undefined;
  } catch {
    return undefined;
  }
}

/** The host shown for a page ("This site"), for http(s) URLs only. */
function pageHost(url: string): string | undefined {
  try {
    const { protocol, host } = new URL(url);
    return protocol === 'http:' || protocol === 'https:' ? host : undefined;
  } catch {
    return undefined;
  }
}
