/**
 * Micro-benchmarks of the vault core on synthetic data (run: `npx tsx bench/vault-micro.ts`):
 * search per keystroke at 10k and 100k entries (ours, and uFuzzy for comparison), page matching at 10k,
 * and cache write/load at 10k. Numbers are printed, not asserted: budgets live in docs/design.md.
 */
import 'fake-indexeddb/auto';
import uFuzzy from '@leeoniya/ufuzzy';
import { loadAllEntries, openCache, putSourceEntries } from '../src/vault/cache';
import { entryId, type Entry } from '../src/vault/entry';
import { buildMatchIndex, matchPage } from '../src/vault/match';
import { parseEntryUrls } from '../src/vault/parse-entry-urls';
import { createSearchIndex } from '../src/vault/search';

// A fixed-seed generator, so runs compare.
let seed = 42;
function random(): number {
  seed = (seed * 1664525 + 1013904223) >>> 0;
  return seed / 2 ** 32;
}
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

const WORDS = [
  'admin',
  'backup',
  'mail',
  'server',
  'router',
  'firewall',
  'database',
  'portal',
  'jenkins',
  'gitlab',
  'github',
  'grafana',
  'kibana',
  'vpn',
  'wiki',
  'jira',
  'confluence',
  'nas',
  'synology',
  'printer',
  'switch',
  'oracle',
  'postgres',
  'mysql',
  'redis',
  'azure',
  'aws',
  'google',
  'office',
  'exchange',
  'sharepoint',
  'ldap',
  'radius',
  'monitoring',
  'nagios',
  'zabbix',
  'proxmox',
  'vmware',
  'esxi',
  'vcenter',
  'hyperv',
  'docker',
  'kubernetes',
  'harbor',
  'nexus',
  'sonar',
  'vault',
  'bitbucket',
  'slack',
  'teams',
  'zoom',
  'salesforce',
  'hubspot',
  'stripe',
  'paypal',
  'bank',
  'payroll',
  'hr',
  'crm',
  'erp',
  'sap',
  'dynamics',
  'shop',
  'webshop',
  'cms',
  'wordpress',
  'joomla',
  'typo3',
  'drupal',
  'magento',
  'shopware',
  'cloudflare',
  'hetzner',
  'ovh',
  'ionos',
  'strato',
];
const TLDS = ['com', 'de', 'co.uk', 'org', 'net', 'io', 'lan', 'local'];
const PEOPLE = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi', 'ivan', 'judy', 'mallory', 'oscar'];

function makeUrl(i: number): string {
  const r = random();
  if (r < 0.15) return `192.168.${i % 256}.${(i * 7) % 256}${random() < 0.5 ? `:${8000 + (i % 100)}` : ''}`;
  if (r < 0.25) return `${pick(WORDS)}${i % 50}:${5000 + (i % 10)}`;
  if (r < 0.3) return `https://a${i}.example.com, http://10.0.${i % 256}.${i % 200}:8080`;
  const host = `${pick(WORDS)}${random() < 0.5 ? '' : `-${i % 300}`}.${pick(WORDS)}${i % 400}.${pick(TLDS)}`;
  return `https://${host}/${random() < 0.3 ? 'login' : ''}`;
}

function makeEntries(n: number, sourceId = 'tpm-1'): Entry[] {
  return Array.from({ length: n }, (_, i) => ({
    id: entryId(sourceId, 'shared', i),
    sourceId,
    remoteId: i,
    kind: 'shared' as const,
    name: `${pick(WORDS)} ${pick(WORDS)} ${i % 3 === 0 ? i : ''}`.trim(),
    username: `${pick(PEOPLE)}.${pick(WORDS)}`,
    email: random() < 0.3 ? `${pick(PEOPLE)}@${pick(WORDS)}.com` : undefined,
    urls: [makeUrl(i)],
    tags: random() < 0.5 ? [pick(WORDS)] : [],
    projectPath: ['Company', pick(WORDS), pick(WORDS)],
    favorite: random() < 0.02,
    archived: random() < 0.05,
    lockedType: 0 as const,
    customFieldLabels: [],
    hasOtp: false,
  }));
}

/** What a user types: every prefix of a word or two, some with a typo. */
function keystrokes(count: number): string[] {
  const out: string[] = [];
  while (out.length < count) {
    let text = `${pick(WORDS)}${random() < 0.3 ? ` ${pick(WORDS)}` : ''}`;
    if (random() < 0.15 && text.length > 5) text = text.slice(0, 2) + text[3] + text[2] + text.slice(4); // swap
    for (let i = 1; i <= text.length && out.length < count; i++) out.push(text.slice(0, i));
  }
  return out;
}

function stats(times: number[]): string {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  const mean = times.reduce((s, t) => s + t, 0) / times.length;
  const ms = (value: number) => `${value.toFixed(3)} ms`;
  return `p50 ${ms(at(0.5))}  p95 ${ms(at(0.95))}  max ${ms(at(1))}  mean ${ms(mean)}  (n=${times.length})`;
}

const gc = (globalThis as { gc?: () => void }).gc;

/** Live JS heap plus typed-array buffers after a full collection (with `--expose-gc`), so garbage does not count. */
function heapUsed(): number {
  gc?.();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

function time<T>(fn: () => T): [T, number] {
  const t0 = performance.now();
  const value = fn();
  return [value, performance.now() - t0];
}

function benchSearch(n: number): void {
  const entries = makeEntries(n);
  // Three copies are kept alive and the heap growth divided by three, to rise above measurement noise.
  const heapBefore = heapUsed();
  const copies = [0, 1, 2].map(() =>
    time(() => {
      const idx = createSearchIndex();
      idx.replaceSource('tpm-1', entries);
      return idx;
    }),
  );
  const heapMb = (heapUsed() - heapBefore) / 3 / 2 ** 20;
  const [index, buildMs] = copies[0]!;
  copies.length = 1;
  const queries = keystrokes(2000);
  const boost = new Set([entries[1]!.id, entries[2]!.id]);
  for (const q of queries.slice(0, 200)) index.search(q, { boost, limit: 50 }); // warm-up
  const times = queries.map((q) => time(() => index.search(q, { boost, limit: 50 }))[1]);
  const heap = gc ? `${heapMb.toFixed(1)} MB heap` : 'heap n/a (run with --expose-gc)';
  console.log(`search ours    ${String(n).padStart(6)} entries: build ${buildMs.toFixed(0)} ms, ${heap}; ${stats(times)}`);

  // uFuzzy over one string per entry with the same fields, filter + info + sort as its docs recommend.
  const haystack = entries.map((e) =>
    [e.name, e.username, e.email, ...e.urls.flatMap((u) => parseEntryUrls(u).map((p) => p.host)), ...e.tags, ...e.projectPath].join(' '),
  );
  const uf = new uFuzzy({ intraMode: 1 });
  for (const q of queries.slice(0, 200)) uf.search(haystack, q, 0, 1000);
  const ufTimes = queries.map((q) => time(() => uf.search(haystack, q, 0, 1000))[1]);
  console.log(`search uFuzzy  ${String(n).padStart(6)} entries: ${stats(ufTimes)}`);
}

function benchMatch(n: number): void {
  const entries = makeEntries(n);
  const [index, buildMs] = time(() => buildMatchIndex(entries, { defaultStrategy: 'domain' }));
  const pages = Array.from({ length: 2000 }, (_, i) => {
    const u = parseEntryUrls(entries[(i * 37) % n]!.urls[0]!)[0];
    return i % 4 === 0 || !u?.href ? `https://unknown${i}.example.org/login` : `${u.href}${i % 3 === 0 ? 'sub/page' : ''}`;
  });
  for (const p of pages.slice(0, 200)) matchPage(index, p);
  let found = 0;
  const times = pages.map((p) => {
    const [matches, ms] = time(() => matchPage(index, p));
    if (matches.length > 0) found++;
    return ms;
  });
  console.log(
    `match          ${String(n).padStart(6)} entries: build ${buildMs.toFixed(0)} ms; ${stats(times)}; ` +
      `pages with a match ${found}/${pages.length}`,
  );
}

async function benchCache(n: number): Promise<void> {
  const entries = makeEntries(n);
  const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
  const db = await openCache(`bench-${Date.now()}`);
  const t0 = performance.now();
  await putSourceEntries(db, key, 'tpm-1', entries);
  const t1 = performance.now();
  const reads: number[] = [];
  for (let i = 0; i < 5; i++) {
    const s = performance.now();
    await db.getAll('entries');
    reads.push(performance.now() - s);
  }
  const loads: number[] = [];
  for (let i = 0; i < 5; i++) {
    const s = performance.now();
    const all = await loadAllEntries(db, key);
    loads.push(performance.now() - s);
    if (all.get('tpm-1')?.length !== n) throw new Error('cache lost entries');
  }
  db.close();
  console.log(
    `cache          ${String(n).padStart(6)} entries (fake-indexeddb): write ${(t1 - t0).toFixed(0)} ms; ` +
      `load+decrypt+validate ${stats(loads)}; of which the raw IndexedDB read ${stats(reads)}`,
  );
}

benchSearch(10_000);
benchSearch(100_000);
benchMatch(10_000);
await benchCache(10_000);
