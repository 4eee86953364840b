import { describe, expect, it } from 'vitest';
import { addNeverSave, isNeverSave, listNeverSave, removeNeverSave } from '../../../src/vault/never-save';
import { MemoryStore } from './memory-store';

describe('never-save list', () => {
  it('remembers origins, not pages, and forgets them on request', async () => {
    const store = new MemoryStore();
    expect(await addNeverSave(store, 'https://shop.example.com/login?next=/cart')).toBe(true);
    expect(await addNeverSave(store, 'https://shop.example.com/other')).toBe(false); // already there
    expect(await isNeverSave(store, 'https://shop.example.com/account')).toBe(true);
    expect(await isNeverSave(store, 'http://shop.example.com/account')).toBe(false);
    expect(await isNeverSave(store, 'https://shop.example.com:8443/')).toBe(false);
    expect(await listNeverSave(store)).toEqual(['https://shop.example.com']);
    expect(await removeNeverSave(store, 'https://shop.example.com')).toBe(true);
    expect(await isNeverSave(store, 'https://shop.example.com/account')).toBe(false);
  });

  it('ignores URLs without an http(s) origin and damaged stored values', async () => {
    const store = new MemoryStore();
    expect(await addNeverSave(store, 'about:blank')).toBe(false);
    expect(await addNeverSave(store, 'not a url')).toBe(false);
    await store.set({ neverSave: ['https://ok.example', 42, 'javascript:alert(1)', 'https://x.example/path'] });
    expect(await listNeverSave(store)).toEqual(['https://ok.example']);
  });

  it('keeps both of two quick additions', async () => {
    const store = new MemoryStore();
    await Promise.all([addNeverSave(store, 'https://a.example'), addNeverSave(store, 'https://b.example')]);
    expect(await listNeverSave(store)).toEqual(['https://a.example', 'https://b.example']);
  });
});
