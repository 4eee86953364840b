/**
 * Shared setup of the generator and save suites: the e2e build (the worker's test hooks drive the context menu),
 * test pages on `*.save.test`, a TPM and a sysPass simulator configured through the same messages the options
 * page sends, and helpers to find a page's tab, click a context-menu item and reach the save prompt.
 */
import { expect } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { startTpmSim, type TpmSim } from '../sim/tpm/server';
import { startSyspassSim, type SyspassSim } from '../sim/syspass/server';
import { DEMO_AUTH_TOKEN, DEMO_TOKEN_PASS } from '../sim/syspass/seed';
import type { FrameRecord } from '../../src/background/autofill/records';
import { e2eDist } from '../builds';
import { untilClickable } from './click-guard';
import { launchExtension, servePages, type ExtensionSession } from './harness';
import { addCompanyTpm, askFrom } from './worker-ask';

export interface SaveEnv {
  ext: ExtensionSession;
  tpm: TpmSim;
  syspass: SyspassSim;
  /** One of our pages (the options page), to send requests as our pages do. */
  ours: Page;
  url(host: string, page: string): string;
  ask<T = unknown>(kind: string, body: unknown): Promise<{ ok: boolean; value: T; code?: string }>;
  open(url: string): Promise<{ page: Page; tabId: number }>;
  clickMenu(itemId: string, tabId: number): Promise<boolean>;
  /** The save prompt frame of a page, once it shows something. */
  prompt(page: Page): Promise<Frame>;
  /** The user opens the in-page menu from the icon of the field `selector` (real mouse) and picks the entry named so. */
  fillFromMenu(page: Page, selector: string, entryName: string): Promise<void>;
  restartWorker(): Promise<void>;
  close(): Promise<void>;
}

export async function startSaveEnv(): Promise<SaveEnv> {
  const [tpm, syspass, pages] = await Promise.all([startTpmSim({ entries: 40 }), startSyspassSim({ accounts: 20 }), servePages()]);
  const ext = await launchExtension({ dist: e2eDist, hosts: ['*.save.test'] });
  const ours = await ext.openOptions();
  const ask = askFrom(ours);
  await addCompanyTpm(ask, tpm.url);
  expect(
    await ask('saveServer', {
      server: {
        kind: 'syspass',
        name: 'Team sysPass',
        baseUrl: `${syspass.url}/index.php`,
        credentials: { kind: 'syspass', authToken: DEMO_AUTH_TOKEN, tokenPassword: DEMO_TOKEN_PASS },
      },
    }),
  ).toMatchObject({ ok: true });
  const synced = async () => (await ask('getPopupState', {})).value.sources.every((s: { lastSyncAt?: string }) => s.lastSyncAt);
  for (const deadline = Date.now() + 20_000; !(await synced()); ) {
    if (Date.now() > deadline) throw new Error('The first sync did not finish.');
    await ours.waitForTimeout(100);
  }

  const frames = () =>
    ext.inWorker(
      () => (globalThis as never as { autofillTest: { allFrames(): Promise<FrameRecord[]> } }).autofillTest.allFrames(),
      undefined,
    );
  const env: SaveEnv = {
    ext,
    tpm,
    syspass,
    ours,
    url: (host, page) => `http://${host}.save.test:${pages.port}/${page}`,
    ask: ask as SaveEnv['ask'],
    async open(url) {
      // Forget earlier reports, so the tab found is this page's, not an earlier page's with the same URL.
      await ext.inWorker(
        () => (globalThis as never as { autofillTest: { clearFrames(): Promise<void> } }).autofillTest.clearFrames(),
        undefined,
      );
      const page = await ext.context.newPage();
      await page.goto(url);
      let found: FrameRecord | undefined;
      for (const deadline = Date.now() + 10_000; !found && Date.now() < deadline; ) {
        found = (await frames()).find((f) => f.url === url && f.frameId === 0);
        if (!found) await page.waitForTimeout(100);
      }
      if (!found) throw new Error(`The detector did not report ${url}`);
      return { page, tabId: found.tabId };
    },
    clickMenu: (itemId, tabId) =>
      ext.inWorker(
        ([id, tab]) =>
          (globalThis as never as { saveTest: { clickMenu(i: string, t: number): Promise<boolean> } }).saveTest.clickMenu(id, tab),
        [itemId, tabId] as const,
      ),
    async prompt(page) {
      const deadline = Date.now() + 20_000;
      for (;;) {
        const frame = page.frames().find((f) => f.url().includes('/src/ui/save-prompt/'));
        if (
          frame &&
          (await frame
            .locator('.prompt')
            .count()
            .catch(() => 0)) > 0
        )
          return frame;
        if (Date.now() > deadline) throw new Error('The save prompt did not appear.');
        await page.waitForTimeout(100);
      }
    },
    async fillFromMenu(page, selector, entryName) {
      await expect.poll(() => page.locator('tpmsp-autofill-icon').count(), { timeout: 10_000 }).toBeGreaterThan(0);
      const box = (await page.locator(selector).boundingBox())!;
      await page.mouse.click(box.x + box.width - 14, box.y + box.height / 2);
      let menu: Frame | undefined;
      await expect
        .poll(
          async () =>
            (menu = page.frames().find((f) => f.url().includes('/src/ui/inline-menu/'))) && menu.locator('.menu-list button').count(),
        )
        .toBeGreaterThan(0);
      await untilClickable(menu!);
      await menu!.locator('.menu-list button', { hasText: entryName }).click();
    },
    restartWorker: () => ext.stopWorker(ours),
    async close() {
      await ext.close();
      await Promise.all([tpm.close(), syspass.close(), pages.close()]);
    },
  };
  return env;
}

/** The prompt's result line ("Saved to …", "Not saved yet …"). */
export const resultOf = (prompt: Frame) =>
  prompt
    .locator('[role=status] p.note')
    .first()
    .innerText()
    .catch(() => '');

/** What the page's own script received (values that came with input events). */
export const got = (page: Page) => page.evaluate(() => (window as never as { __got(): Record<string, string> }).__got());

/** The popup's "N logins not saved yet" heading, or '' while it is not shown. */
export const pendingSavesHeading = (popup: Page): Promise<string> =>
  popup
    .locator('.pending-saves strong')
    .innerText()
    .catch(() => '');
