/**
 * The built extension in Chromium against a simulator: first sync inside the worker (Chromium's own connection
 * limits), the worker's JS heap after sync, and popup open → first list painted and on screen (the toolbar button's
 * popup, with the worker cold and warm).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchExtension, servePages, type ExtensionSession } from '../test/e2e/harness';
import { attachToTarget, browserSession } from '../test/e2e/toolbar-popup';
import { DEMO_USERS } from '../test/sim/tpm/seed';
import { spawnSim, type SpawnedSim } from './spawn-sim';
import { summarise, type BenchResult } from './stats';

const PASSPHRASE = 'bench passphrase';
const SETTLE_MS = 1000;
const SYNC_POLL_MS = 250;
/** No DevTools traffic for this long after the click: the popup's own mark says when its list was painted. */
const QUIET_MS = 1000;

async function ask<T = any>(page: Page, kind: string, body: unknown): Promise<T> {
  const reply = await page.evaluate(([k, b]) => chrome.runtime.sendMessage({ kind: k, body: b }), [kind, body] as const);
  if (!reply?.ok) throw new Error(`${kind}: ${reply?.code} ${reply?.message}`);
  return reply.value as T;
}

/**
 * Adds the simulator as a server and waits until its first sync is over; returns the time it took: from the request
 * to the worker's own `lastSyncAt` (same clock). Polled slowly: on a 2-core machine, asking every few ms would take
 * CPU from the sync being measured.
 */
async function addServerAndSync(page: Page, sim: SpawnedSim): Promise<number> {
  const admin = DEMO_USERS.admin;
  const start = Date.now();
  const saved = await ask<{ id: string }>(page, 'saveServer', {
    server: { kind: 'tpm', name: 'Bench TPM', baseUrl: sim.url, credentials: { kind: 'tpm-basic', username: admin.username, password: admin.password } },
  });
  for (;;) {
    const state = await ask<{ sources: { id: string; lastSyncAt?: string; lastError?: { message: string } }[] }>(page, 'getPopupState', {});
    const source = state.sources.find((s) => s.id === saved.id)!;
    if (source.lastError) throw new Error(`sync failed: ${source.lastError.message}`);
    if (source.lastSyncAt) return Date.parse(source.lastSyncAt) - start;
    await page.waitForTimeout(SYNC_POLL_MS);
  }
}

/** The worker's used JS heap, after a full garbage collection, through a DevTools session on its target. */
async function workerHeapMb(ext: ExtensionSession): Promise<number> {
  const cdp = await browserSession(ext.context);
  const { targetInfos } = await cdp.send('Target.getTargets');
  const target = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(ext.origin));
  if (!target) throw new Error('no service worker target');
  const worker = await attachToTarget(cdp, target.targetId);
  try {
    await worker.call('HeapProfiler.enable');
    await worker.call('HeapProfiler.collectGarbage');
    const usage = await worker.call<{ usedSize: number }>('Runtime.getHeapUsage');
    return Math.round((usage.usedSize / 2 ** 20) * 10) / 10;
  } finally {
    await worker.detach();
  }
}

/** One popup open, both measured from the popup's navigation start. */
interface PopupTimes {
  /** Its first list painted: the popup's own mark (`firstListMark` of entry-list.tsx), set after that frame. */
  list: number;
  /**
   * That frame on screen: Chromium's first contentful paint, the time its compositor presented the frame (4 ms
   * steps). The popup is shown when its page has loaded, so this includes the window appearing.
   */
  screen: number;
}

/** Clicks the toolbar button on `tab` and returns when the popup's first list was painted and when it reached the screen. */
async function popupPaint(ext: ExtensionSession, tab: Page): Promise<PopupTimes> {
  // Let the work the last popup started (a woken worker loading the cache) end first: it shares the 2 cores.
  await tab.waitForTimeout(SETTLE_MS);
  const popup = await ext.openToolbarPopup(tab, { quietMs: QUIET_MS });
  const list = await popup.waitFor<number>(`performance.getEntriesByName('popup:first-list-painted')[0]?.startTime`);
  const screen = await popup.waitFor<number>(`performance.getEntriesByName('first-contentful-paint')[0]?.startTime`);
  await popup.close();
  return { list, screen };
}

const POPUP = 'src/ui/popup/index.html';
const EMPTY_POPUP = 'bench-empty-popup.html';

/**
 * A copy of the build with an empty popup page beside ours: one line of text and the same mark after its first
 * frame. The same measure on it is what the browser itself costs, the floor no popup can go below on this machine.
 */
function withEmptyPopup(dist: string): { dir: string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-dist-'));
  fs.cpSync(dist, dir, { recursive: true });
  fs.writeFileSync(path.join(dir, EMPTY_POPUP), '<!doctype html><meta charset="utf-8"><title>Empty</title><script type="module" src="/bench-empty-popup.js"></script><p>Empty popup</p>\n');
  fs.writeFileSync(path.join(dir, 'bench-empty-popup.js'), "requestAnimationFrame(() => setTimeout(() => performance.mark('popup:first-list-painted')));\n");
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Which page the toolbar button opens (an extension page can change it). */
async function setPopup(options: Page, popup: string): Promise<void> {
  await options.evaluate((file) => chrome.action.setPopup({ popup: file }), popup);
}

/** Opens a page on the host of a synced entry; returns it once its detector reported it, and its match count. */
async function openSite(ext: ExtensionSession, options: Page, port: number): Promise<{ page: Page; matches: number }> {
  const { entries } = await ask<{ entries: { url?: string }[] }>(options, 'listEntries', { scope: 'all', offset: 0, limit: 1000 });
  const host = entries.map((e) => (e.url ? new URL(e.url).hostname : '')).find((h) => /\.(de|fr|es)$/.test(h));
  if (!host) throw new Error('no entry on a mapped host');
  const site = await ext.context.newPage();
  await site.goto(`http://${host}:${port}/classic.html`);
  for (let tries = 0; tries < 200; tries++) {
    const tabId = await ext.reportedTabId(options, host);
    if (tabId) return { page: site, matches: (await ask<{ site: unknown[] }>(options, 'getFirstScreen', { tabId, limit: 100 })).site.length };
    await options.waitForTimeout(50);
  }
  throw new Error(`the page on ${host} was not reported`);
}

export interface ExtensionBenchOptions {
  dist: string;
  syncRuns: number;
  paintRuns: number;
}

/**
 * `tls` serves the simulator over https with HTTP/2, like a typical production install (Chromium then multiplexes
 * the parallel pages on one connection); without it, plain HTTP/1.1 (Chromium's 6-connections-per-server cap).
 */
export async function benchExtension(entries: number, opts: ExtensionBenchOptions & { tls: boolean }): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const label = entries.toLocaleString('en');
  // The sync line uses a real server's page size (20) and 30 ms latency; bigger vaults are loaded faster for the rest.
  const timedSync = entries <= 10_000;
  const args = ['--entries', String(entries), '--latency', timedSync ? '30' : '0', '--page-size', timedSync ? '20' : '500'];
  const sim = await spawnSim('tpm', opts.tls ? [...args, '--tls'] : args);
  // Playwright reports the worker's network traffic through DevTools unless told not to: an event per request
  // for every one of the sync's 500 pages, CPU taken from the sync it measures (0.7–1.3 s here). Users have no
  // DevTools attached.
  process.env.PLAYWRIGHT_DISABLE_SERVICE_WORKER_NETWORK = '1';
  // Seeded project sites end in these (not HSTS-preloaded: plain http to a mapped host works).
  const build = withEmptyPopup(opts.dist);
  const ext = await launchExtension({ dist: build.dir, hosts: ['*.de', '*.fr', '*.es'], extraArgs: ['--ignore-certificate-errors'] });
  const pages = await servePages();
  try {
    const options = await ext.openOptions();
    await ask(options, 'setPassphrase', { passphrase: PASSPHRASE });
    const syncs: number[] = [];
    for (let i = 0; i < (timedSync ? opts.syncRuns : 1); i++) {
      if (i > 0) for (const s of (await ask<{ sources: { id: string }[] }>(options, 'getPopupState', {})).sources) await ask(options, 'removeServer', { id: s.id });
      syncs.push(await addServerAndSync(options, sim));
    }
    const protocol = opts.tls ? 'https + HTTP/2' : 'plain HTTP/1.1';
    if (timedSync) results.push(summarise(`first sync in the extension, ${label} TPM entries, 30 ms latency, ${protocol}`, 'ms', syncs, opts.tls ? { budget: 3000 } : {}));
    // The sync's end is its lastSyncAt; the popup's first screen is written right after it: measure at rest.
    await options.waitForTimeout(SETTLE_MS);
    results.push({ name: `worker JS heap after sync, ${label} entries`, unit: 'MB', ...twice(await workerHeapMb(ext)), ...(entries <= 10_000 ? { budget: 20 } : {}) });
    if (opts.paintRuns > 0) {
      const site = await openSite(ext, options, pages.port);
      const blank = await ext.context.newPage();
      const cold: PopupTimes[] = [];
      const warm: PopupTimes[] = [];
      const noSite: PopupTimes[] = [];
      const noProcess: PopupTimes[] = [];
      const empty: PopupTimes[] = [];
      for (let i = 0; i < opts.paintRuns; i++) {
        await setPopup(options, EMPTY_POPUP);
        await ext.stopWorker(options);
        empty.push(await popupPaint(ext, site.page));
        await setPopup(options, POPUP);
        await ext.stopWorker(options);
        cold.push(await popupPaint(ext, site.page));
        // Warm: the worker the last popup woke has its cache loaded (100,000 entries take seconds), and is idle.
        await ask(options, 'listEntries', { scope: 'all', offset: 0, limit: 1 });
        warm.push(await popupPaint(ext, site.page));
        await ext.stopWorker(options);
        noSite.push(await popupPaint(ext, blank));
      }
      // As after a while without use: no page of ours open and the worker stopped, so no extension process either.
      await options.close();
      for (let i = 0; i < opts.paintRuns; i++) {
        await ext.stopWorker(site.page);
        noProcess.push(await popupPaint(ext, site.page));
      }
      const list = (runs: PopupTimes[]) => runs.map((r) => r.list);
      const screen = (runs: PopupTimes[]) => runs.map((r) => r.screen);
      const name = `popup open → first list painted, ${label} cached entries`;
      const where = `on a page with ${site.matches} matching entries`;
      const floor = (empties: number[]) => ({ baseline: summarise('', 'ms', empties).median, baselineLabel: 'an empty popup page, median' });
      results.push(summarise(`${name}, worker cold, ${where}`, 'ms', list(cold), { ...floor(list(empty)), ...(entries <= 10_000 ? { budget: 100 } : {}) }));
      results.push(summarise(`${name}, worker warm, ${where}`, 'ms', list(warm)));
      results.push(summarise(`${name}, worker cold, no site`, 'ms', list(noSite)));
      results.push(summarise(`${name}, worker cold, no page of ours open (the extension process starts too), ${where}`, 'ms', list(noProcess)));
      results.push(summarise(`popup open → first paint of an empty popup page (the browser's own floor on this machine)`, 'ms', list(empty)));
      results.push(summarise(`popup open → that first list on screen (Chromium's first contentful paint), ${label} cached entries, worker cold, ${where}`, 'ms', screen(cold), floor(screen(empty))));
    }
  } finally {
    await ext.close();
    await pages.close();
    await sim.stop();
    build.remove();
  }
  return results;
}

function twice(value: number): { median: number; p95: number } {
  return { median: value, p95: value };
}
