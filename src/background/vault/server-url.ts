/** Checks a server address the user typed before any credential is sent to it. */
import { AppError } from '../../errors';

/** True for loopback and private-network hosts, where plain http is tolerated (with a warning). */
export function isLocalHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost') || (!host.includes('.') && !host.includes(':'))) return true;
  // Unique-local (fc00::/7) and link-local IPv6, for IPv6 literals only: `fcbarcelona.com` is a public name.
  if (host.includes(':')) return host === '::1' || /^f[cd][0-9a-f]{0,2}:/.test(host) || /^fe[89ab][0-9a-f]?:/.test(host);
  const ip = host.split('.').map(Number);
  if (ip.length !== 4 || ip.some((n) => !Number.isInteger(n) || n < 0 || n > 255)) return false;
  const [a, b] = ip;
  return a === 127 || a === 10 || (a === 192 && b === 168) || (a === 172 && b >= 16 && b <= 31) || (a === 169 && b === 254);
}

/**
 * Parses the base URL: http(s) only, no credentials in it. Plain http is refused for public hosts (the
 * password would cross the internet in clear) and accepted with a warning for local ones.
 */
export function checkServerUrl(input: string): { url: URL; warning?: string } {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw new AppError('bad_request', 'The server address is not a valid URL (it must start with https://).');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new AppError('bad_request', 'The server address must start with https://.');
  if (url.username || url.password)
    throw new AppError('bad_request', 'Put the user name and password in their own fields, not in the address.');
  if (url.protocol === 'http:') {
    if (!isLocalHost(url.hostname))
      throw new AppError('insecure_url', 'Plain http:// is refused for a server on the internet: use https://.');
    return { url, warning: 'This server is reached over plain http://: anyone on the local network could read the traffic.' };
  }
  return { url };
}
