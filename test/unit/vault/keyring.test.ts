import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/errors';
import { decryptJson, encryptJson } from '../../../src/vault/encrypt-json';
import {
  changePassphrase,
  createKeyring,
  DEFAULT_PBKDF2_ITERATIONS,
  exportSessionKey,
  getCredential,
  hasKeyring,
  importSessionKey,
  KEYRING_STORAGE_KEY,
  listCredentialIds,
  putCredential,
  removeCredential,
  unlockKeyring,
  type KeyValueStore,
} from '../../../src/vault/keyring';

const FAST = { iterations: 1000 };

/** Behaves like `browser.storage.local`: values are cloned in and out, `get` answers `{ [key]: value }`. */
class MemoryStore implements KeyValueStore {
  data = new Map<string, unknown>();
  writes = 0;
  /** When set, the next `set` fails before writing anything (a crash or a killed worker). */
  crashNextWrite = false;
  /** When set, the next `set` writes, then fails (the worker died before it could report success). */
  crashAfterNextWrite = false;

  async get(key: string): Promise<unknown> {
    return this.data.has(key) ? { [key]: structuredClone(this.data.get(key)) } : {};
  }

  async set(items: Record<string, unknown>): Promise<void> {
    if (this.crashNextWrite) {
      this.crashNextWrite = false;
      throw new Error('crashed');
    }
    this.writes++;
    for (const [k, v] of Object.entries(items)) this.data.set(k, structuredClone(v));
    if (this.crashAfterNextWrite) {
      this.crashAfterNextWrite = false;
      throw new Error('crashed after writing');
    }
  }
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

const TPM_CREDENTIAL = { kind: 'hmac', publicKey: 'pub', privateKey: 's3cr3t-private-key' };

describe('keyring', () => {
  it('round-trips credentials after create and unlock', async () => {
    const store = new MemoryStore();
    expect(await hasKeyring(store)).toBe(false);
    const created = await createKeyring(store, 'correct horse', FAST);
    await putCredential(store, created, 'tpm-1', TPM_CREDENTIAL);
    await putCredential(store, created, 'sp-1', { token: 't', tokenPass: 'p' });
    expect(await hasKeyring(store)).toBe(true);
    const unlocked = await unlockKeyring(store, 'correct horse');
    expect(await getCredential(store, unlocked, 'tpm-1')).toEqual(TPM_CREDENTIAL);
    expect(await getCredential(store, unlocked, 'sp-1')).toEqual({ token: 't', tokenPass: 'p' });
    expect(await getCredential(store, unlocked, 'missing')).toBeUndefined();
    expect((await listCredentialIds(store)).sort()).toEqual(['sp-1', 'tpm-1']);
  });

  it('stores no secret in clear', async () => {
    const store = new MemoryStore();
    const keyring = await createKeyring(store, 'correct horse', FAST);
    await putCredential(store, keyring, 'tpm-1', TPM_CREDENTIAL);
    const stored = JSON.stringify(store.data.get(KEYRING_STORAGE_KEY));
    expect(stored).not.toContain('s3cr3t');
    expect(stored).not.toContain('correct horse');
  });

  it('rejects a wrong passphrase with bad_passphrase', async () => {
    const store = new MemoryStore();
    await createKeyring(store, 'right', FAST);
    const error = await rejection(unlockKeyring(store, 'wrong'));
    expect(error.code).toBe('bad_passphrase');
  });

  it('says not_found when there is no keyring, and refuses to overwrite one by accident', async () => {
    const store = new MemoryStore();
    expect((await rejection(unlockKeyring(store, 'x'))).code).toBe('not_found');
    await createKeyring(store, 'first', FAST);
    expect((await rejection(createKeyring(store, 'second', FAST))).code).toBe('bad_request');
    await createKeyring(store, 'second', { ...FAST, overwrite: true });
    await unlockKeyring(store, 'second');
  });

  it('reports a damaged record as invalid_response, not as a wrong passphrase', async () => {
    const store = new MemoryStore();
    await createKeyring(store, 'pw', FAST);
    store.data.set(KEYRING_STORAGE_KEY, { version: 1, kdf: 'nope' });
    expect((await rejection(unlockKeyring(store, 'pw'))).code).toBe('invalid_response');
  });

  it('refuses an empty passphrase', async () => {
    expect((await rejection(createKeyring(new MemoryStore(), '', FAST))).code).toBe('bad_passphrase');
  });

  it('changes the passphrase in one write, keeping credentials and the data key', async () => {
    const store = new MemoryStore();
    const before = await createKeyring(store, 'old', FAST);
    await putCredential(store, before, 'tpm-1', TPM_CREDENTIAL);
    const cacheBlob = await encryptJson(before.key, { cached: true }, 'cache');
    const writes = store.writes;
    const after = await changePassphrase(store, 'old', 'new', FAST);
    expect(store.writes - writes).toBe(1);
    expect((await rejection(unlockKeyring(store, 'old'))).code).toBe('bad_passphrase');
    const unlocked = await unlockKeyring(store, 'new');
    expect(await getCredential(store, unlocked, 'tpm-1')).toEqual(TPM_CREDENTIAL);
    // The cache needs no re-encryption: the data key is the same.
    expect(await decryptJson(after.key, cacheBlob, 'cache')).toEqual({ cached: true });
    expect(exportSessionKey(unlocked)).toBe(exportSessionKey(before));
  });

  it('loses nothing when a passphrase change crashes before its write', async () => {
    const store = new MemoryStore();
    const keyring = await createKeyring(store, 'old', FAST);
    await putCredential(store, keyring, 'tpm-1', TPM_CREDENTIAL);
    const snapshot = JSON.stringify(store.data.get(KEYRING_STORAGE_KEY));
    store.crashNextWrite = true;
    await expect(changePassphrase(store, 'old', 'new', FAST)).rejects.toThrow('crashed');
    expect(JSON.stringify(store.data.get(KEYRING_STORAGE_KEY))).toBe(snapshot);
    const unlocked = await unlockKeyring(store, 'old');
    expect(await getCredential(store, unlocked, 'tpm-1')).toEqual(TPM_CREDENTIAL);
    // The change can simply be retried.
    await changePassphrase(store, 'old', 'new', FAST);
    expect(await getCredential(store, await unlockKeyring(store, 'new'), 'tpm-1')).toEqual(TPM_CREDENTIAL);
  });

  it('loses nothing when a passphrase change crashes right after its write', async () => {
    const store = new MemoryStore();
    const keyring = await createKeyring(store, 'old', FAST);
    await putCredential(store, keyring, 'tpm-1', TPM_CREDENTIAL);
    store.crashAfterNextWrite = true;
    await expect(changePassphrase(store, 'old', 'new', FAST)).rejects.toThrow('crashed after writing');
    expect((await rejection(unlockKeyring(store, 'old'))).code).toBe('bad_passphrase');
    expect(await getCredential(store, await unlockKeyring(store, 'new'), 'tpm-1')).toEqual(TPM_CREDENTIAL);
  });

  it('does not change anything when the old passphrase is wrong', async () => {
    const store = new MemoryStore();
    await createKeyring(store, 'old', FAST);
    const writes = store.writes;
    expect((await rejection(changePassphrase(store, 'bad', 'new', FAST))).code).toBe('bad_passphrase');
    expect(store.writes).toBe(writes);
  });

  it('keeps both credentials when two are saved at the same time', async () => {
    const store = new MemoryStore();
    const keyring = await createKeyring(store, 'pw', FAST);
    await Promise.all([putCredential(store, keyring, 'a', 1), putCredential(store, keyring, 'b', 2), removeCredential(store, 'none')]);
    expect((await listCredentialIds(store)).sort()).toEqual(['a', 'b']);
    await removeCredential(store, 'a');
    expect(await listCredentialIds(store)).toEqual(['b']);
  });

  it('binds each credential to its source id', async () => {
    const store = new MemoryStore();
    const keyring = await createKeyring(store, 'pw', FAST);
    await putCredential(store, keyring, 'a', 'secret-a');
    const record = store.data.get(KEYRING_STORAGE_KEY) as { credentials: Record<string, unknown> };
    record.credentials.b = record.credentials.a;
    expect((await rejection(getCredential(store, keyring, 'b'))).code).toBe('invalid_response');
  });

  it('survives a worker restart through the session key', async () => {
    const store = new MemoryStore();
    const keyring = await createKeyring(store, 'pw', FAST);
    await putCredential(store, keyring, 'a', { x: 1 });
    const session = exportSessionKey(keyring);
    expect(session).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    const restored = await importSessionKey(session);
    expect(await getCredential(store, restored, 'a')).toEqual({ x: 1 });
    expect(exportSessionKey(restored)).toBe(session);
    expect((await rejection(importSessionKey('not base64!'))).code).toBe('vault_locked');
    expect((await rejection(importSessionKey('AAAA'))).code).toBe('vault_locked');
  });

  it('keeps the data key non-extractable', async () => {
    const keyring = await createKeyring(new MemoryStore(), 'pw', FAST);
    expect(keyring.key.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('raw', keyring.key)).rejects.toThrow();
  });

  it('uses at least 600,000 PBKDF2 iterations and a 16-byte salt by default', async () => {
    const store = new MemoryStore();
    const keyring = await createKeyring(store, 'real default', {});
    const record = store.data.get(KEYRING_STORAGE_KEY) as { kdf: { iterations: number; salt: string } };
    expect(record.kdf.iterations).toBeGreaterThanOrEqual(600_000);
    expect(atob(record.kdf.salt)).toHaveLength(16);
    await putCredential(store, keyring, 'a', 'v');
    expect(await getCredential(store, await unlockKeyring(store, 'real default'), 'a')).toBe('v');
    expect((await rejection(unlockKeyring(store, 'real defaulT'))).code).toBe('bad_passphrase');
  });

  it('raises a low iteration count to the default on a passphrase change', async () => {
    const store = new MemoryStore();
    await createKeyring(store, 'old', FAST);
    await changePassphrase(store, 'old', 'new');
    expect((store.data.get(KEYRING_STORAGE_KEY) as { kdf: { iterations: number } }).kdf.iterations).toBe(DEFAULT_PBKDF2_ITERATIONS);
    await unlockKeyring(store, 'new');
  });
});

describe('encryptJson', () => {
  it('uses a fresh IV for every write and fails under another context or key', async () => {
    const key = (await createKeyring(new MemoryStore(), 'pw', FAST)).key;
    const a = await encryptJson(key, { v: 1 }, 'ctx');
    const b = await encryptJson(key, { v: 1 }, 'ctx');
    expect(a.iv).toHaveLength(12);
    expect(a.iv).not.toEqual(b.iv);
    expect(await decryptJson(key, a, 'ctx')).toEqual({ v: 1 });
    await expect(decryptJson(key, a, 'other')).rejects.toMatchObject({ code: 'invalid_response' });
    const otherKey = (await createKeyring(new MemoryStore(), 'pw', FAST)).key;
    await expect(decryptJson(otherKey, a, 'ctx')).rejects.toMatchObject({ code: 'invalid_response' });
    const tampered = { iv: a.iv, ct: a.ct.slice() };
    tampered.ct[0]! ^= 1;
    await expect(decryptJson(key, tampered, 'ctx')).rejects.toMatchObject({ code: 'invalid_response' });
  });
});
