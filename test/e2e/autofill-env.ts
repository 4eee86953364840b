/**
 * Shared setup of the autofill e2e suites: the e2e build (with the worker's test hooks), test pages on two http
 * origins and one https origin (self-signed certificate made with openssl at test time), Chromium with host
 * names mapped to 127.0.0.1, and an in-memory vault installed in the worker.
 */
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { e2eDist } from '../builds';
import { selfSignedCert } from '../sim/tls';
import { launchExtension, servePages, type ExtensionSession, type PageServer } from './harness';
import type { TestEntry, TestVault } from '../../src/background/autofill/test-hooks';
import type { FrameRecord } from '../../src/background/autofill/records';

const root = path.resolve(import.meta.dirname, '../..');
const pagesDir = path.join(root, 'test/pages');

async function serveHttps(): Promise<PageServer> {
  const server = https.createServer(selfSignedCert(['secure.acme.test']), (req, res) => {
    const file = path.join(pagesDir, new URL(req.url ?? '/', 'https://x').pathname);
    if (!file.startsWith(pagesDir) || !fs.existsSync(file) || !fs.statSync(file).isFile()) return void res.writeHead(404).end();
    res
      .writeHead(200, { 'Content-Type': file.endsWith('.js') ? 'text/javascript' : 'text/html; charset=utf-8' })
      .end(fs.readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return { url: `https://127.0.0.1:${port}`, port, close: () => new Promise((r) => server.close(() => r())) };
}

export interface AutofillEnv {
  ext: ExtensionSession;
  /** http://login.acme.test:P1 and friends: page URL builders per origin. */
  acme(page: string, host?: string): string;
  partner(page: string): string;
  attacker(page: string): string;
  secure(page: string): string;
  nas(page: string): string;
  entries: TestEntry[];
  setVault(vault: Partial<TestVault>): Promise<void>;
  open(url: string): Promise<Page>;
  /** Waits until the detector in the frame at `url` reported a login form; returns the worker's record. */
  detected(url: string | RegExp): Promise<FrameRecord>;
  command(cmd: 'fill-best-match' | 'open-inline-menu', tabId: number): Promise<void>;
  /** The inline menu frame of a page, once it shows its list (or its "nothing here" note). */
  menuFrame(page: Page): Promise<Frame>;
  close(): Promise<void>;
}

export async function startAutofillEnv(): Promise<AutofillEnv> {
  const [one, two, tls] = await Promise.all([servePages(pagesDir), servePages(pagesDir), serveHttps()]);
  const ext = await launchExtension({
    dist: e2eDist,
    hosts: ['*.acme.test', '*.partner.test', '*.attacker.test', 'nas'],
    extraArgs: ['--ignore-certificate-errors'],
  });
  const entries: TestEntry[] = [
    {
      id: 'alice',
      name: 'Acme Alice',
      urls: [`http://login.acme.test:${one.port}`],
      username: 'alice@acme.test',
      password: 'Al1ce-secret!',
      otp: '314159',
    },
    { id: 'bob', name: 'Acme Bob', urls: [`login.acme.test:${one.port}`], username: 'bob', password: 'B0b-secret' },
    { id: 'nas', name: 'NAS', urls: [`nas:${one.port}`], username: 'admin', password: 'nas-Pa55' },
    {
      id: 'partner',
      name: 'Partner SSO',
      urls: [`http://sso.partner.test:${two.port}`],
      username: 'alice.partner',
      password: 'Partner-pw',
    },
    { id: 'secure', name: 'Secure', urls: [`https://secure.acme.test:${tls.port}`], username: 'sec', password: 'Sec-pw' },
    { id: 'shop', name: 'Shop', urls: [`https://shop.acme.test:${one.port}`], username: 'shopper', password: 'Shop-pw' },
    { id: 'app', name: 'App', urls: [`http://apps.acme.test:${one.port}/app/`], username: 'appuser', password: 'App-pw' },
  ];
  const env: AutofillEnv = {
    ext,
    entries,
    acme: (page, host = 'login') => `http://${host}.acme.test:${one.port}/${page}`,
    partner: (page) => `http://sso.partner.test:${two.port}/${page}`,
    attacker: (page) => `http://evil.attacker.test:${two.port}/${page}`,
    secure: (page) => `https://secure.acme.test:${tls.port}/${page}`,
    nas: (page) => `http://nas:${one.port}/${page}`,
    async setVault(vault) {
      await ext.inWorker(
        (v) => (globalThis as never as { autofillTest: { setVault(v: unknown): Promise<void> } }).autofillTest.setVault(v),
        {
          entries,
          ...vault,
        },
      );
    },
    async open(url) {
      // Forget earlier reports, so `detected` finds this page's frames, not an earlier page's with the same URL.
      await ext.inWorker(
        () => (globalThis as never as { autofillTest: { clearFrames(): Promise<void> } }).autofillTest.clearFrames(),
        undefined,
      );
      const page = await ext.context.newPage();
      await page.goto(url);
      return page;
    },
    async detected(url) {
      const test = (u: string) => (typeof url === 'string' ? u === url : url.test(u));
      let found: FrameRecord | undefined;
      const deadline = Date.now() + 10_000;
      while (!found && Date.now() < deadline) {
        const frames = await ext.inWorker(
          () => (globalThis as never as { autofillTest: { allFrames(): Promise<FrameRecord[]> } }).autofillTest.allFrames(),
          undefined,
        );
        found = frames.find((f) => test(f.url));
        if (!found) await new Promise((r) => setTimeout(r, 100));
      }
      if (!found) throw new Error(`No login form reported for ${url}`);
      return found;
    },
    async command(cmd, tabId) {
      await ext.inWorker(
        ([c, t]) =>
          (globalThis as never as { autofillTest: { runCommand(c: string, t: number): Promise<void> } }).autofillTest.runCommand(c, t),
        [cmd, tabId] as const,
      );
    },
    menuFrame: inlineMenuFrame,
    async close() {
      await ext.close();
      await Promise.all([one.close(), two.close(), tls.close()]);
    },
  };
  await env.setVault({});
  return env;
}

/** The inline menu frame of a page (in any of its frames), once it shows its list (or its "nothing here" note). */
export async function inlineMenuFrame(page: Page): Promise<Frame> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const frame = page.frames().find((f) => f.url().includes('/src/ui/inline-menu/'));
    if (
      frame &&
      (await frame
        .locator('.menu-head, .menu-note')
        .count()
        .catch(() => 0)) > 0
    )
      return frame;
    if (Date.now() > deadline) throw new Error('The inline menu did not appear.');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** What a frame's page script received (values that came with input events). */
export const got = (target: Page | Frame) => target.evaluate(() => (window as never as { __got(): Record<string, string> }).__got());
/** All non-empty field values of a frame. */
export const values = (target: Page | Frame) =>
  target.evaluate(() => (window as never as { __values(): Record<string, string> }).__values());
