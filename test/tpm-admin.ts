/**
 * The TPM simulator's administrator as an API client over Node's fetch: how tests and the demo change the server's
 * data as a colleague would, and the user the Node sync bench signs in as.
 */
import { TpmClient } from '../src/api/tpm/client';
import type { TpmClientOptions } from '../src/api/tpm/connection';
import { DEMO_USERS } from './sim/tpm/seed';

export function tpmAdmin(baseUrl: string, options: Partial<TpmClientOptions> = {}): TpmClient {
  const { username, password } = DEMO_USERS.admin;
  return new TpmClient({ baseUrl, auth: { kind: 'basic', username, password }, fetch: (input, init) => fetch(input, init), ...options });
}
