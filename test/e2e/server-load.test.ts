/**
 * Kind to the company's server, in Chromium against the TPM simulator, requests counted where they arrive: a login
 * page that matches locally costs nothing; one that does not asks the server once (the `access:` search) and offers
 * an entry added there since the last full list, without a full sync; a 503 with Retry-After holds every request
 * back for as long as the server asked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import type { TpmClient } from '../../src/api/tpm/client';
import { DEMO_USERS } from '../sim/tpm/seed';
import { startTpmSim, type TpmSim } from '../sim/tpm/server';
import { launchExtension, servePages, type ExtensionSession, type PageServer } from './harness';
import { type Ask, addCompanyTpm, askFrom } from './worker-ask';
import { tpmAdmin } from '../tpm-admin';

/** Requests that read whole lists (a full sync): the pages of the two lists and the project tree. */
const FULL = /\/(my_)?passwords(\/page\/\d+)?\.json$|\/subprojects\.json$/;
const SEARCH = /\/(my_)?passwords\/search\//;

describe('requests a login page costs the company server', () => {
  let tpm: TpmSim;
  let pages: PageServer;
  let ext: ExtensionSession;
  let ours: Page;
  let colleague: TpmClient;
  const site = (host: string) => `http://${host}.test:${pages.port}/classic.html`;
  const ask: Ask = (kind, body) => askFrom(ours)(kind, body);
  const addOnServer = (name: string, host: string) =>
    colleague.createPassword(tpm.state.demo.sharedProjectId, {
      name,
      username: `${host}-user`,
      password: `${host}-Secret-1`,
      accessInfo: site(host),
    });

  /** Opens a login page and waits until the detector has reported it (the worker has answered it). */
  async function visit(host: string): Promise<Page> {
    const page = await ext.context.newPage();
    await page.goto(site(host));
    await expect.poll(() => ext.reportedTabId(ours, `${host}.test`), { timeout: 15_000 }).toBeGreaterThan(0);
    return page;
  }

  /** The in-page menu opened from the user name field's icon, with the entries it offers. */
  async function menuOf(page: Page): Promise<Frame> {
    await expect.poll(() => page.locator('tpmsp-autofill-icon').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    const box = (await page.locator('input[name=username]').boundingBox())!;
    await page.mouse.click(box.x + box.width - 14, box.y + box.height / 2);
    let menu: Frame | undefined;
    await expect
      .poll(
        async () =>
          (menu = page.frames().find((f) => f.url().includes('/src/ui/inline-menu/'))) && menu.locator('.menu-list button').count(),
        { timeout: 15_000 },
      )
      .toBeGreaterThan(0);
    return menu!;
  }

  beforeAll(async () => {
    [tpm, pages] = await Promise.all([startTpmSim({ entries: 60 }), servePages()]);
    colleague = tpmAdmin(tpm.url);
    await addOnServer('Known site', 'known');
    ext = await launchExtension({ hosts: ['known.test', 'fresh.test', 'nothing.test', '*.nothing.test', 'elsewhere.test'] });
    ours = await ext.openOptions();
    await addCompanyTpm(ask, tpm.url);
    for (const deadline = Date.now() + 20_000; !(await ask('getPopupState', {})).value.sources[0]?.lastSyncAt; ) {
      if (Date.now() > deadline) throw new Error('The first sync did not finish.');
      await ours.waitForTimeout(100);
    }
  }, 60_000);

  afterAll(async () => {
    await ext?.close();
    await Promise.all([tpm?.close(), pages?.close()]);
  });

  it('a login page that matches locally costs no request', async () => {
    tpm.faults.log.length = 0;
    const page = await visit('known');
    expect(await (await menuOf(page)).locator('.menu-list button', { hasText: 'Known site' }).count()).toBe(1);
    expect(tpm.faults.log).toEqual([]);
    await page.close();
  });

  it('an entry added on the server is offered at the first visit of its page: one access: search, no full sync', async () => {
    await addOnServer('Added after the sync', 'fresh');
    tpm.faults.log.length = 0;
    const page = await visit('fresh');
    const menu = await menuOf(page);
    expect(await menu.locator('.menu-list button', { hasText: 'Added after the sync' }).count()).toBe(1);
    // What reached the server: the official extension's query, among shared and personal passwords, nothing else.
    expect(tpm.faults.log).toHaveLength(2);
    expect(tpm.faults.log.every((k) => SEARCH.test(k) && k.includes('access%3Afresh.test'))).toBe(true);
    expect(tpm.faults.log.filter((k) => FULL.test(k))).toEqual([]);
    // The entry is in the vault now: the popup's search finds it, and the next visit matches locally.
    expect((await ask('search', { text: 'Added after the sync', limit: 5 })).value.map((e: { name: string }) => e.name)).toContain(
      'Added after the sync',
    );
    await page.close();
    tpm.faults.log.length = 0;
    const again = await visit('fresh');
    await menuOf(again);
    expect(tpm.faults.log).toEqual([]);
    await again.close();
  });

  it('a login page without any entry asks once per hour, not at every visit', async () => {
    tpm.faults.log.length = 0;
    const first = await visit('nothing');
    await expect.poll(() => tpm.faults.log.length, { timeout: 10_000 }).toBe(2);
    await first.close();
    for (let i = 0; i < 3; i++) (await visit('nothing')).close();
    // Another frame of another page on the same site: still the same domain, still asked.
    await (await visit('www.nothing')).close();
    expect(tpm.faults.log).toHaveLength(2);
  });

  it('a 503 with Retry-After holds back every request to that server for as long as it asked', async () => {
    tpm.faults.add({ match: '/count.json', status: 503, retryAfter: 3600 });
    tpm.faults.log.length = 0;
    expect(await ask('syncNow', {})).toMatchObject({ ok: true });
    const [status] = (await ask('getPopupState', {})).value.sources;
    expect(status.lastError).toMatchObject({ code: 'server' });
    // One request, not repeated within the sync (a plain 503 is retried twice).
    expect(tpm.faults.log.filter((k) => k.endsWith('/passwords/count.json'))).toHaveLength(1);
    const schedule = (await ask('getSyncSchedule', {})).value as Record<string, string>;
    const next = Date.parse(schedule[status.id]);
    expect(next - Date.parse(status.lastError.at)).toBeGreaterThanOrEqual(3600_000 - 1_000);
    // Until then: neither the popup (it asks for the state, which checks stale servers) nor a login page without
    // a local match reaches the server.
    tpm.faults.log.length = 0;
    await ask('getPopupState', {});
    const page = await visit('elsewhere');
    await page.waitForTimeout(1_000); // nothing to wait for: no request may come
    expect(tpm.faults.log).toEqual([]);
    await page.close();
    tpm.faults.clear();
  });

  it('a TPM 14 server (API v6) is read in pages of 1,000: 2,500 entries in 3 page requests, not 125', async () => {
    const v6 = await startTpmSim({ entries: 2_500, version: 'all' });
    try {
      const user = DEMO_USERS.normal;
      const credentials = { kind: 'tpm-basic', username: user.username, password: user.password };
      expect(await ask('saveServer', { server: { kind: 'tpm', name: 'TPM 14', baseUrl: v6.url, credentials } })).toMatchObject({
        ok: true,
      });
      const synced = async () => (await ask('getPopupState', {})).value.sources.find((s: { baseUrl: string }) => s.baseUrl === v6.url);
      await expect.poll(async () => (await synced())?.lastSyncAt, { timeout: 30_000 }).toBeTruthy();
      const visible = v6.state.view(v6.state.userByName(user.username)!).active.length;
      expect(visible).toBeGreaterThan(2_000);
      const pageReads = v6.faults.log.filter((k) => /\/api\/v6\/passwords\/page\/\d+\.json$/.test(k));
      expect(pageReads).toHaveLength(Math.ceil(visible / 1_000));
      expect(v6.faults.log.some((k) => /\/api\/v[45]\/(my_)?passwords/.test(k))).toBe(false);
      expect((await synced()).entryCount).toBe(visible + v6.state.myPasswordsOf(v6.state.userByName(user.username)!).length);
    } finally {
      await v6.close();
    }
  }, 60_000);
});
