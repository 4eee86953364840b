/**
 * The Firefox lines beside Chromium's: the Firefox build in Firefox ESR (puppeteer over WebDriver BiDi) against the
 * TPM simulator at 30 ms latency. The same methods where Firefox allows them (bytes injected per page; page ready →
 * our icon, read by the page itself); the popup's first list is the same mark of the popup page, but opened in a tab
 * (automation cannot click Firefox's toolbar button), so its line says so. Main-thread time per page has no Firefox
 * line: BiDi offers no per-task timing like Chromium's traces, and a wall-clock difference on a shared VM is noise.
 */
import path from 'node:path';
import { TpmClient } from '../src/api/tpm/client';
import { servePages } from '../test/e2e/harness';
import { firefoxDist, launchFirefox } from '../test/e2e-firefox/harness';
import { until } from '../test/e2e-firefox/page-helpers';
import { DEMO_USERS } from '../test/sim/tpm/seed';
import { benchContentBytes } from './page-bench';
import { spawnSim } from './spawn-sim';
import { summarise, type BenchResult } from './stats';

const HOST = 'login.bench.test';
const FIRST_LIST = 'popup:first-list-painted'; // src/ui/popup/entry-list.tsx: firstListMark

export async function benchFirefox(entries: number, runs: number): Promise<BenchResult[]> {
  const bytes = benchContentBytes(firefoxDist).map((r) => ({ ...r, name: `Firefox: ${r.name}` }));
  const sim = await spawnSim('tpm', ['--entries', String(entries), '--latency', '30']);
  const pages = await servePages(path.join(import.meta.dirname, 'pages'));
  const pageUrl = `http://${HOST}:${pages.port}/login.html`;
  const admin = DEMO_USERS.admin;
  const auth = { kind: 'basic' as const, username: admin.username, password: admin.password };
  const client = new TpmClient({ baseUrl: sim.url, auth, fetch: (input, init) => fetch(input, init), apiVersion: 'v5' });
  await client.createPassword(1, { name: 'Bench login', accessInfo: pageUrl, username: 'bench', password: 'Bench-pw-1' });
  const ff = await launchFirefox({ hosts: [HOST] });
  try {
    const ask = async (kind: string, body: unknown) => {
      const reply = await ff.ask(kind, body);
      if (!reply.ok) throw new Error(`${kind}: ${reply.code} ${reply.message}`);
      return reply.value;
    };
    await ask('setPassphrase', { passphrase: 'bench passphrase' });
    await ask('saveServer', {
      server: {
        kind: 'tpm',
        name: 'Bench TPM',
        baseUrl: sim.url,
        credentials: { kind: 'tpm-basic', username: auth.username, password: auth.password },
      },
    });
    await until(async () => (await ask('getPopupState', {})).sources[0].lastSyncAt, Boolean, 'the first sync', 120_000);

    const suggestion: number[] = [];
    const popup: number[] = [];
    for (let i = 0; i < runs; i++) {
      const page = await ff.open(pageUrl);
      const at = await page.waitForFunction(() => (window as unknown as { suggestedAt?: number }).suggestedAt, { timeout: 10_000 });
      const ready = await page.evaluate(
        () => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domContentLoadedEventEnd,
      );
      suggestion.push(((await at.jsonValue()) as number) - ready);
      const tabId = await until(
        () => ff.reportedTabId(HOST),
        (id) => id > 0,
        'the page report',
      );
      const tab = await ff.openExtensionPage(`src/ui/popup/index.html?tab=${tabId}`);
      const mark = await tab.waitForFunction((name) => performance.getEntriesByName(name)[0]?.startTime, { timeout: 10_000 }, FIRST_LIST);
      popup.push((await mark.jsonValue()) as number);
      await Promise.all([tab.close(), page.close()]);
    }
    return [
      ...bytes,
      summarise('Firefox: time to first suggestion after the page is ready, 30 ms server', 'ms', suggestion),
      summarise(
        `Firefox: popup page (in a tab) → first list painted, ${entries.toLocaleString('en')} cached entries, on a page with a match`,
        'ms',
        popup,
      ),
    ];
  } finally {
    await ff.close();
    await pages.close();
    await sim.stop();
  }
}
