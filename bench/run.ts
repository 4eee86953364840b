/**
 * `npm run bench`: measures every budget of docs/design.md on the built extension and the simulators, next to
 * the way existing clients do it; prints a table, writes bench/results.json, exits 1 when a budget is missed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { distDir } from '../test/builds';
import { benchExtension } from './extension-bench';
import { benchFirefox } from './firefox-bench';
import { benchContentBytes, benchHugePages, benchPageCost } from './page-bench';
import { benchFirstSuggestion } from './suggestion-bench';
import { benchServerLoad } from './server-load-bench';
import { formatTable, meetsBudget, type BenchResult } from './stats';
import { benchMatch, benchSearch, benchSyspassSync, benchTpmSync, seededEntries } from './vault-bench';

const quick = process.argv.includes('--quick');
const results: BenchResult[] = [];
const step = async (label: string, run: () => Promise<BenchResult | BenchResult[]>) => {
  const started = performance.now();
  process.stdout.write(`… ${label}`);
  const out = await run();
  results.push(...(Array.isArray(out) ? out : [out]));
  process.stdout.write(` (${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
};

const machine =
  `${os.cpus()[0]?.model ?? 'unknown CPU'} × ${os.cpus().length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ` +
  `${os.platform()} ${os.release()}, Node ${process.version}`;
console.log(`Machine: ${machine}`);

await step('content script bytes', async () => benchContentBytes(distDir));
await step('page cost, extension on vs off', () => benchPageCost(distDir, quick ? 3 : 10));
await step('page cost on huge pages, traced', () => benchHugePages(distDir, quick ? 3 : 10));
await step('time to first suggestion, ours vs a server search per page', () => benchFirstSuggestion(distDir, quick ? 3 : 10));
await step('first sync in Node, 10,000 TPM entries', () => benchTpmSync(10_000, quick ? 1 : 5, quick ? 1 : 3));
if (!quick) await step('first sync in Node, 50,000 TPM entries', () => benchTpmSync(50_000, 3, 1));
await step('first sync, 10,000 sysPass accounts', () => benchSyspassSync(10_000, quick ? 1 : 5));
const tenK = await seededEntries(10_000);
await step('server requests per user-day and freshness, simulated clock', () => benchServerLoad());
await step('search, 10,000 entries', async () => benchSearch(tenK));
await step('match, 10,000 entries', async () => benchMatch(tenK));
const hundredK = await seededEntries(100_000);
await step('search, 100,000 entries', async () => benchSearch(hundredK));
await step('extension, 10,000 entries, https + HTTP/2', () =>
  benchExtension(10_000, { dist: distDir, syncRuns: quick ? 1 : 3, paintRuns: quick ? 3 : 20, tls: true }),
);
await step('extension, 10,000 entries, plain HTTP/1.1', () =>
  benchExtension(10_000, { dist: distDir, syncRuns: quick ? 1 : 3, paintRuns: 0, tls: false }),
);
await step('extension, 100,000 entries', () =>
  benchExtension(100_000, { dist: distDir, syncRuns: 1, paintRuns: quick ? 2 : 10, tls: false }),
);
await step('Firefox: content script, first suggestion, popup first list', () => benchFirefox(10_000, quick ? 3 : 10));

console.log(`\n${formatTable(results)}\n`);
const out = path.join(import.meta.dirname, 'results.json');
fs.writeFileSync(out, `${JSON.stringify({ machine, date: new Date().toISOString(), results }, null, 2)}\n`);
console.log(`Written to ${path.relative(process.cwd(), out)}`);
const missed = results.filter((r) => !meetsBudget(r));
if (missed.length > 0) {
  console.error(`Budgets missed: ${missed.map((r) => r.name).join('; ')}`);
  process.exit(1);
}
