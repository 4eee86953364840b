/**
 * URL matching: which entries belong to a page. Entries are indexed once by host and by base domain
 * (eTLD+1, Public Suffix List via tldts), so matching a page is a few map lookups, never a scan.
 */
import { getDomain } from 'tldts';
import type { Entry } from './entry';
import { parseEntryUrls, type ParsedUrl } from './parse-entry-urls';

/**
 * How an entry URL is compared with a page (Bitwarden's set):
 * - `domain`: same base domain (eTLD+1), any subdomain and port. IPs and one-word hosts fall back to `host`.
 * - `host`: same host name and port.
 * - `startsWith`: same host and port, and the page's path+query starts with the entry's.
 * - `exact`: same host and port, and the same path+query.
 * - `never`: the entry is never offered for a page.
 */
export type MatchStrategy = 'domain' | 'host' | 'startsWith' | 'exact' | 'never';

/** Best first: `path` (host, port and path prefix), `host` (host and port), `domain` (base domain or wildcard). */
export type MatchQuality = 'path' | 'host' | 'domain';

/** One entry offered for a page. */
export interface PageMatch {
  entryId: string;
  quality: MatchQuality;
  /** The entry names https and the page is plain http: fill only after the user confirms. */
  askFirst: boolean;
}

/** The user's strategy, for every entry. */
export interface MatchOptions {
  defaultStrategy: MatchStrategy;
}

/** What the matcher needs of an entry. */
export type MatchableEntry = Pick<Entry, 'id' | 'sourceId' | 'urls'>;

interface Candidate {
  entryId: string;
  strategy: MatchStrategy;
  url: ParsedUrl;
  /** Lower-case path without query or trailing '/', for ranking; '' when the URL has no path. */
  rankPath: string;
}

interface SourceIndex {
  byHost: Map<string, Candidate[]>;
  byDomain: Map<string, Candidate[]>;
  wildcards: Map<string, Candidate[]>;
}

/** A prebuilt index; one part per source so a sync can replace one source alone. Treat as opaque. */
export interface MatchIndex {
  readonly options: MatchOptions;
  readonly sources: Map<string, SourceIndex>;
}

interface Page {
  scheme: 'http' | 'https';
  host: string;
  /** The port in effect (80/443 when none written). */
  port: number;
  /** No port written, or the scheme's default one. */
  defaultPort: boolean;
  /** Path and query, as the URL parser normalised them. */
  path: string;
  rankPath: string;
  baseDomain: string | null;
}

const QUALITY_RANK: Record<MatchQuality, number> = { path: 3, host: 2, domain: 1 };
const MAX_PAGE_URL = 65_536;
const DOMAIN_OPTIONS = { allowPrivateDomains: true, extractHostname: false, detectIp: false } as const;

/** Builds the index for all entries. `options` apply to every later {@link replaceSourceEntries} too. */
export function buildMatchIndex(entries: readonly MatchableEntry[], options: MatchOptions): MatchIndex {
  const bySource = new Map<string, MatchableEntry[]>();
  for (const entry of entries) {
    const list = bySource.get(entry.sourceId);
    if (list) list.push(entry);
    else bySource.set(entry.sourceId, [entry]);
  }
  const index: MatchIndex = { options, sources: new Map() };
  for (const [sourceId, list] of bySource) index.sources.set(sourceId, buildSource(list, options));
  return index;
}

/** Replaces one source's entries after a sync; the other sources' parts are kept as they are. */
export function replaceSourceEntries(index: MatchIndex, sourceId: string, entries: readonly MatchableEntry[]): void {
  index.sources.set(sourceId, buildSource(entries, index.options));
}

/** Drops a source (removed server, or its cache was found corrupt). */
export function removeSourceEntries(index: MatchIndex, sourceId: string): void {
  index.sources.delete(sourceId);
}

/**
 * Replaces one entry (`old` undefined: adds it; `next` undefined: removes it): only its own URLs are parsed and
 * filed, the rest of its source stays as it is.
 */
export function replaceEntry(index: MatchIndex, old: MatchableEntry | undefined, next: MatchableEntry | undefined): void {
  if (old) {
    const source = index.sources.get(old.sourceId);
    if (source)
      fileEntry(
        old,
        index.options,
        (map, key) => {
          const kept = map.get(key)?.filter((c) => c.entryId !== old.id);
          if (kept && kept.length > 0) map.set(key, kept);
          else map.delete(key);
        },
        source,
      );
  }
  if (next) {
    let source = index.sources.get(next.sourceId);
    if (!source) index.sources.set(next.sourceId, (source = buildSource([], index.options)));
    fileEntry(next, index.options, (map, key, candidate) => add(map, key, candidate), source);
  }
}

/**
 * Every key the index files entries under (host, base domain or wildcard host), with those entries' ids. A page
 * can only match entries filed under one of its `pageLookupKeys`.
 */
export function entryLookupKeys(index: MatchIndex): Map<string, Set<string>> {
  const keys = new Map<string, Set<string>>();
  const file = (key: string, candidates: readonly Candidate[]) => {
    let ids = keys.get(key);
    if (!ids) keys.set(key, (ids = new Set()));
    for (const c of candidates) ids.add(c.entryId);
  };
  for (const source of index.sources.values()) {
    for (const map of [source.byHost, source.byDomain, source.wildcards]) for (const [key, candidates] of map) file(key, candidates);
  }
  return keys;
}

/** A match and how much of the page's path its entry URL pins down (for ranking only). */
interface Ranked {
  match: PageMatch;
  length: number;
}

/**
 * The entries offered for a page (or frame) URL, best first: quality, then the most specific (the longest
 * matching path: `/app/admin` before `/app`), then without `askFirst`, then by id.
 * Pages that are not http(s) (chrome:, file:, about:, data:, javascript:, …) never match. Never throws.
 */
export function matchPage(index: MatchIndex, pageUrl: string): PageMatch[] {
  const page = parsePage(pageUrl);
  if (!page) return [];
  const best = new Map<string, Ranked>();
  const consider = (candidates: Candidate[] | undefined, viaWildcard: boolean) => {
    if (!candidates) return;
    for (const c of candidates) {
      const match = viaWildcard ? evaluateWildcard(c, page) : evaluate(c, page);
      if (!match) continue;
      const ranked = { match, length: specificity(c, match) };
      const known = best.get(match.entryId);
      if (!known || compareRanked(ranked, known) < 0) best.set(match.entryId, ranked);
    }
  };
  for (const source of index.sources.values()) {
    consider(source.byHost.get(page.host), false);
    if (page.baseDomain !== null) consider(source.byDomain.get(page.baseDomain), false);
    if (source.wildcards.size > 0) {
      for (let host = page.host; ; ) {
        consider(source.wildcards.get(host), true);
        const dot = host.indexOf('.');
        if (dot === -1) break;
        host = host.slice(dot + 1);
      }
    }
  }
  return [...best.values()].sort(compareRanked).map((r) => r.match);
}

/**
 * The text an entry URL must contain to match a page under any strategy: the page's registrable domain (its
 * host when it has none: an IP address, a dot-less name). Undefined for a URL that cannot be parsed.
 */
export function pageDomain(pageUrl: string): string | undefined {
  let host: string;
  try {
    host = new URL(pageUrl).hostname.replace(/^\[|\]$/g, '').toLowerCase();
  } catch {
    return undefined;
  }
  return getDomain(host, DOMAIN_OPTIONS) ?? host;
}

/**
 * Matches a page without a prebuilt index: only entries whose URL text names the page's host or base domain are
 * parsed. For the first screen of a cold worker, where building the whole index would cost more than the answer.
 */
export function matchAmong(entries: readonly MatchableEntry[], pageUrl: string, options: MatchOptions): PageMatch[] {
  const needle = pageDomain(pageUrl);
  if (needle === undefined) return [];
  // Non-ASCII texts are parsed too: an IDN host is punycode in the page URL but may be written in Unicode.
  const candidates = entries.filter((e) => e.urls.some((text) => text.toLowerCase().includes(needle) || /[^\x00-\x7f]/.test(text)));
  return matchPage(buildMatchIndex(candidates, options), pageUrl);
}

/** Whether one entry matches a page: the re-check right before a secret is sent to a frame. */
export function matchEntry(entry: MatchableEntry, pageUrl: string, options: MatchOptions): PageMatch | null {
  return matchPage(buildMatchIndex([entry], options), pageUrl)[0] ?? null;
}

function buildSource(entries: readonly MatchableEntry[], options: MatchOptions): SourceIndex {
  const index: SourceIndex = { byHost: new Map(), byDomain: new Map(), wildcards: new Map() };
  for (const entry of entries) fileEntry(entry, options, add, index);
  return index;
}

/** Where an entry's URLs are filed in a source's index: `file` is called once per map, key and candidate. */
function fileEntry(
  entry: MatchableEntry,
  options: MatchOptions,
  file: (map: Map<string, Candidate[]>, key: string, candidate: Candidate) => void,
  index: SourceIndex,
): void {
  const strategy = options.defaultStrategy;
  if (strategy === 'never') return;
  for (const text of entry.urls) {
    for (const url of parseEntryUrls(text)) {
      if (url.kind !== 'web') continue;
      const candidate: Candidate = { entryId: entry.id, strategy, url, rankPath: rankPathOf(url.path) };
      if (url.wildcard) {
        file(index.wildcards, url.host, candidate);
        continue;
      }
      const baseDomain = strategy === 'domain' && url.hostKind === 'dns' ? getDomain(url.host, DOMAIN_OPTIONS) : null;
      if (baseDomain) file(index.byDomain, baseDomain, candidate);
      else file(index.byHost, url.host, candidate);
    }
  }
}

function add(map: Map<string, Candidate[]>, key: string, candidate: Candidate): void {
  const list = map.get(key);
  if (list) list.push(candidate);
  else map.set(key, [candidate]);
}

function parsePage(pageUrl: string): Page | null {
  if (typeof pageUrl !== 'string' || pageUrl.length > MAX_PAGE_URL) return null;
  let url: URL;
  try {
    url = new URL(pageUrl);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const scheme = url.protocol === 'https:' ? 'https' : 'http';
  const host = url.hostname.endsWith('.') ? url.hostname.slice(0, -1) : url.hostname;
  if (host === '') return null;
  const isDns = host.includes('.') && !host.startsWith('[') && !/^\d+(?:\.\d+){3}$/.test(host);
  return {
    scheme,
    host,
    port: url.port === '' ? (scheme === 'https' ? 443 : 80) : Number(url.port),
    defaultPort: url.port === '',
    path: url.pathname + url.search,
    rankPath: url.pathname.toLowerCase(),
    baseDomain: isDns ? getDomain(host, DOMAIN_OPTIONS) : null,
  };
}

function rankPathOf(path: string): string {
  const q = path.search(/[?#]/);
  let p = (q === -1 ? path : path.slice(0, q)).toLowerCase();
  while (p.endsWith('/')) p = p.slice(0, -1);
  return p;
}

/** The page's path is the entry's path or below it (segment-wise: /wp-admin does not cover /wp-admin2). */
function pathCovers(rankPath: string, page: Page): boolean {
  if (rankPath === '') return false;
  return page.rankPath === rankPath || page.rankPath.startsWith(`${rankPath}/`);
}

function evaluate(c: Candidate, page: Page): PageMatch | null {
  const url = c.url;
  // http entry on an https page is an upgrade and fine; https entry on an http page may be a downgrade attack.
  const askFirst = url.scheme === 'https' && page.scheme === 'http';
  const sameOrigin = url.host === page.host && (url.port === null ? page.defaultPort : url.port === page.port);
  switch (c.strategy) {
    case 'domain':
      if (sameOrigin) return { entryId: c.entryId, quality: pathCovers(c.rankPath, page) ? 'path' : 'host', askFirst };
      // Candidates under `domain` are looked up by base domain, so reaching here means the same eTLD+1;
      // an IP or one-word host is indexed by host and needs `sameOrigin`.
      return url.hostKind === 'dns' ? { entryId: c.entryId, quality: 'domain', askFirst } : null;
    case 'host':
      if (!sameOrigin) return null;
      return { entryId: c.entryId, quality: pathCovers(c.rankPath, page) ? 'path' : 'host', askFirst };
    case 'startsWith':
      if (!sameOrigin || !page.path.startsWith(url.path === '' ? '/' : url.path)) return null;
      return { entryId: c.entryId, quality: url.path === '' ? 'host' : 'path', askFirst };
    case 'exact':
      if (!sameOrigin || page.path !== (url.path === '' ? '/' : url.path)) return null;
      return { entryId: c.entryId, quality: 'path', askFirst };
    default:
      return null;
  }
}

/** `*.example.com` covers example.com and its subdomains; a port, when written, must match. */
function evaluateWildcard(c: Candidate, page: Page): PageMatch | null {
  const url = c.url;
  if (url.port !== null && url.port !== page.port) return null;
  return { entryId: c.entryId, quality: 'domain', askFirst: url.scheme === 'https' && page.scheme === 'http' };
}

/** The length of the path a path-quality match covers (0 for host-wide and domain matches). */
function specificity(c: Candidate, match: PageMatch): number {
  if (match.quality !== 'path') return 0;
  return c.strategy === 'startsWith' || c.strategy === 'exact' ? c.url.path.length : c.rankPath.length;
}

function compareRanked(x: Ranked, y: Ranked): number {
  const [a, b] = [x.match, y.match];
  const q = QUALITY_RANK[b.quality] - QUALITY_RANK[a.quality];
  if (q !== 0) return q;
  if (x.length !== y.length) return y.length - x.length;
  if (a.askFirst !== b.askFirst) return a.askFirst ? 1 : -1;
  return a.entryId < b.entryId ? -1 : a.entryId > b.entryId ? 1 : 0;
}
