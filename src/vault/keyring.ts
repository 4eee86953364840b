/**
 * Server credentials encrypted at rest, and the key that unlocks the vault.
 *
 * Two keys: the passphrase key (PBKDF2-SHA-256 → AES-GCM-256) only wraps a random 256-bit *data key*;
 * the data key encrypts the credentials and the IndexedDB cache. A passphrase change therefore re-wraps
 * 32 bytes and touches nothing else. The whole keyring is one record under one storage key, so every
 * change is one `set` call: a crash leaves either the old record or the new one, never a mix.
 */
import * as v from 'valibot';
import { inOrderBy } from '../in-order';
import { AppError, SchemaError } from '../errors';
import { base64ToBytes, bytesToBase64 } from './base64';
import { decryptJson, encryptJson, type EncryptedBlob } from './encrypt-json';

/** The subset of `browser.storage.local` used here: `get(key)` resolves to `{ [key]: value }`. */
export interface KeyValueStore {
  get(key: string): Promise<unknown>;
  set(items: Record<string, unknown>): Promise<void>;
}

/** An unlocked vault: the data key for credentials and cache. Keep it in memory or `storage.session` only. */
export interface UnlockedKeyring {
  /** AES-GCM-256, non-extractable; for `encryptJson` / `decryptJson`. */
  readonly key: CryptoKey;
}

export interface KeyringOptions {
  /** PBKDF2 iterations for a new passphrase; default {@link DEFAULT_PBKDF2_ITERATIONS}. Lower only in tests. */
  iterations?: number;
}

/** The storage key of the keyring record. */
export const KEYRING_STORAGE_KEY = 'keyring';
/** OWASP's 2023 figure for PBKDF2-HMAC-SHA-256. */
export const DEFAULT_PBKDF2_ITERATIONS = 600_000;

/** A value we can recognise: decrypting it proves the passphrase, separately from a damaged data-key field. */
const VERIFIER_TEXT = 'tpm-syspass-keyring-verifier-v1';

interface StoredBlob {
  iv: string;
  ct: string;
}

interface KeyringRecord {
  version: 1;
  kdf: { name: 'PBKDF2-SHA-256'; iterations: number; salt: string };
  verifier: StoredBlob;
  wrappedKey: StoredBlob;
  credentials: Record<string, StoredBlob>;
  /** Bumped by each passphrase change, so another context can tell its cached unlock is stale. */
  generation: number;
}

/** Raw bytes of each unlocked data key, for {@link exportSessionKey}; never stored with the handle. */
const rawKeys = new WeakMap<UnlockedKeyring, Uint8Array<ArrayBuffer>>();
/** Writes to one store run one after another, so two credential saves cannot overwrite each other. */
const queued = inOrderBy<KeyValueStore>();

/** Whether a keyring exists in `store`. */
export async function hasKeyring(store: KeyValueStore): Promise<boolean> {
  return (await readRaw(store)) !== undefined;
}

/**
 * Creates a keyring with a new random data key. Refuses to replace an existing one (that would make its
 * credentials unreadable) unless `overwrite` is set.
 */
export async function createKeyring(
  store: KeyValueStore,
  passphrase: string,
  options: KeyringOptions & { overwrite?: boolean } = {},
): Promise<UnlockedKeyring> {
  checkPassphrase(passphrase);
  return queued(store, async () => {
    if (!options.overwrite && (await readRaw(store)) !== undefined) {
      throw new AppError('bad_request', 'A keyring already exists.');
    }
    const raw = crypto.getRandomValues(new Uint8Array(32));
    const record = await sealRecord(raw, passphrase, options.iterations ?? DEFAULT_PBKDF2_ITERATIONS, {}, 0);
    await store.set({ [KEYRING_STORAGE_KEY]: record });
    return unlocked(raw);
  });
}

/** Unlocks with the passphrase. Throws `bad_passphrase` when it is wrong, `not_found` when there is no keyring. */
export async function unlockKeyring(store: KeyValueStore, passphrase: string): Promise<UnlockedKeyring> {
  const record = await readRecord(store);
  return unlocked(await openRecord(record, passphrase));
}

/**
 * Replaces the passphrase: new salt, verifier and wrapped data key, with the credentials carried over, in one
 * write. Credentials and cache stay valid (same data key). Returns the unlocked keyring.
 */
export async function changePassphrase(
  store: KeyValueStore,
  oldPassphrase: string,
  newPassphrase: string,
  options: KeyringOptions = {},
): Promise<UnlockedKeyring> {
  checkPassphrase(newPassphrase);
  return queued(store, async () => {
    const record = await readRecord(store);
    const raw = await openRecord(record, oldPassphrase);
    const iterations = options.iterations ?? Math.max(record.kdf.iterations, DEFAULT_PBKDF2_ITERATIONS);
    const next = await sealRecord(raw, newPassphrase, iterations, record.credentials, record.generation + 1);
    await store.set({ [KEYRING_STORAGE_KEY]: next });
    return unlocked(raw);
  });
}

/** Encrypts and saves one source's credentials (any JSON value; its shape belongs to the source adapter). */
export async function putCredential(store: KeyValueStore, keyring: UnlockedKeyring, sourceId: string, value: unknown): Promise<void> {
  const blob = toStored(await encryptJson(keyring.key, value, credentialContext(sourceId)));
  await queued(store, async () => {
    const record = await readRecord(store);
    await store.set({ [KEYRING_STORAGE_KEY]: { ...record, credentials: { ...record.credentials, [sourceId]: blob } } });
  });
}

/**
 * Decrypts one source's credentials; `undefined` when none are saved. Throws `SchemaError` when the record
 * does not decrypt with this key (damaged, or a key from a replaced keyring). The caller validates the shape.
 */
export async function getCredential(store: KeyValueStore, keyring: UnlockedKeyring, sourceId: string): Promise<unknown> {
  const record = await readRecord(store);
  const stored = Object.hasOwn(record.credentials, sourceId) ? record.credentials[sourceId] : undefined;
  if (stored === undefined) return undefined;
  return decryptJson(keyring.key, fromStored(stored), credentialContext(sourceId));
}

/** Deletes one source's credentials (no key needed: removing a server works while locked). */
export async function removeCredential(store: KeyValueStore, sourceId: string): Promise<void> {
  await queued(store, async () => {
    const record = await readRecord(store);
    const credentials = { ...record.credentials };
    delete credentials[sourceId];
    await store.set({ [KEYRING_STORAGE_KEY]: { ...record, credentials } });
  });
}

/** The source ids that have saved credentials. */
export async function listCredentialIds(store: KeyValueStore): Promise<string[]> {
  return Object.keys((await readRecord(store)).credentials);
}

/** The data key as base64, for `storage.session` only, so a worker restart does not lock the vault. */
export function exportSessionKey(keyring: UnlockedKeyring): string {
  const raw = rawKeys.get(keyring);
  if (!raw) throw new AppError('vault_locked', 'This key cannot be exported.');
  return bytesToBase64(raw);
}

/** Rebuilds the unlocked keyring from {@link exportSessionKey}'s output. Anything malformed means locked. */
export async function importSessionKey(text: string): Promise<UnlockedKeyring> {
  let raw: Uint8Array<ArrayBuffer>;
  try {
    raw = base64ToBytes(text);
  } catch {
    throw new AppError('vault_locked', 'The session key is unreadable.');
  }
  if (raw.length !== 32) throw new AppError('vault_locked', 'The session key is unreadable.');
  return unlocked(raw);
}

async function unlocked(raw: Uint8Array<ArrayBuffer>): Promise<UnlockedKeyring> {
  const keyring: UnlockedKeyring = { key: await importAesKey(raw) };
  rawKeys.set(keyring, raw);
  return keyring;
}

function importAesKey(raw: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', raw, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
}

/** PBKDF2 bits imported as a non-extractable AES key: it only ever wraps the data key and the verifier. */
async function passphraseKey(passphrase: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(passphrase), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, material, 256);
  return importAesKey(new Uint8Array(bits));
}

async function sealRecord(
  raw: Uint8Array<ArrayBuffer>,
  passphrase: string,
  iterations: number,
  credentials: Record<string, StoredBlob>,
  generation: number,
): Promise<KeyringRecord> {
  if (!Number.isInteger(iterations) || iterations < 1) throw new AppError('bad_request', 'Invalid iteration count.');
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const key = await passphraseKey(passphrase, salt, iterations);
  return {
    version: 1,
    kdf: { name: 'PBKDF2-SHA-256', iterations, salt: bytesToBase64(salt) },
    verifier: toStored(await encryptJson(key, VERIFIER_TEXT, 'verifier')),
    wrappedKey: toStored(await encryptJson(key, bytesToBase64(raw), 'data-key')),
    credentials,
    generation,
  };
}

/** Checks the passphrase with the verifier, then unwraps the data key. */
async function openRecord(record: KeyringRecord, passphrase: string): Promise<Uint8Array<ArrayBuffer>> {
  const key = await passphraseKey(passphrase, base64ToBytes(record.kdf.salt), record.kdf.iterations);
  let verifier: unknown;
  try {
    verifier = await decryptJson(key, fromStored(record.verifier), 'verifier');
  } catch {
    throw new AppError('bad_passphrase', 'The passphrase is wrong.');
  }
  if (verifier !== VERIFIER_TEXT) throw new AppError('bad_passphrase', 'The passphrase is wrong.');
  const wrapped = await decryptJson(key, fromStored(record.wrappedKey), 'data-key');
  const raw = typeof wrapped === 'string' ? base64ToBytes(wrapped) : undefined;
  if (raw?.length !== 32) throw new SchemaError('The keyring is damaged.');
  return raw;
}

async function readRaw(store: KeyValueStore): Promise<unknown> {
  const items = await store.get(KEYRING_STORAGE_KEY);
  if (typeof items !== 'object' || items === null) return undefined;
  return (items as Record<string, unknown>)[KEYRING_STORAGE_KEY];
}

async function readRecord(store: KeyValueStore): Promise<KeyringRecord> {
  const raw = await readRaw(store);
  if (raw === undefined) throw new AppError('not_found', 'No keyring has been set up.');
  if (!v.is(keyringRecordSchema, raw)) throw new SchemaError('The keyring is damaged.');
  return raw as KeyringRecord;
}

const storedBlobSchema = v.object({ iv: v.string(), ct: v.string() });
/** The keyring record as read back from `storage.local`. */
const keyringRecordSchema = v.object({
  version: v.literal(1),
  kdf: v.object({ name: v.literal('PBKDF2-SHA-256'), iterations: v.pipe(v.number(), v.integer(), v.minValue(1)), salt: v.string() }),
  verifier: storedBlobSchema,
  wrappedKey: storedBlobSchema,
  credentials: v.record(v.string(), storedBlobSchema),
  generation: v.pipe(v.number(), v.integer()),
});

function toStored(blob: EncryptedBlob): StoredBlob {
  return { iv: bytesToBase64(blob.iv), ct: bytesToBase64(blob.ct) };
}

function fromStored(blob: StoredBlob): EncryptedBlob {
  return { iv: base64ToBytes(blob.iv), ct: base64ToBytes(blob.ct) };
}

function credentialContext(sourceId: string): string {
  return `credential:${sourceId}`;
}

function checkPassphrase(passphrase: string): void {
  if (typeof passphrase !== 'string' || passphrase.length === 0) throw new AppError('bad_passphrase', 'The passphrase is empty.');
}
