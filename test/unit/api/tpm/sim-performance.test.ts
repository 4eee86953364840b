/**
 * Design budget: a first full sync of 10,000 TPM entries with 30 ms server latency in ≤ 3 s, because pages are
 * read in parallel (bounded), taking about (pages ÷ concurrency) × latency instead of pages × latency.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../../sim/tpm/seed';
import { startTpmSim, type TpmSim } from '../../../sim/tpm/server';
import { simClient } from './sim-helpers';

const LATENCY = 30;
let sim: TpmSim;
beforeAll(async () => {
  // ~3 % of generated entries are archived; 10,400 leave over 10,000 active ones.
  sim = await startTpmSim({ entries: 10_400, latencyMs: LATENCY });
});
afterAll(() => sim.close());

async function timedList(concurrency: number | undefined) {
  const { client, requests } = simClient(sim.url, DEMO_USERS.admin, 'hmac', { apiVersion: 'v5', concurrency, timeoutMs: 5_000 });
  const started = performance.now();
  const items = await client.listPasswords();
  return { items, ms: performance.now() - started, requests: requests.length };
}

describe('listing 10,000 passwords with 30 ms latency per request', () => {
  it.each([
    ['the default concurrency (8)', undefined, 8],
    ['concurrency 12', 12, 12],
  ])('takes about (pages ÷ concurrency) × latency with %s, not pages × latency', async (_label, option, concurrency) => {
    const { items, ms, requests } = await timedList(option);
    expect(items.length).toBeGreaterThanOrEqual(10_000);
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
    const pages = Math.ceil(items.length / 20);
    expect(requests).toBe(pages + 1);
    const ideal = (1 + Math.ceil(pages / concurrency)) * LATENCY;
    const sequential = (pages + 1) * LATENCY;
    console.info(`[tpm perf] ${items.length} passwords, ${pages} pages, concurrency ${concurrency}: ${Math.round(ms)} ms (ideal ${ideal} ms, sequential would be ≥ ${sequential} ms)`);
    expect(ms).toBeGreaterThanOrEqual(ideal * 0.95);
    // Client and simulator share one thread here, so each request's CPU time adds up; the slack allows for it.
    expect(ms).toBeLessThan(ideal * 2 + 500);
    expect(ms).toBeLessThan(sequential / 3);
  });

  it('one page after another (Link headers) costs pages × latency', async () => {
    // The archived slice (~300 entries) keeps the test short; the cost per page is what matters.
    const { client } = simClient(sim.url, DEMO_USERS.admin, 'basic', { apiVersion: 'v5', timeoutMs: 5_000 });
    const query = 'is:archived';
    const started = performance.now();
    const items = await client.searchPasswords(query, { strategy: 'links' });
    const ms = performance.now() - started;
    const pages = Math.ceil(items.length / 20);
    expect(pages).toBeGreaterThan(10);
    console.info(`[tpm perf] sequential: ${items.length} passwords, ${pages} pages: ${Math.round(ms)} ms (${(ms / pages).toFixed(1)} ms per page)`);
    expect(ms).toBeGreaterThanOrEqual(pages * LATENCY * 0.95);
  });
});
