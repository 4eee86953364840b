/** Builds the `Source` for a configured server from its decrypted credentials. */
import { SyspassClient } from '../../api/syspass/client';
import { TpmClient } from '../../api/tpm/client';
import { AppError } from '../../errors';
import type { ServerCredentials } from '../../messages';
import type { Source } from '../../vault/sources';
import { SyspassSource } from '../../vault/syspass-source';
import { TPM_SYNC_CONCURRENCY, TpmSource } from '../../vault/tpm-source';
import type { ServerConfig } from '../settings/config-store';
import { syspassLockouts } from './lockout-store';
import { tpmVersions } from './tpm-version-store';

/** The worker's own fetch; bound so the clients can call it as a plain function. */
export const workerFetch = (input: string, init: RequestInit) => fetch(input, init);

export function makeSource(config: Pick<ServerConfig, 'id' | 'kind' | 'baseUrl'>, credentials: ServerCredentials): Source {
  if (config.kind === 'tpm') {
    if (credentials.kind === 'syspass') throw new AppError('bad_request', 'These credentials are for sysPass, not Team Password Manager.');
    const auth =
      credentials.kind === 'tpm-basic'
        ? { kind: 'basic' as const, username: credentials.username, password: credentials.password }
        : { kind: 'hmac' as const, publicKey: credentials.publicKey, privateKey: credentials.privateKey };
    return new TpmSource(
      config.id,
      new TpmClient({ baseUrl: config.baseUrl, auth, fetch: workerFetch, concurrency: TPM_SYNC_CONCURRENCY, versionMemory: tpmVersions }),
    );
  }
  if (credentials.kind !== 'syspass') throw new AppError('bad_request', 'These credentials are for Team Password Manager, not sysPass.');
  const client = new SyspassClient({
    baseUrl: config.baseUrl,
    authToken: credentials.authToken,
    tokenPassword: credentials.tokenPassword,
    fetch: workerFetch,
    lockout: syspassLockouts,
  });
  return new SyspassSource(config.id, client, client.endpoint.replace(/\/api\.php$/, ''));
}
