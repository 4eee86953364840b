/**
 * The vault's memory through its query methods: lists in name order, exclusions, search and match; and the one-entry
 * update (a favorite, a saved login), which must give what a rebuild from scratch gives without sorting or indexing
 * the whole source again.
 */
import { describe, expect, it, vi } from 'vitest';
import type { Entry, Project } from '../../../../src/vault/entry';
import { testEntry } from '../../test-entry';

/** What the memory asks of the indexes and the sort: the largest list sorted, whole indexes built or rebuilt. */
const spies = vi.hoisted(() => ({ largestSort: 0, buildMatch: 0, replaceSearchSource: 0 }));
vi.mock('../../../../src/vault/by-name', async (actual) => {
  const real = await actual<typeof import('../../../../src/vault/by-name')>();
  return {
    ...real,
    sortByName: (...args: Parameters<typeof real.sortByName>) => (
      (spies.largestSort = Math.max(spies.largestSort, args[0].length)), real.sortByName(...args)
    ),
  };
});
vi.mock('../../../../src/vault/match', async (actual) => {
  const real = await actual<typeof import('../../../../src/vault/match')>();
  return {
    ...real,
    buildMatchIndex: (...args: Parameters<typeof real.buildMatchIndex>) => (spies.buildMatch++, real.buildMatchIndex(...args)),
  };
});
vi.mock('../../../../src/vault/search', async (actual) => {
  const real = await actual<typeof import('../../../../src/vault/search')>();
  return {
    ...real,
    createSearchIndex: () => {
      const index = real.createSearchIndex();
      const replaceSource = index.replaceSource.bind(index);
      index.replaceSource = (...args) => (spies.replaceSearchSource++, replaceSource(...args));
      return index;
    },
  };
});

const { VaultMemory } = await import('../../../../src/background/vault/memory');

function entry(id: string, name: string, extra: Partial<Entry> = {}, sourceId = 's1'): Entry {
  return testEntry({ id: `${sourceId}:${id}`, sourceId, name, ...extra });
}
const project = (id: string, parentId?: string, sourceId = 's1'): Project => ({
  id,
  sourceId,
  remoteId: 1,
  name: id,
  path: [id],
  ...(parentId ? { parentId } : {}),
});

const s1 = [
  entry('gh', 'GitHub', { urls: ['https://github.com/login'], username: 'octo' }),
  entry('zu', 'Zürich Bank', { projectId: 'bank' }),
  entry('ops', 'ops console', { projectId: 'ops', urls: ['https://ops.example.com'] }),
  entry('nas', 'NAS', { urls: ['nas:5000'], projectId: 'infra' }),
];
const s2 = [entry('wiki', 'wiki', { favorite: true, urls: ['https://wiki.example.com'] }, 's2'), entry('ab', 'Aardvark', {}, 's2')];
const projects = [project('infra'), project('ops', 'infra'), project('bank')];

function memory(options: { excludedSourceIds?: string[]; excludedProjectIds?: string[] } = {}) {
  const mem = new VaultMemory({ matchStrategy: 'domain', ...options });
  mem.setSources([
    { sourceId: 's1', entries: [...s1], projects },
    { sourceId: 's2', entries: [...s2], projects: [] },
  ]);
  return mem;
}
const names = (list: { name: string }[]) => list.map((e) => e.name);
/** Everything the query methods say, for comparing a memory with another. */
function view(mem: InstanceType<typeof VaultMemory>) {
  return {
    lists: mem.firstScreenLists(100),
    page: mem.listPage('all', 0, 100),
    projects: mem.projectNodes(),
    infra: mem.projectEntries('infra', 100),
    search: ['', 'git', 'wiki', 'zur', 'aard', 'octo'].map((t) => mem.searchEntries(t, { limit: 50 })),
    match: ['https://github.com/x', 'https://www.example.com/', 'http://nas:5000/'].map((u) => mem.matchUrl(u).map((m) => m.entry.id)),
  };
}

describe('VaultMemory', () => {
  it('lists every source in one name order (case and accents ignored) and counts per source', () => {
    const mem = memory();
    expect(names(mem.listPage('all', 0, 10).entries)).toEqual(['Aardvark', 'GitHub', 'NAS', 'ops console', 'wiki', 'Zürich Bank']);
    expect(mem.listPage('all', 2, 2)).toMatchObject({ total: 6, entries: [{ name: 'NAS' }, { name: 'ops console' }] });
    expect(names(mem.firstScreenLists(10).favorites)).toEqual(['wiki']);
    expect(mem.entryCount('s1')).toBe(4);
    expect(mem.entryCount('gone')).toBeUndefined();
  });

  it('leaves excluded sources and projects (with their subprojects) out of lists, search and matches', () => {
    const mem = memory({ excludedSourceIds: ['s2'], excludedProjectIds: ['infra'] });
    expect(names(mem.listPage('all', 0, 10).entries)).toEqual(['GitHub', 'Zürich Bank']);
    expect(mem.searchEntries('ops', { limit: 10 })).toEqual([]);
    expect(mem.matchUrl('http://nas:5000/')).toEqual([]);
    expect(mem.projectNodes().map((p) => p.id)).toEqual(['infra', 'ops', 'bank']);
    // Still known by id (a save or a details view may name it), and counted.
    expect(mem.entry('s1:nas')?.name).toBe('NAS');
    mem.setOptions({ matchStrategy: 'domain' });
    expect(mem.listPage('all', 0, 10).total).toBe(6);
  });

  it('updates one entry as a rebuild would, without sorting or indexing its source again', () => {
    const mem = memory();
    // Build both indexes first, so the update has them to keep current.
    view(mem);
    Object.assign(spies, { largestSort: 0, buildMatch: 0, replaceSearchSource: 0 });
    const favorite = { ...s1[0]!, favorite: true };
    const renamed = { ...s1[1]!, name: 'Aachen Bank' };
    const moved = { ...s1[2]!, urls: ['https://github.com/ops'] };
    const added = entry('new', 'Gitea', { urls: ['https://git.example.com'], projectId: 'infra' }, 's2');
    expect(mem.updateEntry(favorite)).toBe(0);
    expect(mem.updateEntry(renamed)).toBe(1);
    expect(mem.updateEntry(moved)).toBe(2);
    expect(mem.updateEntry(added)).toBe(2);
    // Only the search's small segment of replaced entries was sorted (2 of s1's 4), nothing was rebuilt.
    expect(spies).toEqual({ largestSort: 2, buildMatch: 0, replaceSearchSource: 0 });

    const rebuilt = new VaultMemory({ matchStrategy: 'domain' });
    rebuilt.setSources([
      { sourceId: 's1', entries: [favorite, renamed, moved, s1[3]!], projects },
      { sourceId: 's2', entries: [...s2, added], projects: [] },
    ]);
    expect(view(mem)).toEqual(view(rebuilt));
    expect(names(mem.listPage('all', 0, 3).entries)).toEqual(['Aachen Bank', 'Aardvark', 'Gitea']);
    expect(mem.matchUrl('https://github.com/ops').map((m) => m.entry.id)).toEqual(['s1:ops', 's1:gh']);
    expect(mem.sourceEntries('s1')).toEqual([favorite, renamed, moved, s1[3]]);
  });

  it('keeps an updated entry of an excluded project out, and takes a removed source out everywhere', () => {
    const mem = memory({ excludedProjectIds: ['bank'] });
    view(mem);
    mem.updateEntry({ ...s1[1]!, favorite: true });
    expect(mem.firstScreenLists(10).favorites.map((e) => e.id)).toEqual(['s2:wiki']);
    expect(mem.searchEntries('zur', { limit: 5 })).toEqual([]);
    mem.dropSource('s2');
    expect(names(mem.listPage('all', 0, 10).entries)).toEqual(['GitHub', 'NAS', 'ops console']);
    expect(mem.searchEntries('wiki', { limit: 5 })).toEqual([]);
    expect(mem.matchUrl('https://wiki.example.com/').map((m) => m.entry.id)).toEqual(['s1:ops']);
  });

  it('matches a page before its index exists, and the same once it is built', () => {
    const mem = memory();
    const cold = mem.matchUrl('https://gist.github.com/').map((m) => m.entry.id);
    mem.matchIndex();
    expect(mem.matchUrl('https://gist.github.com/').map((m) => m.entry.id)).toEqual(cold);
    expect(cold).toEqual(['s1:gh']);
    expect(mem.siteSummaries('https://gist.github.com/', 5)).toMatchObject([{ id: 's1:gh', url: 'https://github.com/login' }]);
    expect(mem.matchUrl(undefined)).toEqual([]);
  });
});
