/** TPM URL building: `{base}/index.php/api/{version}/{resource}.json`, and the path that HMAC signs. */
import { AppError } from '../../errors';
import type { TpmApiVersion } from './types';

/** A request target: the full URL and the part HMAC signs (`api/v5/…`, percent-encoded, no leading slash). */
export interface TpmTarget {
  url: string;
  signedPath: string;
}

/**
 * Cleans a user-entered server address: drops query, fragment, trailing slashes and any pasted
 * `/index.php[/api/vN]` tail, keeping a sub-folder (`https://host/tpm`). Throws `bad_request` when it is not http(s).
 */
export function normaliseBaseUrl(input: string): string {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw new AppError('bad_request', 'The server address is not a valid URL.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new AppError('bad_request', 'The server address must start with https:// or http://.');
  const path = url.pathname
    .replace(/\/+$/, '')
    .replace(/\/index\.php(\/api(\/v\d+)?)?$/i, '')
    .replace(/\/api(\/v\d+)?$/i, '')
    .replace(/\/+$/, '');
  return `${url.origin}${path}`;
}

/** Encodes path segments (a search string becomes one segment, `encodeURIComponent` style). */
export function resourcePath(...segments: (string | number)[]): string {
  return segments.map((s) => encodeURIComponent(String(s))).join('/');
}

/**
 * The target for a resource such as `passwords/12` (without `.json`). `indexPhp: false` is for servers with
 * URL rewriting that hides `index.php`; either way the signed path starts at `api/`.
 */
export function buildTarget(baseUrl: string, version: TpmApiVersion, resource: string, indexPhp = true): TpmTarget {
  const signedPath = `api/${version}/${resource}.json`;
  return { url: `${baseUrl}/${indexPhp ? 'index.php/' : ''}${signedPath}`, signedPath };
}

/** The `rel="next"` URL of a `Link` header, if any. */
export function nextLink(header: string | null): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(/,(?=\s*<)/)) {
    const match = /^\s*<([^>]*)>(.*)$/.exec(part);
    if (match && /;\s*rel\s*=\s*"?next"?/i.test(match[2])) return match[1];
  }
  return undefined;
}

/**
 * Turns a server-sent next link into a target. Real servers may put the *decoded* search string in the link
 * (spaces and all), so each segment is re-encoded before it is requested and signed. The link must point to the
 * configured server: credentials are never sent to another origin.
 */
export function targetFromLink(baseUrl: string, link: string, indexPhp = true): TpmTarget {
  const base = new URL(baseUrl);
  const originMatch = /^[a-z][a-z0-9+.-]*:\/\/[^/]+/i.exec(link);
  if (originMatch && safeOrigin(originMatch[0]) !== base.origin) {
    throw new AppError('invalid_response', 'The server sent a next-page link to another server; it was not followed.');
  }
  const basePath = new URL(normaliseBaseUrl(baseUrl)).pathname.replace(/\/$/, '');
  // TPM uses no query strings, so a `?` or `#` here belongs to a decoded search string: keep it.
  let rest = originMatch ? link.slice(originMatch[0].length) : link;
  if (basePath && rest.startsWith(`${basePath}/`)) rest = rest.slice(basePath.length);
  rest = rest.replace(/^\/index\.php(?=\/)/i, '').replace(/^\//, '');
  if (!/^api\/v\d+\//.test(rest)) throw new AppError('invalid_response', 'The server sent a next-page link that is not an API address.');
  const signedPath = rest.split('/').map(reencodeSegment).join('/');
  return { url: `${normaliseBaseUrl(baseUrl)}/${indexPhp ? 'index.php/' : ''}${signedPath}`, signedPath };
}

function reencodeSegment(segment: string): string {
  let decoded = segment;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    // A literal `%` from a decoded search string: encode it as it stands.
  }
  return encodeURIComponent(decoded);
}

function safeOrigin(text: string): string | undefined {
  try {
    return new URL(text).origin;
  } catch {
    return undefined;
  }
}
