/**
 * A full TPM listing reads its pages in parallel, bounded: the simulator sees exactly `concurrency` requests in
 * flight at its peak (never more), where the Link-header strategy sees one at a time. What that is worth in time
 * (10,000 entries, 30 ms latency: the design's 3 s budget) is a line of `npm run bench`, not a unit test.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../../sim/tpm/seed';
import { startTpmSim, type TpmSim } from '../../../sim/tpm/server';
import { simClient } from './sim-helpers';

let sim: TpmSim;
beforeAll(async () => {
  // Latency keeps every request in flight long enough for the next ones to arrive: the peak is then the client's
  // own bound, whatever the machine's load.
  sim = await startTpmSim({ entries: 2_000, latencyMs: 50 });
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.faults.peakInFlight = 0;
});

describe('listing every password', () => {
  it.each([
    ['the default concurrency (8)', undefined, 8],
    ['concurrency 12', 12, 12],
  ])(
    'reads count.json, then every page with %s requests in flight at most, and reaches that bound',
    async (_label, option, concurrency) => {
      const { client, requests } = simClient(sim.url, DEMO_USERS.admin, 'hmac', {
        apiVersion: 'v5',
        concurrency: option,
        timeoutMs: 10_000,
      });
      const items = await client.listPasswords();
      expect(items.length).toBeGreaterThan(1_900);
      expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
      const pages = Math.ceil(items.length / 20);
      const asked = requests.map((r) => new URL(r.url).pathname.replace(/.*\/passwords\//, ''));
      expect(asked[0]).toBe('count.json');
      // Each page once (in parallel, their order is the network's).
      expect(asked.slice(1).sort()).toEqual(Array.from({ length: pages }, (_, i) => `page/${i + 1}.json`).sort());
      expect(sim.faults.peakInFlight).toBe(concurrency);
    },
  );

  it('one page after another (Link headers) has one request in flight at a time', async () => {
    // The archived slice (~60 entries, several pages) keeps the test short.
    const { client, requests } = simClient(sim.url, DEMO_USERS.admin, 'basic', { apiVersion: 'v5', timeoutMs: 10_000 });
    const items = await client.searchPasswords('is:archived', { strategy: 'links' });
    expect(Math.ceil(items.length / 20)).toBeGreaterThan(1);
    expect(requests.length).toBe(Math.ceil(items.length / 20));
    expect(sim.faults.peakInFlight).toBe(1);
  });
});
