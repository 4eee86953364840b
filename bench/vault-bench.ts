/** Budgets measured on the vault code itself in Node: full sync against the simulators, search, matching. */
import { SyspassClient } from '../src/api/syspass/client';
import type { Entry } from '../src/vault/entry';
import { buildMatchIndex, matchPage } from '../src/vault/match';
import { createSearchIndex } from '../src/vault/search';
import { TopK } from '../src/vault/top-k';
import { SyspassSource } from '../src/vault/syspass-source';
import { TPM_SYNC_CONCURRENCY, TpmSource } from '../src/vault/tpm-source';
import { DEMO_AUTH_TOKEN, DEMO_TOKEN_PASS } from '../test/sim/syspass/seed';
import { startTpmSim } from '../test/sim/tpm/server';
import { spawnSim } from './spawn-sim';
import { summarise, type BenchResult } from './stats';
import { tpmAdmin } from '../test/tpm-admin';

const fetchFn = (input: string, init: RequestInit) => fetch(input, init);
const LATENCY_MS = 30;

async function timed<T>(task: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await task();
  return { ms: performance.now() - start, value };
}

/**
 * Full TPM sync at 30 ms per request in Node: bounded parallel pages, as the extension does (ours), vs one page after
 * another, each the median of its runs. No budget: the product is the sync inside the extension (extension-bench).
 */
export async function benchTpmSync(entries: number, runs: number, baselineRuns: number): Promise<BenchResult> {
  const sim = await spawnSim('tpm', ['--entries', String(entries), '--latency', String(LATENCY_MS)]);
  try {
    const source = (concurrency: number) => new TpmSource('bench', tpmAdmin(sim.url, { concurrency }));
    const ours: number[] = [];
    let count = 0;
    for (let i = 0; i < runs; i++) {
      const run = await timed(() => source(TPM_SYNC_CONCURRENCY).list());
      ours.push(run.ms);
      count = run.value.entries.length;
    }
    const baseline: number[] = [];
    for (let i = 0; i < baselineRuns; i++) baseline.push((await timed(() => source(1).list())).ms);
    return summarise(`first sync in Node, ${entries.toLocaleString('en')} TPM entries (${count} read), 30 ms latency`, 'ms', ours, {
      baseline: summarise('', 'ms', baseline).median,
      baselineLabel: `one page after another, median of ${baselineRuns}`,
    });
  } finally {
    await sim.stop();
  }
}

/** sysPass lists every account in one call (count 0). */
export async function benchSyspassSync(accounts: number, runs: number): Promise<BenchResult> {
  const sim = await spawnSim('syspass', ['--accounts', String(accounts), '--latency', String(LATENCY_MS)]);
  try {
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) {
      const client = new SyspassClient({ baseUrl: sim.url, authToken: DEMO_AUTH_TOKEN, tokenPassword: DEMO_TOKEN_PASS, fetch: fetchFn });
      samples.push((await timed(() => new SyspassSource('bench', client, sim.url).list())).ms);
    }
    return summarise(`first sync, ${accounts.toLocaleString('en')} sysPass accounts, 30 ms latency`, 'ms', samples);
  } finally {
    await sim.stop();
  }
}

/** Realistic entries: the TPM simulator's seed, read through the real client (no latency). */
export async function seededEntries(count: number): Promise<Entry[]> {
  const sim = await startTpmSim({ entries: count, pageSize: 500 });
  try {
    const client = tpmAdmin(sim.url, { concurrency: 8 });
    return (await new TpmSource('bench', client).list()).entries;
  } finally {
    await sim.close();
  }
}

/** What a user types: growing prefixes of words from entry names and hosts, plus a few typos. */
function keystrokes(entries: readonly Entry[], count: number): string[] {
  const out: string[] = [];
  for (let i = 0; out.length < count; i = (i + 7919) % entries.length) {
    const word = (entries[i].name.split(/\s+/)[0] ?? 'a').toLowerCase();
    for (let n = 1; n <= Math.min(word.length, 6); n++) out.push(word.slice(0, n));
    if (word.length > 4) out.push(`${word.slice(0, 2)}${word[3]}${word[2]}${word.slice(4)}`); // swapped letters
  }
  return out.slice(0, count);
}

const LIMIT = 50;

/**
 * One keystroke's search: ours (the index) vs a linear substring scan over every entry's fields. Both are built
 * before timing (our index; the scan's lower-cased texts and name order), warmed up on the same 50 queries, and
 * keep the first 50 hits by the same top-k selection (the scan's by name, our index's by score and name).
 */
export function benchSearch(entries: readonly Entry[]): BenchResult {
  const index = createSearchIndex();
  index.replaceSource('bench', entries);
  const queries = keystrokes(entries, 600);
  const haystack = entries.map((e) =>
    [e.name, e.username ?? '', e.email ?? '', ...e.urls, ...e.tags, ...e.projectPath].join(' ').toLowerCase(),
  );
  const byName = entries.map((_, i) => i).sort((a, b) => entries[a].name.localeCompare(entries[b].name));
  const nameRank = new Int32Array(entries.length);
  byName.forEach((entry, rank) => (nameRank[entry] = rank));
  const scan = (q: string) => {
    const needle = q.toLowerCase();
    const top = new TopK(LIMIT);
    for (let i = 0; i < haystack.length; i++) if (haystack[i].includes(needle)) top.offer(haystack.length - nameRank[i], i, 0);
    return top.drain();
  };
  const timed = (search: (q: string) => unknown) => {
    for (const q of queries.slice(0, 50)) search(q); // warm up the JIT
    return queries.map((q) => {
      const start = performance.now();
      search(q);
      return performance.now() - start;
    });
  };
  const ours = timed((q) => index.search(q, { limit: LIMIT }));
  const linear = timed(scan);
  const n = entries.length;
  return summarise(`search, one keystroke, ${n.toLocaleString('en')} entries`, 'ms', ours, {
    budget: n <= 10_000 ? 2 : 15,
    baseline: summarise('', 'ms', linear).p95,
    baselineLabel: 'linear substring scan, p95',
  });
}

/** Page → entries with the prebuilt index, for the URLs of the entries themselves and unknown sites. */
export function benchMatch(entries: readonly Entry[]): BenchResult {
  const index = buildMatchIndex(entries, { defaultStrategy: 'domain' });
  const pages: string[] = [];
  for (let i = 0; i < entries.length && pages.length < 1000; i += 9) {
    const url = entries[i].urls[0];
    if (url) pages.push(/^https?:\/\//.test(url) ? url.split(',')[0].trim() : `http://${url.split(',')[0].trim()}/login`);
  }
  for (let i = 0; i < 200; i++) pages.push(`https://unknown-${i}.example.org/login`);
  for (const p of pages.slice(0, 50)) matchPage(index, p);
  const samples = pages.map((p) => {
    const start = performance.now();
    matchPage(index, p);
    return performance.now() - start;
  });
  return summarise(`match a page, ${entries.length.toLocaleString('en')} entries`, 'ms', samples, { budget: 1 });
}
