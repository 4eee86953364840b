/** AES-GCM sealing of JSON values: the one way the vault writes anything secret-adjacent to disk. */
import { SchemaError } from '../errors';

/** An AES-GCM ciphertext with its IV. Binary, for IndexedDB; see `base64.ts` for JSON stores. */
export interface EncryptedBlob {
  /** 12 random bytes, fresh for every write: GCM breaks if an IV repeats under one key. */
  iv: Uint8Array<ArrayBuffer>;
  /** Ciphertext followed by the 16-byte tag. */
  ct: Uint8Array<ArrayBuffer>;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Serialises `value` to JSON and encrypts it. `context` is bound as additional data, so a blob copied to
 * another place (another source's record, another field) fails to decrypt there.
 */
export async function encryptJson(key: CryptoKey, value: unknown, context = ''): Promise<EncryptedBlob> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const plain = encoder.encode(JSON.stringify(value));
  const ct = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: encoder.encode(context) }, key, plain);
  return { iv, ct: new Uint8Array(ct) };
}

/**
 * Decrypts and parses a blob made by {@link encryptJson} with the same `context`. Throws `SchemaError` when
 * the key or context is wrong, the data was altered, or it is not JSON; the caller validates the shape.
 */
export async function decryptJson(key: CryptoKey, blob: EncryptedBlob, context = ''): Promise<unknown> {
  if (!isEncryptedBlob(blob)) throw new SchemaError('Not an encrypted record.');
  let plain: ArrayBuffer;
  try {
    plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: blob.iv, additionalData: encoder.encode(context) }, key, blob.ct);
  } catch {
    throw new SchemaError('The record could not be decrypted.');
  }
  try {
    return JSON.parse(decoder.decode(plain)) as unknown;
  } catch {
    throw new SchemaError('The decrypted record is not JSON.');
  }
}

/** Shape check for data read back from storage. */
export function isEncryptedBlob(value: unknown): value is EncryptedBlob {
  if (typeof value !== 'object' || value === null) return false;
  const { iv, ct } = value as Record<string, unknown>;
  return iv instanceof Uint8Array && iv.length === 12 && ct instanceof Uint8Array && ct.length >= 16;
}
