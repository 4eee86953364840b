/**
 * Time from a login page being ready to the first suggestion, and server requests per page view: ours (a local
 * match in the worker, then the field icon) vs the official TPM extension's way (a `passwords/search/access:`
 * query to the server on every page view), both in the same browser against the TPM simulator at 30 ms latency.
 * The budget is the baseline's p95: the suggestion must be on screen before that search could even have answered.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { TpmClient } from '../src/api/tpm/client';
import { launchExtension, servePages } from '../test/e2e/harness';
import { DEMO_USERS } from '../test/sim/tpm/seed';
import { spawnSim } from './spawn-sim';
import { summarise, type BenchResult } from './stats';

const HOST = 'login.bench.test';
const admin = DEMO_USERS.admin;

async function ask(page: Page, kind: string, body: unknown): Promise<any> {
  const reply = await page.evaluate(([k, b]) => chrome.runtime.sendMessage({ kind: k, body: b }), [kind, body] as const);
  if (!reply?.ok) throw new Error(`${kind}: ${reply?.code} ${reply?.message}`);
  return reply.value;
}

export async function benchFirstSuggestion(dist: string, runs: number): Promise<BenchResult[]> {
  const sim = await spawnSim('tpm', ['--entries', '2000', '--latency', '30']);
  const pages = await servePages(path.join(import.meta.dirname, 'pages'));
  const pageUrl = `http://${HOST}:${pages.port}/login.html`;
  const auth = { kind: 'basic' as const, username: admin.username, password: admin.password };
  const client = new TpmClient({ baseUrl: sim.url, auth, fetch: (input, init) => fetch(input, init), apiVersion: 'v5' });
  await client.createPassword(1, { name: 'Bench login', accessInfo: pageUrl, username: 'bench', password: 'Bench-pw-1' });
  const ext = await launchExtension({ dist, hosts: [HOST] });
  try {
    const options = await ext.openOptions();
    await ask(options, 'setPassphrase', { passphrase: 'bench passphrase' });
    await ask(options, 'saveServer', {
      server: {
        kind: 'tpm',
        name: 'Bench TPM',
        baseUrl: sim.url,
        credentials: { kind: 'tpm-basic', username: admin.username, password: admin.password },
      },
    });
    while (!(await ask(options, 'getPopupState', {})).sources[0].lastSyncAt) await options.waitForTimeout(50);

    const ours: number[] = [];
    let requests = 0;
    for (let i = 0; i < runs; i++) {
      const before = await serverRequests(sim.url);
      const page = await ext.context.newPage();
      await page.goto(pageUrl);
      const at = await page.waitForFunction(() => (window as unknown as { suggestedAt?: number }).suggestedAt, undefined, {
        timeout: 10_000,
      });
      const ready = await page.evaluate(() => performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming);
      ours.push(((await at.jsonValue()) as number) - ready.domContentLoadedEventEnd);
      await page.close();
      requests += (await serverRequests(sim.url)) - before;
    }

    // The official extension on each page view: count.json, then page 1 of `access:{host} is:active`, one after the
    // other. Sent from our worker in the same browser, timed there: the round trip alone, before any icon is drawn.
    const search = `${sim.url}/index.php/api/v5/passwords/search/${encodeURIComponent(`access:${HOST} is:active`)}`;
    const authorization = `Basic ${Buffer.from(`${admin.username}:${admin.password}`).toString('base64')}`;
    const baseline: number[] = [];
    const before = await serverRequests(sim.url);
    for (let i = 0; i < runs; i++) {
      baseline.push(
        await ext.inWorker(
          async ([base, auth]) => {
            const start = performance.now();
            for (const path of ['count.json', 'page/1.json']) {
              const res = await fetch(`${base}/${path}`, {
                headers: { Authorization: auth, 'Content-Type': 'application/json; charset=utf-8' },
                cache: 'no-store',
                credentials: 'omit',
              });
              if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
              await res.text();
            }
            return performance.now() - start;
          },
          [search, authorization] as const,
        ),
      );
    }
    const baselineRequests = ((await serverRequests(sim.url)) - before) / runs;
    const roundTrip = summarise('', 'ms', baseline);
    return [
      summarise('time to first suggestion after the page is ready, 30 ms server', 'ms', ours, {
        budget: roundTrip.p95,
        budgetLabel: 'below the server search, p95',
        baseline: roundTrip.p95,
        baselineLabel: 'server search per page view (count + first page) from the worker, p95',
      }),
      {
        name: 'server requests per page view with a login form',
        unit: 'requests',
        median: requests / runs,
        p95: requests / runs,
        budget: 0,
        baseline: baselineRequests,
        baselineLabel: 'server search per page view',
      },
    ];
  } finally {
    await ext.close();
    await pages.close();
    await sim.stop();
  }
}

/** How many requests the simulator has answered so far (its version endpoint does not count itself). */
async function serverRequests(url: string): Promise<number> {
  const res = await fetch(`${url}/sim/requests.json`);
  return ((await res.json()) as { count: number }).count;
}
