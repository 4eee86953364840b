/**
 * Reads the URL text of an entry (TPM `access_info`, sysPass `url`) into the URLs it names.
 * That text is typed by people: several URLs separated by commas, spaces or lines, bare hosts, `host:port`,
 * IP literals, one-word intranet hosts, and free text. The rules are listed in {@link parseEntryUrls}.
 */
import { parse as parseHost } from 'tldts';

/** `ip`: IPv4/IPv6 literal; `single`: a host without a dot (`nas`, `localhost`); `dns`: a dotted name. */
export type HostKind = 'ip' | 'single' | 'dns';

/** One URL found in an entry's URL text. */
export interface ParsedUrl {
  /** The piece of text it was read from, trimmed of surrounding punctuation. */
  raw: string;
  /** `web`: http(s) or written without a scheme; matchable. `other`: another scheme (ftp, sftp, …); never matched. */
  kind: 'web' | 'other';
  /** The scheme as written; `null` when none was written (then either http or https is assumed). */
  scheme: 'http' | 'https' | null;
  /** Lower-case ASCII (punycode) host; IPv6 in brackets. For a wildcard, the part after `*.`. Empty for `other`. */
  host: string;
  /** The port written in the text, or `null` (meaning the scheme's default port). */
  port: number | null;
  /** Path and query as written after the host (`/wp-admin`), or '' when there is none. */
  path: string;
  hostKind: HostKind;
  /** Written as `*.example.com`: matches example.com and every subdomain. */
  wildcard: boolean;
  /**
   * A link the UI may open, only ever http(s): the normalised URL; for text without a scheme, `https://` for
   * dotted names and `http://` for IPs and one-word hosts (LAN devices rarely have a certificate). `null` for
   * wildcards and `other`.
   */
  href: string | null;
}

/** Longest text read; `access_info` is a short field, anything longer is not a list of URLs. */
const MAX_TEXT = 4096;
/** Most URLs taken from one text, so a pasted document cannot bloat the match index. */
const MAX_URLS = 32;

/**
 * Schemes that run code or carry a document. A text naming one anywhere yields no URL at all, so an entry
 * like `data:text/html,…https://bank.example` cannot be split into something that matches a real site.
 * The letter before must not be part of a word ("metadata:"), and a space after the colon marks prose ("Data: …").
 */
const DANGEROUS = /(?:^|[^a-z0-9+.-])(?:javascript|data|vbscript)\s*:(?![\s]|$)/i;
const SCHEME_WITH_SLASHES = /^([a-z][a-z0-9+.-]*):\/\//i;
/** `mailto:x`, `ssh:db01`: a scheme not followed by a port number. */
const OPAQUE_SCHEME = /^([a-z][a-z0-9+.-]*):(?!\d+(?:[/?#]|$))/i;
const IPV6_BARE = /^[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}(?::\d+\.\d+\.\d+\.\d+)?$/i;
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;
/** Labels of letters, digits, '-' and '_' (used by some intranet names), after IDNA conversion. */
const HOSTNAME = /^[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?)*$/;
const LEADING_PUNCT = /^[(<"'`]+/;
const TRAILING_PUNCT = /[)>"'`.,;:!?]+$/;

/**
 * Finds the URLs in an entry's URL text. Rules:
 * - The text is split into segments at commas and line breaks, and segments into tokens at white space.
 *   Surrounding brackets, quotes and trailing punctuation are dropped (`(https://x.example).` → the URL).
 * - `http://` / `https://` URLs are taken as written; other `scheme://` URLs (ftp, sftp, ssh) become `other`.
 *   Opaque `scheme:` tokens (`mailto:`) and `user@host` tokens (e-mail, `ssh root@db01`) are ignored.
 * - A text containing `javascript:`, `data:` or `vbscript:` anywhere yields nothing.
 * - Without a scheme: `host`, `host:port`, `host/path`, IPv4, IPv6 with or without brackets, `*.domain`.
 * - Free text: when a segment has several words, a bare word counts only if it is clearly an address
 *   (an IP, has a port, a wildcard, or ends in a known public suffix). So "192.168.1.1 (internal)" gives
 *   the IP, while "Outlook in Lisa's computer" and "internalapp.exe (from any pc)" give nothing.
 *   A segment that is a single word is taken as a host (`nas`, `synology:5000`): intranet names look like that.
 * - A wildcard on a public suffix (`*.co.uk`) is ignored.
 * Never throws; at most 32 URLs from the first 4096 characters.
 */
export function parseEntryUrls(text: string): ParsedUrl[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  const input = text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) : text;
  if (DANGEROUS.test(input)) return [];
  const out: ParsedUrl[] = [];
  for (const segment of input.split(/[,\r\n]+/)) {
    const tokens = segment.split(/\s+/).filter((t) => t.length > 0);
    const lone = tokens.length === 1;
    for (const token of tokens) {
      const parsed = parseToken(cleanToken(token), lone);
      if (parsed) out.push(parsed);
      if (out.length >= MAX_URLS) return out;
    }
  }
  return out;
}

function cleanToken(token: string): string {
  let t = token.replace(LEADING_PUNCT, '');
  // A closing bracket ends an IPv6 literal, so it stays when the token opened one.
  t = t.replace(TRAILING_PUNCT, '');
  return t;
}

function parseToken(token: string, lone: boolean): ParsedUrl | null {
  if (token.length === 0) return null;
  const schemeMatch = SCHEME_WITH_SLASHES.exec(token);
  if (schemeMatch) {
    const scheme = schemeMatch[1]!.toLowerCase();
    if (scheme !== 'http' && scheme !== 'https') return otherUrl(token);
    return parseWithScheme(token, scheme);
  }
  if (IPV6_BARE.test(token)) return parseBare(`[${token}]`, token, lone);
  if (OPAQUE_SCHEME.test(token) && !token.startsWith('[')) return null;
  if (token.includes('@')) return null;
  return parseBare(token, token, lone);
}

function otherUrl(raw: string): ParsedUrl {
  return { raw, kind: 'other', scheme: null, host: '', port: null, path: '', hostKind: 'dns', wildcard: false, href: null };
}

function parseWithScheme(token: string, scheme: 'http' | 'https'): ParsedUrl | null {
  const url = tryUrl(token);
  if (!url) return null;
  const host = normaliseHost(url.hostname);
  if (!host) return null;
  const hostKind = kindOf(host);
  const port = url.port === '' ? null : Number(url.port);
  url.hash = '';
  return { raw: token, kind: 'web', scheme, host, port, path: pathOf(url), hostKind, wildcard: false, href: url.href };
}

function parseBare(text: string, raw: string, lone: boolean): ParsedUrl | null {
  let wildcard = false;
  let rest = text;
  if (rest.startsWith('*.')) {
    wildcard = true;
    rest = rest.slice(2);
  }
  const url = tryUrl(`http://${rest}`);
  if (url?.username !== '' || url.password !== '') return null;
  const host = normaliseHost(url.hostname);
  if (!host) return null;
  const hostKind = kindOf(host);
  const port = explicitPort(rest);
  if (port === undefined) return null;
  if (wildcard && !isRegistrable(host)) return null;
  if (!lone && !wildcard && port === null && hostKind !== 'ip' && !hasKnownSuffix(host)) return null;
  url.hash = '';
  const path = pathOf(url);
  let href: string | null = null;
  if (!wildcard) {
    const scheme = hostKind === 'dns' ? 'https' : 'http';
    href = `${scheme}://${host}${port === null ? '' : `:${port}`}${path === '' ? '/' : path}`;
  }
  return { raw, kind: 'web', scheme: null, host, port, path, hostKind, wildcard, href };
}

function tryUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

/** Lower-case, without the trailing dot of a fully qualified name; '' when not a valid host. */
function normaliseHost(hostname: string): string {
  const host = hostname.endsWith('.') ? hostname.slice(0, -1) : hostname;
  if (host.startsWith('[')) return host;
  return HOSTNAME.test(host) ? host : '';
}

function kindOf(host: string): HostKind {
  if (host.startsWith('[') || IPV4.test(host)) return 'ip';
  return host.includes('.') ? 'dns' : 'single';
}

/**
 * The port written after the host, read from the text itself: the URL parser drops a port equal to the
 * scheme default, and `nas:80` (http only) must differ from `nas` (either scheme). `undefined` if invalid.
 */
function explicitPort(text: string): number | null | undefined {
  const end = text.search(/[/?#]/);
  const hostPort = end === -1 ? text : text.slice(0, end);
  const match = /:(\d+)$/.exec(hostPort);
  if (!match || (hostPort.startsWith('[') && !hostPort.includes(']:'))) return null;
  const port = Number(match[1]);
  return port > 0 && port <= 65535 ? port : undefined;
}

/** Path and query, '' for the bare root. */
function pathOf(url: URL): string {
  const path = url.pathname + url.search;
  return path === '/' ? '' : path;
}

/** True for a host under a public suffix listed by ICANN or a private registry. */
function hasKnownSuffix(host: string): boolean {
  const info = parseHost(host, { allowPrivateDomains: true, extractHostname: false });
  return info.domain !== null && (info.isIcann === true || info.isPrivate === true);
}

/** A wildcard needs a registrable domain under it: `*.example.co.uk`, or an intranet `*.corp.lan`. */
function isRegistrable(host: string): boolean {
  if (kindOf(host) !== 'dns') return false;
  const info = parseHost(host, { allowPrivateDomains: true, extractHostname: false });
  return info.domain !== null;
}
