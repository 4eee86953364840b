/** TPM request authentication: HTTP Basic (UTF-8 safe) and HMAC-SHA256 signatures, via WebCrypto. */
import type { TpmAuth } from './types';

const encoder = new TextEncoder();

/** Base64 of arbitrary bytes without `Buffer` (works in a service worker). */
function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  // Chunked so long inputs do not overflow the argument limit of fromCharCode.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function toHex(buffer: ArrayBuffer): string {
  return Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** `Basic base64(utf8(user:password))`; plain `btoa` would throw on non-Latin-1 characters. */
export function basicAuthorization(username: string, password: string): string {
  return `Basic ${bytesToBase64(encoder.encode(`${username}:${password}`))}`;
}

/** Lowercase hex HMAC-SHA256; the key is the private-key string's UTF-8 bytes (not hex-decoded). */
async function hmacSha256Hex(key: string, message: string): Promise<string> {
  const cryptoKey = await crypto.subtle.importKey('raw', encoder.encode(key), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return toHex(await crypto.subtle.sign('HMAC', cryptoKey, encoder.encode(message)));
}

/**
 * The TPM request hash: HMAC(privateKey, signedPath + timestamp + body). `signedPath` starts at `api/` without a
 * leading slash and is percent-encoded exactly as sent; `body` is the raw JSON string sent (`''` when none).
 */
export function tpmRequestHash(privateKey: string, signedPath: string, timestamp: string, body: string): Promise<string> {
  return hmacSha256Hex(privateKey, signedPath + timestamp + body);
}

/**
 * Headers that authenticate one attempt. Call it again for every attempt: an HMAC timestamp is only valid for a
 * short window on the server, so a retry must be signed anew.
 */
export async function authHeaders(auth: TpmAuth, signedPath: string, body: string, nowMs: number): Promise<Record<string, string>> {
  if (auth.kind === 'basic') return { Authorization: basicAuthorization(auth.username, auth.password) };
  const timestamp = String(Math.floor(nowMs / 1000));
  return {
    'X-Public-Key': auth.publicKey,
    'X-Request-Timestamp': timestamp,
    'X-Request-Hash': await tpmRequestHash(auth.privateKey, signedPath, timestamp, body),
  };
}

/**
 * `X-Unlock-Reason` value: header values must be ByteStrings, so the UTF-8 bytes travel as Latin-1 characters
 * (what the official extension does with `unescape(encodeURIComponent(…))`). Line breaks become spaces.
 */
export function encodeUnlockReason(reason: string): string {
  const bytes = encoder.encode(reason.replace(/[\r\n\t]+/g, ' ').trim());
  let out = '';
  for (const b of bytes) out += String.fromCharCode(b);
  return out;
}
