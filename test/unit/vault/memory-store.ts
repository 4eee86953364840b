/** An in-memory `storage.local` for vault tests. */
import type { KeyValueStore } from '../../../src/vault/keyring';

/** `storage.local` as the worker sees it: values go through JSON, as they do in the browser's store. */
export class MemoryStore implements KeyValueStore {
  readonly data = new Map<string, string>();
  async get(key: string): Promise<unknown> {
    const raw = this.data.get(key);
    return raw === undefined ? {} : { [key]: JSON.parse(raw) };
  }
  async set(items: Record<string, unknown>): Promise<void> {
    for (const [k, v] of Object.entries(items)) this.data.set(k, JSON.stringify(v));
  }
}
