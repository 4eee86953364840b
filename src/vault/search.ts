/**
 * The popup's search index: a sorted word list with posting lists per source (prefix search by binary
 * search, a typo-tolerant pass when exact prefixes find too little), and top-k ranking without sorting all hits.
 */
import { compareByName, sortByName } from './by-name';
import type { Entry } from './entry';
import { hostsOf, prefixWithinOneEdit, searchPhrase, searchWords } from './search-text';
import { TopK } from './top-k';

/** What the search needs of an entry. */
export type SearchableEntry = Pick<
  Entry,
  'id' | 'sourceId' | 'name' | 'username' | 'email' | 'urls' | 'tags' | 'projectPath' | 'favorite' | 'archived'
>;

/** Options of one search. */
export interface SearchOptions {
  /** Entries matching the current site: ranked above everything else. */
  boost?: ReadonlySet<string>;
  /** Most ids returned; default 50. */
  limit?: number;
  /** Archived entries are left out unless asked for. */
  includeArchived?: boolean;
}

/** The search index; one part per source, so a sync rebuilds only its own source. */
export interface SearchIndex {
  /** Indexes a source's entries, replacing what it had. */
  replaceSource(sourceId: string, entries: readonly SearchableEntry[]): void;
  removeSource(sourceId: string): void;
  /**
   * Replaces one entry (`old` undefined: adds it; `next` undefined: removes it) without rebuilding its source: a
   * favorite or archive flag changes in place; other changes leave the old one out and index the new one apart.
   */
  replaceEntry(old: SearchableEntry | undefined, next: SearchableEntry | undefined): void;
  /**
   * Entry ids, best first: current-site matches, favorites, names starting with the text, then by how well
   * each word matched (name > login/e-mail > host > tag > project), then by name.
   * Every typed word must match a word's start. When that finds fewer than `limit`, entries matching with one
   * typo per word (words of 4+ letters, first letter right) follow. An empty text lists all entries.
   */
  search(text: string, options?: SearchOptions): string[];
  /** Number of indexed entries. */
  readonly size: number;
}

/** Where a word was found; the posting stores it in its low 3 bits. */
const Field = { Name: 0, Login: 1, Host: 2, Tag: 3, Project: 4 } as const;
type Field = (typeof Field)[keyof typeof Field];
const FIELD_WEIGHT = [8, 5, 4, 3, 2];
const WHOLE_WORD_BONUS = 2;
const TYPO_WEIGHT = 1;
const MIN_TYPO_TERM = 4;
const MAX_TERMS = 8;
const BOOST_SCORE = 1_000_000;
const FAVORITE_SCORE = 100_000;
const NAME_PREFIX_SCORE = 10_000;

interface Segment {
  ids: string[];
  /** The entries' names as given (hits of several segments are ordered by name). */
  names: string[];
  phrases: string[];
  idToIndex: Map<string, number>;
  favorite: Uint8Array;
  archived: Uint8Array;
  /** Position of each entry when sorted by name: the tie-break, as a number. */
  nameRank: Int32Array;
  /** 1 for an entry replaced since the segment was built (see `replaceEntry`): left out of every search. */
  removed: Uint8Array;
  words: string[];
  offsets: Int32Array;
  postings: Int32Array;
  // Scratch space reused by every query (a popup runs one search at a time).
  touched: Int32Array;
  lastTerm: Int8Array;
  bestWeight: Uint8Array;
  score: Int32Array;
  boosted: Int32Array;
  /** The current query's candidates (the first `count` slots): a one-letter query has tens of thousands. */
  candidates: Int32Array;
  generation: number;
}

interface Hit {
  id: string;
  score: number;
  name: string;
}

/** A source's entries as indexed by a sync, and the few replaced since then (a small segment of their own). */
interface Part {
  base: Segment;
  replaced: Map<string, SearchableEntry>;
  extra?: Segment;
}

/** The fields whose words are indexed: when none of them changed, a replacement needs no new postings. */
function sameWords(a: SearchableEntry, b: SearchableEntry): boolean {
  const same = (x: readonly string[], y: readonly string[]) => x.length === y.length && x.every((v, i) => v === y[i]);
  return (
    a.name === b.name &&
    a.username === b.username &&
    a.email === b.email &&
    same(a.urls, b.urls) &&
    same(a.tags, b.tags) &&
    same(a.projectPath, b.projectPath)
  );
}

/** Creates an empty index. */
export function createSearchIndex(): SearchIndex {
  const parts = new Map<string, Part>();
  const segments = function* (): Iterable<Segment> {
    for (const part of parts.values()) {
      yield part.base;
      if (part.extra) yield part.extra;
    }
  };
  return {
    replaceSource(sourceId, entries) {
      parts.set(sourceId, { base: buildSegment(entries), replaced: new Map() });
    },
    removeSource(sourceId) {
      parts.delete(sourceId);
    },
    replaceEntry(old, next) {
      const sourceId = (next ?? old)?.sourceId;
      if (sourceId === undefined) return;
      let part = parts.get(sourceId);
      if (!part) parts.set(sourceId, (part = { base: buildSegment([]), replaced: new Map() }));
      const i = old ? part.base.idToIndex.get(old.id) : undefined;
      if (old && next && old.id === next.id && sameWords(old, next) && i !== undefined && part.base.removed[i] === 0) {
        part.base.favorite[i] = next.favorite ? 1 : 0;
        part.base.archived[i] = next.archived ? 1 : 0;
        return;
      }
      if (i !== undefined) part.base.removed[i] = 1;
      if (old) part.replaced.delete(old.id);
      if (next) part.replaced.set(next.id, next);
      part.extra = part.replaced.size > 0 ? buildSegment([...part.replaced.values()]) : undefined;
    },
    search(text, options = {}) {
      const limit = Math.max(0, options.limit ?? 50);
      if (limit === 0) return [];
      const terms = [...new Set(searchWords(text))].slice(0, MAX_TERMS);
      const phrase = searchPhrase(text);
      const ids = runSearch(segments, terms, phrase, options, limit, false).map((h) => h.id);
      // Typos only when exact prefixes found too little, and after all exact hits: they are noise next to real ones.
      if (ids.length < limit && terms.some((t) => t.length >= MIN_TYPO_TERM)) {
        const exact = new Set(ids);
        for (const hit of runSearch(segments, terms, phrase, options, limit, true)) {
          if (ids.length >= limit) break;
          if (!exact.has(hit.id)) ids.push(hit.id);
        }
      }
      return ids;
    },
    get size() {
      let n = 0;
      for (const s of segments()) n += s.ids.length - s.removed.reduce((sum, r) => sum + r, 0);
      return n;
    },
  };
}

function buildSegment(entries: readonly SearchableEntry[]): Segment {
  const n = entries.length;
  const ids = new Array<string>(n);
  const names = new Array<string>(n);
  const phrases = new Array<string>(n);
  const idToIndex = new Map<string, number>();
  const favorite = new Uint8Array(n);
  const archived = new Uint8Array(n);
  const postingsByWord = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    const e = entries[i]!;
    ids[i] = e.id;
    names[i] = e.name;
    phrases[i] = searchPhrase(e.name);
    idToIndex.set(e.id, i);
    favorite[i] = e.favorite ? 1 : 0;
    archived[i] = e.archived ? 1 : 0;
    // One posting per word and entry, with the best field it occurs in (lowest number = best). Entries are
    // added in order, so a repeat of the word in this entry can only be the list's last posting.
    const addWords = (text: string | undefined, field: Field) => {
      if (!text) return;
      for (const w of searchWords(text)) {
        const posting = (i << 3) | field;
        const list = postingsByWord.get(w);
        if (!list) postingsByWord.set(w, [posting]);
        else if (list[list.length - 1]! >> 3 !== i) list.push(posting);
        else if ((list[list.length - 1]! & 7) > field) list[list.length - 1] = posting;
      }
    };
    addWords(e.name, Field.Name);
    addWords(e.username, Field.Login);
    addWords(e.email, Field.Login);
    for (const text of e.urls) addWords(hostsOf(text), Field.Host);
    for (const tag of e.tags) addWords(tag, Field.Tag);
    for (const name of e.projectPath) addWords(name, Field.Project);
  }
  const words = [...postingsByWord.keys()].sort();
  const offsets = new Int32Array(words.length + 1);
  let total = 0;
  for (let w = 0; w < words.length; w++) {
    offsets[w] = total;
    total += postingsByWord.get(words[w]!)!.length;
  }
  offsets[words.length] = total;
  const postings = new Int32Array(total);
  for (let w = 0; w < words.length; w++) postings.set(postingsByWord.get(words[w]!)!, offsets[w]!);
  const order = sortByName(
    Array.from({ length: n }, (_, i) => i),
    (i) => entries[i]!.name,
    (i) => ids[i]!,
  );
  const nameRank = new Int32Array(n);
  order.forEach((entryIndex, rank) => (nameRank[entryIndex] = rank));
  return {
    ids,
    names,
    phrases,
    idToIndex,
    favorite,
    archived,
    nameRank,
    removed: new Uint8Array(n),
    words,
    offsets,
    postings,
    touched: new Int32Array(n),
    lastTerm: new Int8Array(n),
    bestWeight: new Uint8Array(n),
    score: new Int32Array(n),
    boosted: new Int32Array(n),
    candidates: new Int32Array(n),
    generation: 0,
  };
}

function runSearch(
  segments: () => Iterable<Segment>,
  terms: string[],
  phrase: string,
  options: SearchOptions,
  limit: number,
  typos: boolean,
): Hit[] {
  const hits: Hit[] = [];
  for (const segment of segments()) hits.push(...searchSegment(segment, terms, phrase, options, limit, typos));
  hits.sort((a, b) => b.score - a.score || compareByName(a, b));
  return hits.slice(0, limit);
}

/** The best `limit` hits of one segment. */
function searchSegment(seg: Segment, terms: string[], phrase: string, options: SearchOptions, limit: number, typos: boolean): Hit[] {
  const gen = nextGeneration(seg);
  for (const id of options.boost ?? []) {
    const i = seg.idToIndex.get(id);
    if (i !== undefined) seg.boosted[i] = gen;
  }
  const top = new TopK(limit);
  const n = seg.ids.length;
  const rankScale = n + 1;
  const consider = (i: number, textScore: number) => {
    if (seg.removed[i] === 1 || (seg.archived[i] === 1 && options.includeArchived !== true)) return;
    let score = textScore;
    if (seg.boosted[i] === gen) score += BOOST_SCORE;
    if (seg.favorite[i] === 1) score += FAVORITE_SCORE;
    if (phrase !== '' && seg.phrases[i]!.startsWith(phrase)) score += NAME_PREFIX_SCORE;
    top.offer(score * rankScale + (n - seg.nameRank[i]!), i, score);
  };
  if (terms.length === 0) {
    for (let i = 0; i < n; i++) consider(i, 0);
  } else {
    const count = collectCandidates(seg, orderBySelectivity(seg, terms), gen, typos);
    for (let c = 0; c < count; c++) consider(seg.candidates[c]!, seg.score[seg.candidates[c]!]!);
  }
  return top.drain().map(([i, score]) => ({ id: seg.ids[i]!, score, name: seg.names[i]! }));
}

/**
 * Entries where every term starts some word, into `seg.candidates` (their number is returned; scratch space, so a
 * query on a huge vault allocates nothing per hit); their text score is left in `seg.score`. The first term
 * decides the candidates, so the rarest term goes first.
 */
function collectCandidates(seg: Segment, terms: string[], gen: number, typos: boolean): number {
  const candidates = seg.candidates;
  let count = 0;
  const last = terms.length - 1;
  terms.forEach((term, t) => {
    const visit = (posting: number, weight: number) => {
      const i = posting >> 3;
      if (seg.touched[i] !== gen) {
        if (t !== 0) return;
        seg.touched[i] = gen;
        seg.lastTerm[i] = 0;
        seg.bestWeight[i] = weight;
        seg.score[i] = weight;
        candidates[count++] = i;
      } else if (seg.lastTerm[i] === t) {
        const best = seg.bestWeight[i]!;
        if (weight > best) {
          seg.score[i]! += weight - best;
          seg.bestWeight[i] = weight;
        }
      } else if (seg.lastTerm[i] === t - 1) {
        seg.lastTerm[i] = t;
        seg.bestWeight[i] = weight;
        seg.score[i]! += weight;
      }
    };
    const [from, to] = prefixRange(seg.words, term);
    for (let w = from; w < to; w++) {
      const bonus = seg.words[w]!.length === term.length ? WHOLE_WORD_BONUS : 0;
      for (let p = seg.offsets[w]!, end = seg.offsets[w + 1]!; p < end; p++) {
        const posting = seg.postings[p]!;
        visit(posting, FIELD_WEIGHT[posting & 7]! + bonus);
      }
    }
    if (typos && term.length >= MIN_TYPO_TERM) {
      const [start, stop] = prefixRange(seg.words, term[0]!);
      for (let w = start; w < stop; w++) {
        if (w >= from && w < to) continue;
        if (!prefixWithinOneEdit(term, seg.words[w]!)) continue;
        for (let p = seg.offsets[w]!, end = seg.offsets[w + 1]!; p < end; p++) visit(seg.postings[p]!, TYPO_WEIGHT);
      }
    }
  });
  let kept = 0;
  for (let c = 0; c < count; c++) if (seg.lastTerm[candidates[c]!] === last) candidates[kept++] = candidates[c]!;
  return kept;
}

/** Terms sorted by how many postings their prefix covers, fewest first. */
function orderBySelectivity(seg: Segment, terms: string[]): string[] {
  const cost = new Map<string, number>();
  for (const term of terms) {
    const [from, to] = prefixRange(seg.words, term);
    cost.set(term, seg.offsets[to]! - seg.offsets[from]!);
  }
  return [...terms].sort((a, b) => cost.get(a)! - cost.get(b)!);
}

/** The words starting with `prefix`: [from, to) in the sorted list. */
function prefixRange(words: string[], prefix: string): [number, number] {
  const from = lowerBound(words, prefix);
  let lo = from;
  let hi = words.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (words[mid]!.startsWith(prefix)) lo = mid + 1;
    else hi = mid;
  }
  return [from, lo];
}

function lowerBound(words: string[], value: string): number {
  let lo = 0;
  let hi = words.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (words[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function nextGeneration(seg: Segment): number {
  if (seg.generation >= 0x7ffffff0) {
    seg.touched.fill(0);
    seg.boosted.fill(0);
    seg.generation = 0;
  }
  return ++seg.generation;
}
