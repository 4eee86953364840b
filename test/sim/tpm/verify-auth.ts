/** Server-side credential checks of the simulator: HTTP Basic and HMAC (hash and timestamp window), for real. */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { SimUser } from './model';
import type { TpmSimState } from './state';

export type AuthResult = { user: SimUser } | { status: number; message: string };

const header = (headers: IncomingHttpHeaders, name: string) => {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
};

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Checks the request's credentials. `signedPath` is the raw path from `api/` as received; `body` the raw body.
 * The HMAC hash must equal HMAC-SHA256(privateKey, signedPath + timestamp + body), and the timestamp must be
 * within the configured window of the server clock.
 */
export function authenticate(state: TpmSimState, headers: IncomingHttpHeaders, signedPath: string, body: string): AuthResult {
  const { authMethods, hmacWindowSeconds, now } = state.settings;
  const authorization = header(headers, 'authorization');
  const publicKey = header(headers, 'x-public-key');
  if (publicKey !== undefined) {
    if (authMethods === 'basic')
      return { status: 401, message: 'HMAC authentication is not enabled for the API. Use HTTP Basic authentication.' };
    const timestamp = header(headers, 'x-request-timestamp') ?? '';
    const hash = header(headers, 'x-request-hash') ?? '';
    const user = state.userByPublicKey(publicKey);
    if (!user) return { status: 401, message: 'Invalid public key.' };
    if (!/^\d+$/.test(timestamp) || Math.abs(Number(timestamp) - now() / 1000) > hmacWindowSeconds) {
      return { status: 401, message: 'Request timestamp is too old or in the future. Check the clock.' };
    }
    const expected = createHmac('sha256', user.privateKey)
      .update(signedPath + timestamp + body, 'utf8')
      .digest('hex');
    if (!sameText(expected, hash.toLowerCase())) return { status: 401, message: 'Invalid request hash.' };
    return { user };
  }
  if (authorization?.startsWith('Basic ')) {
    if (authMethods === 'hmac')
      return { status: 401, message: 'HTTP Basic authentication is not enabled for the API. Use HMAC authentication.' };
    const decoded = Buffer.from(authorization.slice(6).trim(), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const user = colon > 0 ? state.userByName(decoded.slice(0, colon)) : undefined;
    if (!user || !sameText(user.password, decoded.slice(colon + 1))) return { status: 401, message: 'Incorrect username or password.' };
    return { user };
  }
  return { status: 401, message: 'Authentication required.' };
}
