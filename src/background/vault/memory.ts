/**
 * The vault's entries in the worker's memory and what is derived from them: entries by id and by name, the search
 * and match indexes (each built on first use, not at start: a cold popup's first screen needs neither), and the
 * user's exclusions. No browser API and no I/O; the rest of the worker asks through the methods below.
 */
import { nameIndex, sortByName } from '../../vault/by-name';
import { toEntrySummary, type Entry, type EntrySummary, type Project } from '../../vault/entry';
import {
  buildMatchIndex,
  entryLookupKeys,
  matchAmong,
  matchPage,
  removeSourceEntries,
  replaceEntry as replaceMatchEntry,
  replaceSourceEntries,
  type MatchIndex,
  type MatchStrategy,
  type PageMatch,
} from '../../vault/match';
import { parseEntryUrls } from '../../vault/parse-entry-urls';
import { createSearchIndex, type SearchIndex } from '../../vault/search';
import type { EntryScope, ProjectNode } from '../../messages';

/** The settings memory follows: the match strategy and what the user left out of lists, search and autofill. */
export interface MemoryOptions {
  matchStrategy: MatchStrategy;
  excludedSourceIds?: readonly string[];
  /** Each with its subprojects. */
  excludedProjectIds?: readonly string[];
}

/** An entry matching a page, with how it matched. */
export interface EntryMatch {
  entry: Entry;
  match: PageMatch;
}

/** An entry as lists show it (no secret), with the first link of its URLs. */
export function summaryOf(entry: Entry): EntrySummary {
  const link = entry.urls.flatMap(parseEntryUrls).find((u) => u.href !== null)?.href;
  return toEntrySummary(entry, link ?? undefined);
}

const nameOf = (e: Entry) => e.name;
const idOf = (e: Entry) => e.id;

export class VaultMemory {
  /** Every entry per source, as synced (what the cache holds, in the same order). */
  private readonly entries = new Map<string, Entry[]>();
  private readonly projects = new Map<string, Project[]>();
  private readonly byId = new Map<string, Entry>();
  /** Every shown entry in name order: the first screen and the scrolled list read it without the search index. */
  private byName: Entry[] = [];
  /** Projects left out, with their subprojects, per source. */
  private readonly hiddenProjects = new Map<string, Set<string>>();
  private excludedSources = new Set<string>();
  private excludedProjects = new Set<string>();
  private strategy: MatchStrategy = 'domain';
  private search?: SearchIndex;
  private match?: MatchIndex;
  /** Counts changes of the shown entries, for what is derived from them outside memory (the stored first screen). */
  version = 0;

  constructor(options: MemoryOptions) {
    this.setOptions(options);
  }

  /** Puts sources' entries and projects in (a sync's result, or the cache at start), replacing what they had. */
  setSources(sources: Iterable<{ sourceId: string; entries: Entry[]; projects: Project[] }>): void {
    for (const { sourceId, entries, projects } of sources) this.putSource(sourceId, entries, projects);
    this.sortByName();
  }

  dropSource(sourceId: string): void {
    this.version++;
    for (const old of this.entries.get(sourceId) ?? []) this.byId.delete(old.id);
    this.entries.delete(sourceId);
    this.projects.delete(sourceId);
    this.hiddenProjects.delete(sourceId);
    this.search?.removeSource(sourceId);
    if (this.match) removeSourceEntries(this.match, sourceId);
    this.byName = this.byName.filter((e) => e.sourceId !== sourceId);
  }

  /**
   * Replaces one entry (a favorite toggled, a login saved or updated), or adds it when it is new: in its source's
   * list, by id, by name and in the indexes built so far, without re-sorting or re-indexing its source. Returns its
   * position in its source's list (what the cache needs to write it alone).
   */
  updateEntry(entry: Entry): number {
    let list = this.entries.get(entry.sourceId);
    if (!list) this.entries.set(entry.sourceId, (list = []));
    const old = this.byId.get(entry.id);
    let position = old ? list.indexOf(old) : -1;
    if (position >= 0) list[position] = entry;
    else position = list.push(entry) - 1;
    this.byId.set(entry.id, entry);
    const before = old && this.isShown(old) ? old : undefined;
    const after = this.isShown(entry) ? entry : undefined;
    if (before) this.byName.splice(this.byName.indexOf(before), 1);
    if (after) this.byName.splice(nameIndex(this.byName, after, nameOf, idOf), 0, after);
    this.search?.replaceEntry(before, after);
    const sameUrls = before && after && before.urls.length === after.urls.length && before.urls.every((u, i) => u === after.urls[i]);
    if (this.match && !sameUrls) replaceMatchEntry(this.match, before, after);
    this.version++;
    return position;
  }

  /** Follows changed settings: the indexes are rebuilt (on next use) and the exclusions applied. */
  setOptions(options: MemoryOptions): void {
    this.excludedSources = new Set(options.excludedSourceIds);
    this.excludedProjects = new Set(options.excludedProjectIds);
    this.strategy = options.matchStrategy;
    this.search = undefined;
    this.match = undefined;
    for (const [sourceId, projects] of this.projects) this.hiddenProjects.set(sourceId, this.hiddenOf(projects));
    this.sortByName();
    this.version++;
  }

  /** The entry with this id (shown or not), if the vault has it. */
  entry(id: string): Entry | undefined {
    return this.byId.get(id);
  }

  /** How many entries a source has (shown or not). */
  entryCount(sourceId: string): number | undefined {
    return this.entries.get(sourceId)?.length;
  }

  /** A source's entries as synced and cached, in that order. */
  sourceEntries(sourceId: string): readonly Entry[] {
    return this.entries.get(sourceId) ?? [];
  }

  /** A source's project tree, as synced. */
  sourceProjects(sourceId: string): readonly Project[] {
    return this.projects.get(sourceId) ?? [];
  }

  /** The page-independent part of the popup's first screen: favorites and the start of the list, by name. */
  firstScreenLists(limit: number): { favorites: EntrySummary[]; entries: EntrySummary[]; total: number } {
    const favorites = this.byName.filter((e) => e.favorite && !e.archived).slice(0, limit);
    return { favorites: favorites.map(summaryOf), entries: this.byName.slice(0, limit).map(summaryOf), total: this.byName.length };
  }

  /** One page of the whole list or of My Passwords, by name. */
  listPage(scope: EntryScope, offset: number, limit: number): { entries: EntrySummary[]; total: number } {
    const list = scope === 'personal' ? this.byName.filter((e) => e.kind === 'personal') : this.byName;
    return { entries: list.slice(offset, offset + limit).map(summaryOf), total: list.length };
  }

  /** The shown entries of one project (not of its subprojects), by name. */
  projectEntries(projectId: string, limit: number): EntrySummary[] {
    const entries: EntrySummary[] = [];
    for (const entry of this.byName) {
      if (entries.length >= limit) break;
      if (entry.projectId === projectId) entries.push(summaryOf(entry));
    }
    return entries;
  }

  /** The projects tab: every project of the shown sources, with its number of entries. */
  projectNodes(): ProjectNode[] {
    const counts = new Map<string, number>();
    for (const entry of this.byId.values()) if (entry.projectId) counts.set(entry.projectId, (counts.get(entry.projectId) ?? 0) + 1);
    return [...this.projects.values()]
      .flat()
      .filter((p) => !this.excludedSources.has(p.sourceId))
      .map((p): ProjectNode => {
        const node: ProjectNode = { id: p.id, sourceId: p.sourceId, name: p.name, path: p.path, entryCount: counts.get(p.id) ?? 0 };
        if (p.parentId) node.parentId = p.parentId;
        return node;
      });
  }

  /** The search's answer as summaries, best first (the index is built on the first search). */
  searchEntries(text: string, options: { boost?: ReadonlySet<string>; limit: number }): EntrySummary[] {
    if (!this.search) {
      this.search = createSearchIndex();
      for (const sourceId of this.entries.keys()) this.search.replaceSource(sourceId, this.shownOf(sourceId));
    }
    return this.search.search(text, options).map((id) => summaryOf(this.byId.get(id)!));
  }

  /** The entries matching a page URL, best first (never throws: no URL, no matches). */
  matchUrl(url: string | undefined): EntryMatch[] {
    if (!url) return [];
    let matches: PageMatch[];
    if (this.match) matches = matchPage(this.match, url);
    else {
      // A cold worker's first answer scans only the entries that name the page's host; the index is built next.
      matches = matchAmong(this.byName, url, { defaultStrategy: this.strategy });
      setTimeout(() => this.matchIndex(), 0);
    }
    return matches.flatMap((match) => {
      const entry = this.byId.get(match.entryId);
      return entry ? [{ entry, match }] : [];
    });
  }

  /** What the popup lists under "This site" for a page: its matches, best first, at most `limit`. */
  siteSummaries(url: string | undefined, limit: number): EntrySummary[] {
    return this.matchUrl(url)
      .slice(0, limit)
      .map(({ entry }) => summaryOf(entry));
  }

  /** The match index's entries by lookup key, with what lists show of them (the stored first screen's site records). */
  *siteEntries(): Iterable<[string, { urls: string[]; summary: EntrySummary }[]]> {
    const summaries = new Map<string, EntrySummary>();
    for (const [key, ids] of entryLookupKeys(this.matchIndex())) {
      const entries: { urls: string[]; summary: EntrySummary }[] = [];
      for (const id of ids) {
        const entry = this.byId.get(id);
        if (!entry) continue;
        let summary = summaries.get(id);
        if (!summary) summaries.set(id, (summary = summaryOf(entry)));
        entries.push({ urls: entry.urls, summary });
      }
      yield [key, entries];
    }
  }

  /** The match index over every shown entry, built on first use. */
  matchIndex(): MatchIndex {
    this.match ??= buildMatchIndex(this.byName, { defaultStrategy: this.strategy });
    return this.match;
  }

  get matchStrategy(): MatchStrategy {
    return this.strategy;
  }

  /** Puts one source in; the caller sorts once per batch. */
  private putSource(sourceId: string, entries: Entry[], projects: Project[]): void {
    this.version++;
    for (const old of this.entries.get(sourceId) ?? []) this.byId.delete(old.id);
    this.entries.set(sourceId, entries);
    this.projects.set(sourceId, projects);
    this.hiddenProjects.set(sourceId, this.hiddenOf(projects));
    for (const entry of entries) this.byId.set(entry.id, entry);
    const shown = this.shownOf(sourceId);
    this.search?.replaceSource(sourceId, shown);
    if (this.match) replaceSourceEntries(this.match, sourceId, shown);
  }

  private sortByName(): void {
    this.byName = sortByName(
      [...this.entries.keys()].flatMap((id) => this.shownOf(id)),
      nameOf,
      idOf,
    );
  }

  /** A source's entries minus those the user left out (the source itself, or a project and its subprojects). */
  private shownOf(sourceId: string): Entry[] {
    if (this.excludedSources.has(sourceId)) return [];
    const entries = this.entries.get(sourceId) ?? [];
    const hidden = this.hiddenProjects.get(sourceId);
    return hidden && hidden.size > 0 ? entries.filter((e) => !e.projectId || !hidden.has(e.projectId)) : entries;
  }

  private isShown(entry: Entry): boolean {
    if (this.excludedSources.has(entry.sourceId)) return false;
    return !entry.projectId || !this.hiddenProjects.get(entry.sourceId)?.has(entry.projectId);
  }

  /** The excluded projects of a tree, with every project below them. */
  private hiddenOf(projects: readonly Project[]): Set<string> {
    const hidden = new Set<string>();
    if (this.excludedProjects.size === 0) return hidden;
    const byId = new Map(projects.map((p) => [p.id, p]));
    const known = new Map<string, boolean>();
    const isHidden = (id: string | undefined): boolean => {
      if (id === undefined) return false;
      let value = known.get(id);
      if (value === undefined) {
        // Marked before the parent is looked up: a cycle in a damaged tree ends here.
        known.set(id, false);
        value = this.excludedProjects.has(id) || isHidden(byId.get(id)?.parentId);
        known.set(id, value);
      }
      return value;
    };
    for (const p of projects) if (isHidden(p.id)) hidden.add(p.id);
    for (const id of this.excludedProjects) hidden.add(id);
    return hidden;
  }
}
