/**
 * One-liners for the Firefox end-to-end tests: Firefox ESR driven over WebDriver BiDi (puppeteer-core; Playwright
 * cannot drive a stock Firefox), the built `dist-firefox*` installed as a temporary add-on at a fixed
 * `moz-extension://` origin, its pages in tabs, and the background page reached from one of them.
 *
 * BiDi refuses to navigate a tab to `moz-extension://` URLs, so the first page of ours is opened the way a web page
 * can: `window.open` of a web-accessible page (the in-page menu's) from a page we serve; that tab then navigates
 * itself to the options page, and opens every other page of ours with `tabs.create`. Puppeteer reports the URL of
 * such tabs as `about:blank`: read `location.href` in them instead.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

const root = path.resolve(import.meta.dirname, '../..');
/** The shipped Firefox build (`npm run build:firefox`). */
export const firefoxDist = path.join(root, 'dist-firefox');
/** The Firefox build with the worker's test hooks (`vite build --mode firefox-e2e`). */
export const firefoxE2eDist = path.join(root, 'dist-firefox-e2e');

let firefoxPath: string | undefined;
/** The Firefox to use: FIREFOX_PATH, else whatever test/tools/ensure-firefox.mjs finds (it installs one if it can). */
export function findFirefox(): string {
  firefoxPath ??=
    process.env.FIREFOX_PATH || execFileSync('node', [path.join(root, 'test/tools/ensure-firefox.mjs')], { encoding: 'utf8' }).trim();
  return firefoxPath;
}

export interface FirefoxLaunchOptions {
  /** The build to install: dist-firefox by default. */
  dist?: string;
  /** Host names resolved to 127.0.0.1 (exact names: Firefox's `network.dns.localDomains` has no wildcards). */
  hosts?: string[];
  /** More Firefox preferences. */
  prefs?: Record<string, unknown>;
  /** Show the window (needs a display); headless by default. */
  headed?: boolean;
}

export interface FirefoxSession {
  browser: Browser;
  /** `moz-extension://<uuid>/` */
  origin: string;
  /** Our options page, the first page of ours (opened as described above): requests go through it. */
  ours: Page;
  /** Sends a request to the background as our pages do; resolves with the reply (`{ok, value}` or `{ok: false, …}`). */
  ask<T = any>(kind: string, body: unknown): Promise<{ ok: boolean; value: T; code?: string; message?: string }>;
  /** Opens a page of ours (a path in the build, with its query) in a new tab, once it has loaded. */
  openExtensionPage(pathAndQuery: string): Promise<Page>;
  /** Opens a web page in a new tab. */
  open(url: string): Promise<Page>;
  /**
   * Runs `fn(backgroundWindow, arg)` in our options page, with the background page's window from
   * `runtime.getBackgroundPage()` (which also wakes an unloaded background). `fn` is sent as source: it may use
   * nothing from the test's scope.
   */
  inBackground<R, A>(fn: (bg: any, arg: A) => R | Promise<R>, arg: A): Promise<R>;
  /** The id of the tab whose top frame's detector reported a URL containing `text` (from `storage.session`); 0 until one has. */
  reportedTabId(text: string): Promise<number>;
  close(): Promise<void>;
}

/** The add-on id of a Firefox build, from its manifest. */
function geckoId(dist: string): string {
  const file = path.join(dist, 'manifest.json');
  if (!fs.existsSync(file)) throw new Error(`No build in ${dist}: run npm run build:firefox (or vite build --mode firefox-e2e) first.`);
  return JSON.parse(fs.readFileSync(file, 'utf8')).browser_specific_settings.gecko.id;
}

/** A page that opens the first page of ours (see the module comment). */
async function serveOpener(): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((_req, res) =>
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end('<!doctype html><title>opener</title>'),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}/`,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

/** Waits until a tab of ours shows `href` (or any page of ours) and has loaded. */
async function loaded(page: Page, prefix: string): Promise<Page> {
  await page.waitForFunction((p) => location.href.startsWith(p) && document.readyState === 'complete', { timeout: 20_000 }, prefix);
  return page;
}

/** Launches Firefox with the build installed as a temporary add-on, in a fresh profile. */
export async function launchFirefox(options: FirefoxLaunchOptions = {}): Promise<FirefoxSession> {
  const dist = options.dist ?? firefoxDist;
  const uuid = randomUUID();
  const origin = `moz-extension://${uuid}/`;
  const firefox = await puppeteer.launch({
    browser: 'firefox',
    executablePath: findFirefox(),
    headless: !options.headed,
    // FIREFOX_DUMPIO=1 shows Firefox's own output (script errors of the extension included) when debugging a test.
    dumpio: process.env.FIREFOX_DUMPIO === '1',
    defaultViewport: options.headed ? null : undefined,
    extraPrefsFirefox: {
      // The extension's origin, fixed for this run.
      'extensions.webextensions.uuids': JSON.stringify({ [geckoId(dist)]: uuid }),
      ...(options.hosts?.length ? { 'network.dns.localDomains': options.hosts.join(',') } : {}),
      // Automation cannot click Firefox's permission prompt: with prompts off, Firefox grants what the extension
      // asks for, still only when asked from a user input handler (the rule the options page must follow).
      'extensions.webextOptionalPermissionPrompts': false,
      // Test pages read the clipboard without Firefox's paste menu.
      'dom.events.testing.asyncClipboard': true,
      ...options.prefs,
    },
  });
  const opener = await serveOpener();
  try {
    await firefox.installExtension(dist);
    const first = (await firefox.pages())[0] ?? (await firefox.newPage());
    await first.goto(opener.url);
    const opened = new Promise<Page | null>((resolve) => firefox.once('targetcreated', (t) => resolve(t.page())));
    await first.evaluate((url) => void window.open(url), `${origin}src/ui/inline-menu/index.html`);
    const ours = await loaded((await opened)!, origin);
    await ours.evaluate((url) => void (location.href = url), `${origin}src/ui/options/index.html`);
    await loaded(ours, `${origin}src/ui/options/`);
    await first.close();

    const session: FirefoxSession = {
      browser: firefox,
      origin,
      ours,
      ask: (kind, body) => ours.evaluate((k, b) => chrome.runtime.sendMessage({ kind: k, body: b }), kind, body as never) as never,
      async openExtensionPage(pathAndQuery) {
        const created = new Promise<Page | null>((resolve) => firefox.once('targetcreated', (t) => resolve(t.page())));
        await ours.evaluate((url) => void chrome.tabs.create({ url }), origin + pathAndQuery);
        return loaded((await created)!, origin + pathAndQuery.split('?')[0]);
      },
      async open(url) {
        const page = await firefox.newPage();
        await page.goto(url);
        return page;
      },
      inBackground: (fn, arg) =>
        ours.evaluate(
          `(async () => (${fn.toString()})(await chrome.runtime.getBackgroundPage(), ${JSON.stringify(arg) ?? 'undefined'}))()`,
        ) as never,
      reportedTabId: (text) =>
        ours.evaluate(async (wanted) => {
          const { tabUrls } = await chrome.storage.session.get('tabUrls');
          return Number(Object.entries((tabUrls ?? {}) as Record<string, string>).find(([, url]) => url.includes(wanted))?.[0] ?? 0);
        }, text),
      async close() {
        await firefox.close();
        await opener.close();
      },
    };
    return session;
  } catch (error) {
    await firefox.close().catch(() => undefined);
    await opener.close();
    throw error;
  }
}
