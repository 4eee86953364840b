/**
 * Tells what answers at an address: Team Password Manager, sysPass, or neither. Asks each the cheapest question
 * its API answers without credentials, never one that counts as a failed sign-in:
 * - TPM: `GET index.php/api/v5/version.json` answers its JSON error shape (401 without credentials, 403 with
 *   the API off, "Controller does not exist." on a v4-only server) or the version itself.
 * - sysPass: `POST api.php` with a JSON-RPC request that has no token answers a JSON-RPC error (-32600), before
 *   any token is checked (sysPass counts only wrong token passwords as failed attempts).
 */
import { AppError } from '../errors';
import { httpRequest, type FetchLike } from './http';

export interface DetectedServer {
  kind: 'tpm' | 'syspass';
  baseUrl: string;
  /** TPM's version when it told it without credentials. */
  version?: string;
}

type Probe = 'yes' | 'no' | 'api_off';

const PROBE_TIMEOUT_MS = 10_000;

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

async function probeTpm(baseUrl: string, fetch: FetchLike): Promise<{ probe: Probe; version?: string }> {
  const res = await httpRequest(
    {
      method: 'GET',
      url: `${baseUrl}/index.php/api/v5/version.json`,
      headers: () => ({ 'Content-Type': 'application/json; charset=utf-8' }),
    },
    { fetch, timeoutMs: PROBE_TIMEOUT_MS, retries: 0, maxBodyChars: 64 * 1024 },
  );
  const body = parseJson(res.text);
  if (!isObject(body)) return { probe: 'no' };
  if (res.status === 200 && typeof body.api_version === 'string')
    return { probe: 'yes', version: typeof body.version === 'string' ? body.version : undefined };
  if (body.error !== true || typeof body.message !== 'string') return { probe: 'no' };
  // Without credentials there is no user whose permission could be missing: a 403 is the API switch.
  return { probe: res.status === 403 ? 'api_off' : 'yes' };
}

async function probeSyspass(baseUrl: string, fetch: FetchLike): Promise<{ probe: Probe }> {
  const res = await httpRequest(
    {
      method: 'POST',
      url: `${baseUrl}/api.php`,
      headers: () => ({ 'Content-Type': 'application/json' }),
      body: JSON.stringify({ jsonrpc: '2.0', method: 'account/search', params: {}, id: 1 }),
    },
    { fetch, timeoutMs: PROBE_TIMEOUT_MS, retries: 0, maxBodyChars: 64 * 1024 },
  );
  const body = parseJson(res.text);
  const isRpcError = isObject(body) && body.jsonrpc === '2.0' && isObject(body.error) && typeof body.error.code === 'number';
  return { probe: isRpcError ? 'yes' : 'no' };
}

/**
 * Throws `network` or `timeout` when nothing answers, `api_disabled` for a TPM with its API off, and
 * `not_a_server` when something answers that is neither.
 */
export async function detectServer(baseUrl: string, fetch: FetchLike): Promise<DetectedServer> {
  const [tpm, syspass] = await Promise.allSettled([probeTpm(baseUrl, fetch), probeSyspass(baseUrl, fetch)]);
  if (tpm.status === 'fulfilled' && tpm.value.probe === 'yes')
    return { kind: 'tpm', baseUrl, ...(tpm.value.version ? { version: tpm.value.version } : {}) };
  if (syspass.status === 'fulfilled' && syspass.value.probe === 'yes') return { kind: 'syspass', baseUrl };
  const host = new URL(baseUrl).host;
  if (tpm.status === 'fulfilled' && tpm.value.probe === 'api_off')
    throw new AppError('api_disabled', `Team Password Manager at ${host} has its API turned off.`);
  if (tpm.status === 'rejected' && syspass.status === 'rejected') throw tpm.reason;
  throw new AppError('not_a_server', `${host} answers, but not as Team Password Manager or sysPass.`);
}
