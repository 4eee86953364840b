import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../../sim/tpm/seed';
import { startTpmSim, type TpmSim } from '../../../sim/tpm/server';
import { simClient } from './sim-helpers';

let sim: TpmSim;
beforeAll(async () => {
  sim = await startTpmSim({ entries: 120 });
});
afterAll(() => sim.close());
afterEach(() => sim.faults.clear());

/** The client's timeout where a test is about it; elsewhere a generous one, so a loaded machine causes no retries. */
const TIMEOUT = 300;
const client = (kind: 'basic' | 'hmac' = 'hmac', retries = 2, timeoutMs = 10_000) =>
  simClient(sim.url, DEMO_USERS.normal, kind, { apiVersion: 'v5', timeoutMs, retries, backoffMs: 5 });
const showId = () => sim.state.demo.multiUrlId;

describe('faults yield typed errors', () => {
  it.each([500, 502, 503])('status %i on one route → server error carrying the message', async (status) => {
    sim.faults.add({ match: /GET \S*\/passwords\/\d+\.json$/, status });
    const { client: c, requests } = client();
    await expect(c.getPassword(showId())).rejects.toMatchObject({
      code: 'server',
      details: { status },
      message: expect.stringContaining(`Simulated ${status}`),
    });
    expect(requests).toHaveLength(status === 500 ? 1 : 3); // 502/503 are retried for GET
    await expect(c.me()).resolves.toMatchObject({ username: 'alice' }); // other routes unaffected
  });

  it.each([503, 429])('%i with Retry-After → not retried within the request; the error carries the wait', async (status) => {
    sim.faults.add({ match: 'users/me', status, retryAfter: 90 });
    const { client: c, requests } = client();
    await expect(c.me()).rejects.toMatchObject({ code: 'server', details: { status, retryAfterMs: 90_000 } });
    expect(requests).toHaveLength(1);
  });

  it('recovers when a 503 happens once (retry with a fresh HMAC signature)', async () => {
    sim.faults.add({ match: 'users/me', status: 503, times: 1 });
    const { client: c, requests } = client('hmac');
    await expect(c.me()).resolves.toMatchObject({ username: 'alice' });
    expect(requests).toHaveLength(2);
  });

  it.each(['truncated', 'html', 'garbage', 'empty'] as const)('%s body → invalid_response', async (body) => {
    sim.faults.add({ match: 'passwords/', body });
    await expect(client().client.getPassword(showId())).rejects.toMatchObject({ code: 'invalid_response' });
  });

  it('dropped connection → network (GET retried, then given up)', async () => {
    sim.faults.add({ match: 'users/me', drop: true });
    const { client: c, requests } = client();
    await expect(c.me()).rejects.toMatchObject({ code: 'network' });
    expect(requests).toHaveLength(3);
  });

  it(
    'server that never answers → timeout of each attempt, not a hang',
    async () => {
      sim.faults.add({ match: 'users/me', hang: true });
      const { client: c, requests } = client('basic', 1, TIMEOUT);
      await expect(c.me()).rejects.toMatchObject({ code: 'timeout' });
      expect(requests).toHaveLength(2); // both attempts timed out (a hang would outlast this test's own limit)
    },
    10 * TIMEOUT,
  );

  it('slow body beyond the timeout → timeout; slow within it → success', async () => {
    sim.faults.add({ match: 'passwords/', slowMs: 200 });
    await expect(client('basic', 0, TIMEOUT).client.getPassword(showId())).rejects.toMatchObject({ code: 'timeout' });
    sim.faults.clear();
    sim.faults.add({ match: 'generate_password', slowMs: 5 });
    await expect(client('basic', 0).client.generatePassword()).resolves.toHaveLength(16);
  });

  it('added latency on one route delays only that route', async () => {
    const delays: number[] = [];
    const { delay } = sim.faults;
    sim.faults.delay = (ms) => (delays.push(ms), delay(ms));
    try {
      sim.faults.add({ match: 'generate_password', latencyMs: 150 });
      const { client: c } = client();
      await c.generatePassword();
      expect(delays).toEqual([150]);
      await c.me();
      expect(delays).toEqual([150]);
    } finally {
      sim.faults.delay = delay;
    }
  });

  it('a failing page fails the whole parallel listing with its typed error', async () => {
    sim.faults.add({ match: '/passwords/page/2.json', status: 500 });
    await expect(client().client.listPasswords()).rejects.toMatchObject({ code: 'server', details: { status: 500 } });
  });
});

describe('POST is never silently repeated', () => {
  it.each([
    ['502', { status: 502 }, 'server'],
    ['503', { status: 503 }, 'server'],
    ['a dropped connection', { drop: true }, 'network'],
  ] as const)('on %s', async (_label, fault, code) => {
    const before = sim.state.passwords.size;
    sim.faults.add({ match: /^POST \S*\/passwords\.json$/, ...fault });
    const { client: c, requests } = client('hmac', 3);
    await expect(c.createPassword(sim.state.demo.sharedProjectId, { name: 'Only once' })).rejects.toMatchObject({ code });
    expect(requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    // A status fault is applied after the server did the work (like a proxy error after the fact): one entry at most.
    expect(sim.state.passwords.size - before).toBeLessThanOrEqual(1);
  });

  it('times out a hanging POST once', async () => {
    sim.faults.add({ match: 'POST', hang: true });
    const { client: c, requests } = client('basic', 3, TIMEOUT);
    await expect(c.createMyPassword({ name: 'x' })).rejects.toMatchObject({ code: 'timeout' });
    expect(requests).toHaveLength(1);
  });
});
