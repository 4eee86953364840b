/**
 * Autofill on the real vault: a TPM and a sysPass simulator holding the logins of the test pages (created through
 * the servers' APIs, as a user's colleagues would), and a Chromium with a build of the extension configured the way
 * a user does it (passphrase, both servers, "starts with" matching) and synced. The same world serves the shipped
 * build (in-page menu only: automation cannot press an extension's shortcuts) and the e2e build (whose only extra is
 * the hook that runs a keyboard command as the shortcut does, and reports of the frames).
 */
import { expect } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { SyspassClient } from '../../src/api/syspass/client';
import type { FrameRecord } from '../../src/background/autofill/records';
import { startSyspassSim, type SyspassSim } from '../sim/syspass/server';
import { DEMO_AUTH_TOKEN, DEMO_TOKEN_PASS } from '../sim/syspass/seed';
import { startTpmSim, type TpmSim } from '../sim/tpm/server';
import { totp } from '../sim/tpm/totp';
import { inlineMenuFrame } from './autofill-env';
import { untilClickable } from './click-guard';
import { launchExtension, servePages, type ExtensionSession } from './harness';
import { addCompanyTpm, askFrom } from './worker-ask';
import { tpmAdmin } from '../tpm-admin';

/** The logins of the test pages, as stored on the servers. */
export const LOGINS = {
  shop: { name: 'Shop account', username: 'jdoe', email: 'jdoe@shop.test', password: 'Shop-Stored-2026!' },
  secure: { name: 'Secure account (2FA)', username: 'secure-owner', email: 'owner@secure.test', password: 'Secure-Stored-2026!' },
  mail: { name: 'Webmail', username: 'jdoe', password: 'Mail-Stored-2026!' },
  portal: { name: 'Portal', username: 'portal.user', password: 'Portal-Stored-2026!' },
  portalAdmin: { name: 'Portal admin', username: 'portal.admin', password: 'Portal-Admin-2026!' },
  teamMail: { name: 'Team webmail', username: 'ops@team.test', password: 'Team-Stored-2026!' },
  wiki: { name: 'Team wiki', username: 'ops', password: 'Wiki-Stored-2026!' },
} as const;

/** The simulators and the pages, shared by every browser of a test file. */
export interface AutofillWorld {
  tpm: TpmSim;
  syspass: SyspassSim;
  /** `http://<host>.test:<port>/<page>` */
  at(host: string, page: string): string;
  /** The TOTP codes the secure entry may have given in the last half minute (current and previous step). */
  recentCodes(): string[];
  close(): Promise<void>;
}

const fetchFn = (input: string, init: RequestInit) => fetch(input, init);

export async function startAutofillWorld(): Promise<AutofillWorld> {
  const [tpm, syspass, pages] = await Promise.all([startTpmSim({ entries: 40 }), startSyspassSim({ accounts: 20 }), servePages()]);
  const at = (host: string, page: string) => `http://${host}.test:${pages.port}/${page}`;
  const site = (host: string, path = '') => `http://${host}.test:${pages.port}/${path}`;

  const company = tpmAdmin(tpm.url);
  const shared = tpm.state.demo.sharedProjectId;
  const create = (login: { name: string; username: string; password: string; email?: string }, accessInfo: string) =>
    company.createPassword(shared, { ...login, accessInfo });
  await create(LOGINS.shop, site('shop'));
  await create(LOGINS.mail, site('mail'));
  // The general portal entry first: its id sorts before the admin one's, so id order alone would offer it first.
  await create(LOGINS.portal, site('portal', 'portal/'));
  await create(LOGINS.portalAdmin, site('portal', 'portal/admin/'));
  // The seed's entry with a TOTP ("One Time Password" custom field) becomes the secure site's login.
  await company.updatePassword(tpm.state.demo.otpId, { ...LOGINS.secure, accessInfo: site('secure') });

  const team = new SyspassClient({ baseUrl: syspass.url, authToken: DEMO_AUTH_TOKEN, tokenPassword: DEMO_TOKEN_PASS, fetch: fetchFn });
  const [client] = await team.searchClients();
  const [category] = await team.searchCategories();
  for (const [login, host] of [
    [LOGINS.teamMail, 'team'],
    [LOGINS.wiki, 'wiki'],
  ] as const) {
    await team.createAccount({
      name: login.name,
      clientId: client.id,
      categoryId: category.id,
      login: login.username,
      url: site(host),
      password: login.password,
    });
  }

  return {
    tpm,
    syspass,
    at,
    recentCodes: () => [0, 30_000].map((ago) => totp(tpm.state.demo.otpSecret, Date.now() - ago)),
    close: async () => {
      await Promise.all([tpm.close(), syspass.close(), pages.close()]);
    },
  };
}

export interface VaultBrowser {
  ext: ExtensionSession;
  /** One of our pages (the options page), to send requests as our pages do. */
  ours: Page;
  /** Opens a page in a new tab (made the active one); resolves once its top frame reported its login form. */
  open(url: string): Promise<{ page: Page; tabId: number }>;
  /** Waits until the top frame of a tab reported a URL containing `text` (after a navigation). */
  reported(tabId: number, text: string): Promise<void>;
  /** The roles the host of a tab's top frame reported from its own classification, once it has. */
  exactRoles(tabId: number): Promise<string[]>;
  /** Clicks the autofill icon of `field` and picks the entry named `entryName` in the in-page menu. */
  pickInMenu(page: Page, field: string, entryName: string): Promise<void>;
  /** The entry names the in-page menu lists, in order, once it shows them. */
  menuNames(menu: Frame): Promise<string[]>;
  close(): Promise<void>;
}

/** Launches Chromium with the build in `dist`, configured against the world's servers as a user would, and synced. */
export async function launchVaultBrowser(world: AutofillWorld, dist: string): Promise<VaultBrowser> {
  const ext = await launchExtension({ dist, hosts: ['*.test'] });
  const ours = await ext.openOptions();
  const ask = askFrom(ours);
  await addCompanyTpm(ask, world.tpm.url);
  expect(
    await ask('saveServer', {
      server: {
        kind: 'syspass',
        name: 'Team sysPass',
        baseUrl: `${world.syspass.url}/index.php`,
        credentials: { kind: 'syspass', authToken: DEMO_AUTH_TOKEN, tokenPassword: DEMO_TOKEN_PASS },
      },
    }),
  ).toMatchObject({ ok: true });
  const { value: settings } = await ask('getSettings', {});
  expect(await ask('saveSettings', { settings: { ...settings, matchStrategy: 'startsWith' } })).toMatchObject({ ok: true });
  const synced = async () => (await ask('getPopupState', {})).value.sources.every((s: { lastSyncAt?: string }) => s.lastSyncAt);
  for (const deadline = Date.now() + 20_000; !(await synced()); ) {
    if (Date.now() > deadline) throw new Error('The first sync did not finish.');
    await ours.waitForTimeout(100);
  }

  const browser: VaultBrowser = {
    ext,
    ours,
    async open(url) {
      const page = await ext.context.newPage();
      await page.goto(url);
      await page.bringToFront();
      const tabId = await ext.inWorker(
        async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id ?? 0,
        undefined,
      );
      await browser.reported(tabId, url);
      return { page, tabId };
    },
    async reported(tabId, text) {
      const url = () =>
        ours.evaluate(
          async (id) => ((await chrome.storage.session.get('tabUrls')).tabUrls as Record<string, string> | undefined)?.[id] ?? '',
          String(tabId),
        );
      await expect.poll(url, { timeout: 10_000 }).toContain(text);
    },
    async exactRoles(tabId) {
      const key = `af:exact:${tabId}:0`;
      const read = () =>
        ours.evaluate(
          async (k) => ((await chrome.storage.session.get(k))[k] as { value: { roles: string[] } } | undefined)?.value.roles,
          key,
        );
      await expect.poll(read, { timeout: 10_000 }).toBeDefined();
      return (await read())!;
    },
    async pickInMenu(page, field, entryName) {
      await clickIcon(page, field);
      const menu = await inlineMenuFrame(page);
      await untilClickable(menu);
      await menu.locator('.menu-list button', { hasText: entryName }).click();
    },
    menuNames: async (menu) => (await menu.locator('.menu-list button').allInnerTexts()).map((text) => text.split('\n')[0]),
    close: () => ext.close(),
  };
  return browser;
}

/** Where the autofill icons are over the field `selector` (icons live in the top layer, placed over their field). */
export function iconsOver(target: Page | Frame, selector: string): Promise<{ x: number; y: number }[]> {
  return target.evaluate((sel) => {
    const field = document.querySelector(sel)!.getBoundingClientRect();
    return [...document.querySelectorAll('tpmsp-autofill-icon')]
      .map((icon) => icon.getBoundingClientRect())
      .filter(
        (r) => r.width > 0 && r.left >= field.left && r.right <= field.right + 1 && r.top >= field.top - 1 && r.bottom <= field.bottom + 1,
      )
      .map((r) => ({ x: r.left + r.width / 2, y: r.top + r.height / 2 }));
  }, selector);
}

/** Clicks the autofill icon in the field `selector`, as a user does (a trusted click), once it is shown. */
export async function clickIcon(page: Page, selector: string): Promise<void> {
  let icons: { x: number; y: number }[] = [];
  for (const deadline = Date.now() + 10_000; icons.length === 0; ) {
    if (Date.now() > deadline) throw new Error(`No autofill icon in ${selector}.`);
    icons = await iconsOver(page, selector);
    if (icons.length === 0) await page.waitForTimeout(100);
  }
  await page.mouse.click(icons[0].x, icons[0].y);
}

/** The frames the detector reported in the e2e build (its hook), for waiting on a page's report. */
export async function reportedFrames(ext: ExtensionSession): Promise<FrameRecord[]> {
  return ext.inWorker(
    () => (globalThis as never as { autofillTest: { allFrames(): Promise<FrameRecord[]> } }).autofillTest.allFrames(),
    undefined,
  );
}
