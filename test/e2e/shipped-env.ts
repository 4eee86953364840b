/**
 * Autofill on the shipped build (dist/, no test hooks) syncing from the TPM simulator: test pages on acme and partner
 * host names, their logins created on the simulator through its API (as an administrator would), the extension set
 * up through the same messages the options page sends. What a test sees is what a user gets: the icon in the field,
 * the in-page menu, the values the page's own script received.
 */
import { expect } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { startTpmSim, type TpmSim } from '../sim/tpm/server';
import { DEMO_USERS } from '../sim/tpm/seed';
import { inlineMenuFrame } from './autofill-env';
import { launchExtension, servePages, type ExtensionSession, type PageServer } from './harness';
import { addCompanyTpm, askFrom } from './worker-ask';

/** The logins the simulator holds for the test sites. */
export const LOGINS = {
  acme: { user: 'alice@acme.test', pass: 'Al1ce-secret!' },
  partner: { user: 'alice.partner', pass: 'Partner-pw' },
};

export interface ShippedEnv {
  ext: ExtensionSession;
  tpm: TpmSim;
  /** `http://<host>.acme.test:<port>/<page>` */
  acme(page: string, host?: string): string;
  /** `http://sso.partner.test:<port>/<page>` (another origin, another site) */
  partner(page: string): string;
  open(url: string): Promise<Page>;
  /**
   * Waits for the in-page icon of the field `selector` (or of the component around a closed shadow root's field) in
   * `frame`: the detector found the field and the worker has matches for the frame.
   */
  iconShown(frame: Frame, selector: string): Promise<void>;
  /** Clicks that icon, once it shows. */
  clickIcon(frame: Frame, selector: string): Promise<void>;
  /** Presses a keyboard shortcut of the extension in `page` (see `shortcut` below). */
  shortcut(page: Page, command: 'fill-best-match' | 'open-inline-menu'): Promise<void>;
  /** The inline menu frame in `page`, once it shows its list. */
  menuFrame(page: Page): Promise<Frame>;
  close(): Promise<void>;
}

/** The index of the in-page icon over the field `selector` of `frame`, once there is one. */
async function iconShown(frame: Frame, selector: string): Promise<number> {
  // The icon sits in the field, in the top layer of the field's document (over it on screen).
  const iconIndex = () =>
    frame.locator(selector).evaluate((field) => {
      const f = field.getBoundingClientRect();
      return [...document.querySelectorAll('tpmsp-autofill-icon')].findIndex((icon) => {
        const i = icon.getBoundingClientRect();
        return i.width > 0 && i.top >= f.top - 2 && i.bottom <= f.bottom + 2 && i.left >= f.left - 2 && i.right <= f.right + 2;
      });
    });
  await expect.poll(iconIndex, { timeout: 10_000 }).toBeGreaterThanOrEqual(0);
  return iconIndex();
}

/** Creates a login on the simulator as its administrator does, through the API (v5, HTTP Basic). */
async function createLogin(tpm: TpmSim, name: string, url: string, login: { user: string; pass: string }): Promise<void> {
  const admin = DEMO_USERS.admin;
  const res = await fetch(`${tpm.url}/index.php/api/v5/passwords.json`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      Authorization: `Basic ${Buffer.from(`${admin.username}:${admin.password}`).toString('base64')}`,
    },
    body: JSON.stringify({
      name,
      project_id: tpm.state.demo.sharedProjectId,
      access_info: url,
      username: login.user,
      password: login.pass,
    }),
  });
  if (res.status !== 201) throw new Error(`creating ${name} on the simulator: ${res.status} ${await res.text()}`);
}

export async function startShippedEnv(): Promise<ShippedEnv> {
  const [tpm, one, two]: [TpmSim, PageServer, PageServer] = await Promise.all([startTpmSim({ entries: 40 }), servePages(), servePages()]);
  const acme = (page: string, host = 'login') => `http://${host}.acme.test:${one.port}/${page}`;
  const partner = (page: string) => `http://sso.partner.test:${two.port}/${page}`;
  await createLogin(tpm, 'Acme Cloud', acme(''), LOGINS.acme);
  await createLogin(tpm, 'Partner SSO', partner(''), LOGINS.partner);

  // The shipped build (test/builds.ts: dist/, or EXT_DIST), made by the e2e global setup; no test hooks in it.
  const ext = await launchExtension({ hosts: ['*.acme.test', '*.partner.test'] });
  const options = await ext.openOptions();
  const ask = askFrom(options);
  await addCompanyTpm(ask, tpm.url);
  for (const deadline = Date.now() + 20_000; ; await options.waitForTimeout(100)) {
    const state = (await ask('getPopupState', {})) as { value: { sources: { lastSyncAt?: string; entryCount: number }[] } };
    if (state.value.sources.every((s) => s.lastSyncAt)) break;
    if (Date.now() > deadline) throw new Error('The first sync did not finish.');
  }
  await options.close();

  return {
    ext,
    tpm,
    acme,
    partner,
    async open(url) {
      const page = await ext.context.newPage();
      await page.goto(url);
      return page;
    },
    iconShown: (frame, selector) => iconShown(frame, selector).then(() => undefined),
    async clickIcon(frame, selector) {
      await frame
        .locator('tpmsp-autofill-icon')
        .nth(await iconShown(frame, selector))
        .click();
    },
    async shortcut(page, command) {
      // Chromium handles an extension's shortcut in the browser process, out of reach of page input in headless
      // mode: this hands the command to the worker's own `commands.onCommand` listeners with the active tab, as the
      // browser does when the keys are pressed.
      await page.bringToFront();
      await ext.inWorker(async (cmd) => {
        const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
        (chrome.commands.onCommand as unknown as { dispatch(c: string, t: chrome.tabs.Tab): void }).dispatch(cmd, tab);
      }, command);
    },
    menuFrame: inlineMenuFrame,
    async close() {
      await ext.close();
      await Promise.all([tpm.close(), one.close(), two.close()]);
    },
  };
}
