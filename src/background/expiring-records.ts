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
  /** Removes every record of these kinds (all kinds when none are named): on lock. */
  clear(kinds?: (keyof Records & string)[]): Promise<void>;
  /** Removes the expired records (the ones nobody read again), on a periodic alarm. */
  sweep(now?: number): Promise<void>;
}

/**
 * The keys of `storage.session` that start with `prefix`, without reading every value: the stored first screen
 * keeps megabytes there. `getKeys` is Chromium 130+ and Firefox 143+; older browsers read everything.
 */
export async function sessionKeys(prefix: string): Promise<string[]> {
  const area = browser.storage.session as typeof browser.storage.session & { getKeys?: () => Promise<string[]> };
  let keys: string[] | undefined;
  try {
    keys = await area.getKeys?.();
  } catch {
    // Not implemented here (a test double): read everything instead.
  }
  keys ??= Object.keys(await area.get(null));
  return keys.filter((k) => k.startsWith(prefix));
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
    async clear(kinds) {
      const prefixes = (kinds ?? Object.keys(ttl)).map((kind) => `${prefix}:${kind}:`);
      const keys = await sessionKeys(`${prefix}:`);
      await browser.storage.session.remove(keys.filter((k) => prefixes.some((p) => k.startsWith(p))));
    },
    async sweep(now = Date.now()) {
      const all = await browser.storage.session.get(await sessionKeys(`${prefix}:`));
      const live = (r: unknown) => typeof (r as { exp?: unknown } | null)?.exp === 'number' && (r as { exp: number }).exp > now;
      await browser.storage.session.remove(Object.keys(all).filter((k) => !live(all[k])));
    },
  };
  return records;
}
