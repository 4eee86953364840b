/** Shared set-up for tests that run the TPM client against the simulator. */
import type { FetchLike } from '../../../../src/api/http';
import { TpmClient } from '../../../../src/api/tpm/client';
import type { TpmClientOptions } from '../../../../src/api/tpm/connection';
import type { TpmAuth } from '../../../../src/api/tpm/types';
import { DEMO_USERS, type DemoUser } from '../../../sim/tpm/seed';

export type AuthKind = 'basic' | 'hmac';

export function authOf(user: DemoUser, kind: AuthKind): TpmAuth {
  return kind === 'basic'
    ? { kind, username: user.username, password: user.password }
    : { kind, publicKey: user.publicKey, privateKey: user.privateKey };
}

/** A fetch that only ever talks to 127.0.0.1 and counts requests. */
export function localFetch(): { fetch: FetchLike; requests: { method: string; url: string }[] } {
  const requests: { method: string; url: string }[] = [];
  const wrapped: FetchLike = (input, init) => {
    if (!input.startsWith('http://127.0.0.1:')) throw new Error(`test traffic must stay local: ${input}`);
    requests.push({ method: init.method ?? 'GET', url: input });
    return fetch(input, init);
  };
  return { fetch: wrapped, requests };
}

export function simClient(
  url: string,
  user: DemoUser = DEMO_USERS.normal,
  kind: AuthKind = 'basic',
  options: Partial<TpmClientOptions> = {},
) {
  const local = localFetch();
  const client = new TpmClient({ baseUrl: url, auth: authOf(user, kind), fetch: local.fetch, timeoutMs: 2_000, backoffMs: 5, ...options });
  return { client, requests: local.requests };
}
