/**
 * Short-lived records in `storage.session` (memory only, never on disk, not readable by content scripts, kept
 * across worker restarts), one key per record, each with its own expiry.
 */
import browser from '../browser';

export interface ExpiringRecords<Records> {
  put<K extends keyof Records & string>(kind: K, id: string, value: Records[K]): Promise<void>;
  get<K extends keyof Records & string>(kind: K, id: string): Promise<Records[K] | undefined>;
  /** Reads and deletes a record: tickets and nonces work once. */
  take<K extends keyof Records & string>(kind: K, id: string): Promise<Records[K] | undefined>;
  remove(kind: keyof Records & string, id: string): Promise<void>;
}

/** A set of record kinds stored under `prefix:kind:id`, living `ttl[kind]` ms each. */
export function expiringRecords<Records>(prefix: string, ttl: Record<keyof Records & string, number>): ExpiringRecords<Records> {
  const key = (kind: string, id: string) => `${prefix}:${kind}:${id}`;
  const records: ExpiringRecords<Records> = {
    async put(kind, id, value) {
      await browser.storage.session.set({ [key(kind, id)]: { value, exp: Date.now() + ttl[kind] } });
    },
    async get(kind, id) {
      const k = key(kind, id);
      const record = (await browser.storage.session.get(k))[k] as { value: Records[typeof kind]; exp: number } | undefined;
      if (!record) return undefined;
      if (record.exp > Date.now()) return record.value;
      await browser.storage.session.remove(k);
      return undefined;
    },
    async take(kind, id) {
      const value = await records.get(kind, id);
      if (value) await browser.storage.session.remove(key(kind, id));
      return value;
    },
    async remove(kind, id) {
      await browser.storage.session.remove(key(kind, id));
    },
  };
  return records;
}
