/** One-liners for end-to-end tests: Chromium with the built extension, its pages, local web pages, the worker. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { distDir } from '../builds';
import { openToolbarPopup, type OpenPopupOptions, type ToolbarPopup } from './toolbar-popup';

const root = path.resolve(import.meta.dirname, '../..');

let chromiumPath: string | undefined;
/** The Chromium to use: CHROMIUM_PATH, else whatever test/tools/ensure-chromium.mjs finds (it installs one if it can). */
export function findChromium(): string {
  chromiumPath ??=
    process.env.CHROMIUM_PATH || execFileSync('node', [path.join(root, 'test/tools/ensure-chromium.mjs')], { encoding: 'utf8' }).trim();
  return chromiumPath;
}

export interface ExtensionSession {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  /** `chrome-extension://<id>/` */
  origin: string;
  /** The temporary profile folder (removed by close). */
  profileDir: string;
  /** The welcome page the install opened, with `keepWelcome`. */
  welcomePage?: Page;
  /** Opens the popup page in a tab (a Playwright page; `?tab=<id>` names the tab it acts on). */
  openPopup(query?: string): Promise<Page>;
  /** Clicks the toolbar button on `tab` (made the active tab): the real popup, driven through DevTools. */
  openToolbarPopup(tab: Page, options?: OpenPopupOptions): Promise<ToolbarPopup>;
  openOptions(): Promise<Page>;
  /** Runs a function in the service worker (for context menus and commands Playwright cannot click). */
  inWorker<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  /** The current worker (it changes after the worker is stopped and restarted). */
  currentWorker(): Promise<Worker>;
  /** Stops the service worker, as Chromium does when it is idle (through a DevTools session of `page`). */
  stopWorker(page: Page): Promise<void>;
  /**
   * The id of the tab whose top frame's detector reported a URL containing `text` (kept in `storage.session`, read
   * from one of our pages); 0 until one has.
   */
  reportedTabId(page: Page, text: string): Promise<number>;
  close(): Promise<void>;
}

export interface LaunchOptions {
  /** Host names to map to 127.0.0.1, e.g. ['nas', '*.example.test'] (the port stays the one served on). */
  hosts?: string[];
  extraArgs?: string[];
  dist?: string;
  /** Show the browser window (needs a display); headless by default. */
  headed?: boolean;
  /** Keep the welcome page a fresh profile opens on install (closed otherwise, so a test's own tab stays the active one). */
  keepWelcome?: boolean;
}

/** The flags every launch uses: no traffic beyond loopback, no first-run work. */
function chromiumArgs(extra: string[]): string[] {
  return [
    '--no-sandbox',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
    '--disable-gpu',
    ...extra,
  ];
}

/** Chromium headless without any extension, in a fresh profile: the "extension off" baseline of benchmarks. */
export async function launchPlainBrowser(extraArgs: string[] = []): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'plain-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: findChromium(),
    headless: true,
    args: chromiumArgs(extraArgs),
  });
  return {
    context,
    close: async () => {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Launches Chromium headless with the built extension loaded in a fresh profile. */
export async function launchExtension(options: LaunchOptions = {}): Promise<ExtensionSession> {
  const dist = options.dist ?? distDir;
  if (!fs.existsSync(path.join(dist, 'manifest.json')))
    throw new Error(`No build in ${dist}: the e2e project's global setup makes it (npm run build for the bench).`);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'ext-e2e-'));
  const hostRules = (options.hosts ?? []).map((h) => `MAP ${h} 127.0.0.1`).join(', ');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: findChromium(),
    headless: !options.headed,
    viewport: options.headed ? null : undefined,
    args: chromiumArgs([
      `--disable-extensions-except=${dist}`,
      `--load-extension=${dist}`,
      // Lets DevTools click the toolbar button (openToolbarPopup).
      '--enable-unsafe-extension-debugging',
      ...(hostRules ? [`--host-resolver-rules=${hostRules}`] : []),
      ...(options.extraArgs ?? []),
    ]),
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  const origin = `chrome-extension://${extensionId}/`;
  const welcomePage = await installWelcomePage(context, origin);
  if (!options.keepWelcome) await welcomePage.close();
  const currentWorker = async () =>
    context.serviceWorkers().find((w) => w.url().startsWith(origin)) ?? (await context.waitForEvent('serviceworker'));
  const openPage = async (url: string) => {
    const page = await context.newPage();
    await page.goto(url);
    return page;
  };
  return {
    context,
    worker,
    extensionId,
    origin,
    profileDir: profile,
    welcomePage: options.keepWelcome ? welcomePage : undefined,
    openPopup: (query = '') => openPage(`${origin}src/ui/popup/index.html${query}`),
    openToolbarPopup: (tab: Page, options?: OpenPopupOptions) => openToolbarPopup(context, extensionId, tab, options),
    openOptions: () => openPage(`${origin}src/ui/options/index.html`),
    inWorker: async <R, A>(fn: (arg: A) => R | Promise<R>, arg: A) => (await currentWorker()).evaluate<R, A>(fn as never, arg),
    currentWorker,
    stopWorker: async (page: Page) => {
      const cdp = await context.newCDPSession(page);
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
      await cdp.detach();
    },
    reportedTabId: (page: Page, text: string) =>
      page.evaluate(async (wanted) => {
        const { tabUrls } = await chrome.storage.session.get('tabUrls');
        return Number(Object.entries((tabUrls ?? {}) as Record<string, string>).find(([, url]) => url.includes(wanted))?.[0] ?? 0);
      }, text),
    close: async () => {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The tab the worker opens on install (runtime.onInstalled): every fresh profile gets one, within seconds. */
async function installWelcomePage(context: BrowserContext, origin: string): Promise<Page> {
  const url = `${origin}src/ui/welcome/index.html`;
  for (const deadline = Date.now() + 20_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 50))) {
    const page = context.pages().find((p) => p.url() === url);
    if (page) return page;
  }
  throw new Error('The extension did not open its welcome page on install.');
}

export interface PageServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  close(): Promise<void>;
}

const types: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css' };

/** Serves a folder of test pages (default test/pages) on 127.0.0.1 and a free port. */
export async function servePages(dir = path.join(root, 'test/pages'), port = 0): Promise<PageServer> {
  const server = http.createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = path.join(dir, pathname.endsWith('/') ? `${pathname}index.html` : pathname);
    if (!file.startsWith(dir) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'Content-Type': types[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const actual = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${actual}`,
    port: actual,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
