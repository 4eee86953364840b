/** The worker's cache store over a real (fake-indexeddb) database: one-entry writes, whole-source fallback, failures noted. */
import { describe, expect, it } from 'vitest';
import { createCacheStore } from '../../../../src/background/vault/cache-store';
import * as cache from '../../../../src/vault/cache';
import { entryId, type Entry } from '../../../../src/vault/entry';
import { testEntry } from '../../test-entry';

const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
let n = 0;

function store() {
  const errors: string[] = [];
  const name = `cache-store-test-${++n}`;
  return { errors, name, store: createCacheStore({ key: async () => key, noteError: (where) => errors.push(where), name }) };
}
const entry = (i: number): Entry => testEntry({ id: entryId('s1', 'shared', i), sourceId: 's1', remoteId: i, name: `Entry ${i}` });

describe('the cache store', () => {
  it('writes a changed entry into its chunk only, and reads back what memory holds', async () => {
    const { store: s, name, errors } = store();
    const list = Array.from({ length: 2100 }, (_, i) => entry(i));
    await s.writeSource('s1', list, []);
    const db = await cache.openCache(name);
    const before = await db.getAll('entries');
    list[5] = { ...list[5]!, favorite: true };
    await s.writeEntry(list[5], 5, () => list);
    const after = await db.getAll('entries');
    expect(after.map((c, i) => JSON.stringify(c) === JSON.stringify(before[i]))).toEqual([false, true, true]);
    expect((await s.load()).entries.get('s1')).toEqual(list);
    db.close();
    expect(errors).toEqual([]);
  });

  it('writes the whole source when the cache does not hold the entry where memory has it', async () => {
    const { store: s } = store();
    await s.writeSource('s1', [entry(1), entry(2)], []);
    // Memory moved on without the cache (a write that failed earlier): the source is written whole.
    const memory = [entry(3), entry(1), entry(2)];
    await s.writeEntry(memory[1]!, 1, () => memory);
    expect((await s.load()).entries.get('s1')).toEqual(memory);
  });

  it("runs one source's writes in the order they were asked for", async () => {
    const { store: s } = store();
    const first = [entry(1)];
    const second = [entry(1), entry(2)];
    await Promise.all([s.writeSource('s1', first, []), s.writeEntry(second[1]!, 1, () => second), s.writeSource('s1', [entry(9)], [])]);
    expect((await s.load()).entries.get('s1')).toEqual([entry(9)]);
  });

  it('takes a source out again when it was removed while being written', async () => {
    const { store: s } = store();
    await s.writeSource('s1', [entry(1)], [], () => false);
    expect((await s.load()).entries.has('s1')).toBe(false);
  });

  it('notes a failed write and does not throw; states and removals go through', async () => {
    const errors: string[] = [];
    const broken = createCacheStore({
      key: async () => Promise.reject(new Error('locked')),
      noteError: (where) => errors.push(where),
      name: `cache-store-test-${++n}`,
    });
    await expect(broken.writeSource('s1', [entry(1)], [])).resolves.toBeUndefined();
    expect(errors).toEqual(['cache.reopen', 'cache.write']);
    await broken.writeSyncState('s1', { entryCount: 1 });
    await broken.removeSource('s1');
    expect(errors).toEqual(['cache.reopen', 'cache.write']);
  });
});
