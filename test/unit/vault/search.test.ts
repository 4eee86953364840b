import { describe, expect, it } from 'vitest';
import { createSearchIndex, type SearchableEntry } from '../../../src/vault/search';
import { foldText, hostsOf, prefixWithinOneEdit } from '../../../src/vault/search-text';

function e(id: string, name: string, extra: Partial<SearchableEntry> = {}): SearchableEntry {
  return { id, sourceId: 's1', name, urls: [], tags: [], projectPath: [], favorite: false, archived: false, ...extra };
}

const ENTRIES: SearchableEntry[] = [
  e('gh', 'GitHub', { username: 'octocat', urls: ['https://github.com/login'], tags: ['dev'] }),
  e('gl', 'GitLab work', { username: 'alice', email: 'alice@corp.example', urls: ['gitlab.corp.example'] }),
  e('nas', 'Synology NAS', { urls: ['synology:5000'], projectPath: ['Infrastructure', 'Storage'] }),
  e('fb', 'Facebook', { username: 'marketing', favorite: true, urls: ['https://www.facebook.com'] }),
  e('zu', 'Zürich Bank', { tags: ['finance'] }),
  e('old', 'GitHub (old)', { archived: true }),
  e('wiki', 'Wiki', { urls: ['https://wiki.corp.example'], tags: ['docs'], username: 'github-bot' }),
];

function index(entries = ENTRIES) {
  const idx = createSearchIndex();
  idx.replaceSource('s1', entries);
  return idx;
}

describe('createSearchIndex', () => {
  it('replaces one entry as a rebuild of its source would: a flag in place, new words found, old ones gone', () => {
    const idx = index();
    const fb = ENTRIES.find((x) => x.id === 'fb')!;
    idx.replaceEntry(fb, { ...fb, favorite: false });
    idx.replaceEntry(ENTRIES[0], { ...ENTRIES[0]!, name: 'Codeberg' });
    idx.replaceEntry(undefined, e('new', 'Gitea', { favorite: true }));
    idx.replaceEntry(
      ENTRIES.find((x) => x.id === 'wiki'),
      undefined,
    );
    const rebuilt = index([
      ...ENTRIES.filter((x) => !['fb', 'gh', 'wiki'].includes(x.id)),
      { ...fb, favorite: false },
      { ...ENTRIES[0]!, name: 'Codeberg' },
      e('new', 'Gitea', { favorite: true }),
    ]);
    for (const text of ['', 'git', 'code', 'octo', 'face', 'wiki', 'githbu']) expect(idx.search(text)).toEqual(rebuilt.search(text));
    expect(idx.search('git')).toEqual(['new', 'gl', 'gh']); // Codeberg keeps its github.com URL
    expect(idx.size).toBe(rebuilt.size);
    // The same entry replaced again, in the small part this time.
    idx.replaceEntry(e('new', 'Gitea', { favorite: true }), e('new', 'Gitea'));
    expect(idx.search('')).toEqual(['gh', 'fb', 'new', 'gl', 'nas', 'zu']);
  });

  it('finds by name prefix, ranking the name hit above a username hit', () => {
    expect(index().search('git')).toEqual(['gh', 'gl', 'wiki']);
  });

  it('finds by username, e-mail, host words, tags and project path', () => {
    const idx = index();
    expect(idx.search('octo')).toEqual(['gh']);
    expect(idx.search('alice@corp')).toEqual(['gl']);
    expect(idx.search('synology')).toEqual(['nas']);
    expect(idx.search('facebook.com')).toEqual(['fb']);
    expect(idx.search('finance')).toEqual(['zu']);
    expect(idx.search('storage')).toEqual(['nas']);
  });

  it('requires every typed word to match', () => {
    expect(index().search('git work')).toEqual(['gl']);
    expect(index().search('git nothing')).toEqual([]);
  });

  it('ignores case and accents', () => {
    expect(index().search('ZURICH')).toEqual(['zu']);
    expect(index().search('zür')).toEqual(['zu']);
  });

  it('tolerates one typo in a word of four letters or more, after the exact hits', () => {
    const idx = index();
    expect(idx.search('githbu')).toEqual(['gh', 'wiki']);
    expect(idx.search('facebok')).toEqual(['fb']);
    expect(idx.search('synolgy')).toEqual(['nas']);
    expect(idx.search('xithub')).toEqual([]);
    expect(idx.search('gti')).toEqual([]);
  });

  it('ranks current-site matches, then favorites, then names starting with the text', () => {
    const idx = index([e('a', 'Mail admin'), e('b', 'Admin mail', { favorite: true }), e('c', 'Admin console'), e('d', 'Old admin page')]);
    expect(idx.search('admin')).toEqual(['b', 'c', 'a', 'd']);
    expect(idx.search('admin', { boost: new Set(['d']) })).toEqual(['d', 'b', 'c', 'a']);
  });

  it('lists everything for an empty text, in rank order, within the limit', () => {
    const idx = index();
    expect(idx.search('', { limit: 3 })).toEqual(['fb', 'gh', 'gl']);
    expect(idx.search('  ', { boost: new Set(['wiki']), limit: 2 })).toEqual(['wiki', 'fb']);
  });

  it('leaves archived entries out unless asked', () => {
    expect(index().search('old')).toEqual([]);
    expect(index().search('old', { includeArchived: true })).toEqual(['old']);
  });

  it('honours the limit, keeping the best', () => {
    const many = Array.from({ length: 500 }, (_, i) => e(`n${i}`, `Server ${String(i).padStart(3, '0')}`, { favorite: i === 321 }));
    const ids = index(many).search('server', { limit: 5 });
    expect(ids).toEqual(['n321', 'n0', 'n1', 'n2', 'n3']);
  });

  it('replaces and removes one source without rebuilding the others', () => {
    const idx = index();
    idx.replaceSource('s2', [e('s2a', 'GitHub mirror', { sourceId: 's2' })]);
    expect(idx.size).toBe(ENTRIES.length + 1);
    expect(idx.search('github mirror')).toEqual(['s2a']);
    idx.replaceSource('s2', [e('s2b', 'Jenkins', { sourceId: 's2' })]);
    expect(idx.search('mirror')).toEqual([]);
    expect(idx.search('jenk')).toEqual(['s2b']);
    idx.removeSource('s1');
    expect(idx.search('git')).toEqual([]);
    expect(idx.size).toBe(1);
  });

  it('merges hits of several sources by rank, then by name', () => {
    const idx = index([e('x1', 'Beta server'), e('x2', 'Delta server')]);
    idx.replaceSource('s2', [e('y1', 'Alpha server', { sourceId: 's2' }), e('y2', 'Gamma server', { sourceId: 's2' })]);
    expect(idx.search('server')).toEqual(['y1', 'x1', 'x2', 'y2']);
  });

  it('gives the same answer to repeated searches (scratch state is reset)', () => {
    const idx = index();
    const first = idx.search('git');
    idx.search('wiki');
    idx.search('');
    expect(idx.search('git')).toEqual(first);
  });
});

describe('prefixWithinOneEdit', () => {
  it.each([
    ['github', 'github', true],
    ['gith', 'github', true],
    ['gihtub', 'github', true],
    ['githb', 'github', true],
    ['gitthub', 'github', true],
    ['gitxub', 'github', true],
    ['githubb', 'github', true],
    ['gxxhub', 'github', false],
    ['xithub', 'github', false],
    ['githubxx', 'github', false],
  ])('%s against %s is %s', (term, word, expected) => {
    expect(prefixWithinOneEdit(term, word)).toBe(expected);
  });
});

describe('search text helpers', () => {
  it('keeps only the host part of each URL', () => {
    expect(hostsOf('https://user@a.example.com/x?y=1, nas:5000\nhttp://10.0.0.1:8080/login').split(/\s+/).filter(Boolean)).toEqual([
      'a.example.com',
      'nas:5000',
      '10.0.0.1:8080',
    ]);
  });

  it('folds case and accents', () => {
    expect(foldText('ÄÖÜ Zürich Ça')).toBe('aou zurich ca');
  });
});
