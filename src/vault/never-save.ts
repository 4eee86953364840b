/**
 * "Never for this site": origins where the extension does not offer to save logins. Origins only, in clear (no
 * secret and nothing the vault key must protect), persisted through the same store interface as the keyring.
 */
import { inOrderBy } from '../in-order';
import type { KeyValueStore } from './keyring';

/** The storage key of the list. */
const NEVER_SAVE_STORAGE_KEY = 'neverSave';
/** A bound on what a page-driven flood of "never" clicks can make the worker store. */
const MAX_ORIGINS = 5_000;

/** Writes to one store run one after another, so two quick clicks cannot drop each other's origin. */
const inOrderPerStore = inOrderBy<KeyValueStore>();

/** The origin (`https://host:port`) of an http(s) URL or origin; undefined for anything else (`about:`, `data:`, junk). */
export function saveOrigin(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.origin : undefined;
  } catch {
    return undefined;
  }
}

/** Every origin on the list, sorted. */
export async function listNeverSave(store: KeyValueStore): Promise<string[]> {
  const raw = ((await store.get(NEVER_SAVE_STORAGE_KEY)) as Record<string, unknown> | undefined)?.[NEVER_SAVE_STORAGE_KEY];
  // Anything malformed counts as an empty list: the worst case is one prompt too many, never a lost secret.
  return Array.isArray(raw) ? raw.filter((o): o is string => typeof o === 'string' && saveOrigin(o) === o) : [];
}

/** True when saving is switched off for the page's origin. */
export async function isNeverSave(store: KeyValueStore, url: string): Promise<boolean> {
  const origin = saveOrigin(url);
  return origin !== undefined && (await listNeverSave(store)).includes(origin);
}

/** Adds the page's origin. False for a URL that has no http(s) origin. */
export function addNeverSave(store: KeyValueStore, url: string): Promise<boolean> {
  const origin = saveOrigin(url);
  if (origin === undefined) return Promise.resolve(false);
  return change(
    store,
    (origins) => (origins.includes(origin) || origins.length >= MAX_ORIGINS ? origins : [...origins, origin].sort()),
    origin,
  );
}

/** Removes an origin (options page: "saving allowed again"). */
export function removeNeverSave(store: KeyValueStore, url: string): Promise<boolean> {
  const origin = saveOrigin(url);
  if (origin === undefined) return Promise.resolve(false);
  return change(store, (origins) => origins.filter((o) => o !== origin), origin);
}

function change(store: KeyValueStore, update: (origins: string[]) => string[], origin: string): Promise<boolean> {
  const task = async () => {
    const before = await listNeverSave(store);
    const after = update(before);
    if (after !== before) await store.set({ [NEVER_SAVE_STORAGE_KEY]: after });
    return before.includes(origin) !== after.includes(origin);
  };
  return inOrderPerStore(store, task);
}
