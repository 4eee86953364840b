import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TpmClient } from '../../../src/api/tpm/client';
import { endpointOf } from '../../sim/faults';
import { DEMO_AUTH_TOKEN, DEMO_TOKEN_PASS } from '../../sim/syspass/seed';
import { startSyspassSim, type SyspassSim } from '../../sim/syspass/server';
import { DEMO_USERS } from '../../sim/tpm/seed';
import { startTpmSim, type TpmSim } from '../../sim/tpm/server';
import { SyspassClient } from '../../../src/api/syspass/client';

describe('the simulators count requests per endpoint', () => {
  let tpm: TpmSim;
  let syspass: SyspassSim;
  beforeAll(async () => {
    tpm = await startTpmSim({ entries: 70, pageSize: 20 });
    syspass = await startSyspassSim({ accounts: 10 });
  });
  afterAll(async () => {
    await tpm.close();
    await syspass.close();
  });

  it('names ids, page numbers and search strings generically', () => {
    expect(endpointOf('GET /index.php/api/v5/passwords/page/7.json')).toBe('GET /index.php/api/v5/passwords/page/{n}.json');
    expect(endpointOf('GET /index.php/api/v5/passwords/12.json')).toBe('GET /index.php/api/v5/passwords/{n}.json');
    expect(endpointOf('GET /index.php/api/v5/passwords/search/access%3Aexample.com%20is%3Aactive/page/2.json')).toBe(
      'GET /index.php/api/v5/passwords/search/{q}/page/{n}.json',
    );
    expect(endpointOf('GET /index.php/api/v5/my_passwords/search/access%3Aa.b/count.json')).toBe(
      'GET /index.php/api/v5/my_passwords/search/{q}/count.json',
    );
    expect(endpointOf('GET /index.php/api/v5/passwords/count.json')).toBe('GET /index.php/api/v5/passwords/count.json');
    expect(endpointOf('POST /api.php account/search')).toBe('POST /api.php account/search');
  });

  it('answers the TPM counts over HTTP, for a bench in another process', async () => {
    tpm.faults.log.length = 0;
    const user = DEMO_USERS.normal;
    const client = new TpmClient({
      baseUrl: tpm.url,
      auth: { kind: 'basic', username: user.username, password: user.password },
      fetch: (i, init) => fetch(i, init),
      retries: 0,
    });
    await client.listPasswords();
    const counts = (await (await fetch(`${tpm.url}/sim/requests.json`)).json()) as { count: number; byEndpoint: Record<string, number> };
    expect(counts.count).toBe(tpm.faults.log.length);
    const pages = Object.entries(counts.byEndpoint)
      .filter(([k]) => /passwords(\/page\/\{n\})?\.json$/.test(k))
      .reduce((n, [, c]) => n + c, 0);
    expect(pages).toBeGreaterThanOrEqual(2);
  });

  it('answers the sysPass counts per RPC method', async () => {
    syspass.faults.log.length = 0;
    const client = new SyspassClient({
      baseUrl: syspass.url,
      authToken: DEMO_AUTH_TOKEN,
      tokenPassword: DEMO_TOKEN_PASS,
      fetch: (i, init) => fetch(i, init),
    });
    await client.searchAccounts({});
    const counts = (await (await fetch(`${syspass.url}/sim/requests.json`)).json()) as {
      count: number;
      byEndpoint: Record<string, number>;
    };
    expect(counts.byEndpoint['POST /api.php account/search']).toBeGreaterThanOrEqual(1);
  });
});
