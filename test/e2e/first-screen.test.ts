/**
 * The popup's first screen, kept by the worker in `storage.session`: a popup opened while the worker is stopped
 * paints "This site", the favorites and the list from it before asking the worker, and shows what the worker
 * answers; nothing of it is kept while the vault is locked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startTpmSim, type TpmSim } from '../sim/tpm/server';
import { DEMO_USERS } from '../sim/tpm/seed';
import { STORED_LIST_LIMIT } from '../../src/first-screen/records';
import { launchExtension, servePages, type ExtensionSession, type PageServer } from './harness';
import type { ToolbarPopup } from './toolbar-popup';

async function ask<T = any>(page: Page, kind: string, body: unknown): Promise<T> {
  const reply = await page.evaluate(([k, b]) => chrome.runtime.sendMessage({ kind: k, body: b }), [kind, body] as const);
  if (!reply?.ok) throw new Error(`${kind}: ${reply?.code} ${reply?.message}`);
  return reply.value as T;
}

/** The stored first-screen records in `storage.session`, as our pages can read them. */
function storedKeys(page: Page): Promise<string[]> {
  return page.evaluate(async () => Object.keys(await chrome.storage.session.get(null)).filter((key) => key.startsWith('firstScreen')));
}

/** Tab `tabId`'s stored record (the page's entries, matched by the worker), parsed; undefined when there is none. */
async function storedTabRecord(page: Page, tabId: number): Promise<{ stamp: string; url: string; site: unknown[] } | undefined> {
  const raw = await page.evaluate(
    async (id) => ((await chrome.storage.session.get('firstScreen:tabs'))['firstScreen:tabs'] as Record<string, string> | undefined)?.[id],
    String(tabId),
  );
  return raw ? JSON.parse(raw) : undefined;
}

async function storedHead(
  page: Page,
): Promise<{ favorites: { id: string }[]; entries: { name: string }[]; total: number; stamp: string } | undefined> {
  const raw = await page.evaluate(async () => (await chrome.storage.session.get('firstScreen')).firstScreen as string | undefined);
  return raw ? JSON.parse(raw) : undefined;
}

/** Polls `fn` until it returns something truthy (expect.poll works only inside tests). */
async function until<T>(fn: () => Promise<T>, timeout = 20_000): Promise<T> {
  const end = Date.now() + timeout;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** What the list shows, in order: section headings and entry names. */
function listed(popup: Page): Promise<string[]> {
  return popup.evaluate(() =>
    [...document.querySelectorAll('.list-heading, .entry-row .entry-name')].map((el) => (el.textContent ?? '').replace(/^★\s*/, '').trim()),
  );
}

/** The entry names the toolbar popup shows, in order (it is driven through a raw DevTools session). */
function toolbarNames(popup: ToolbarPopup): Promise<string[]> {
  return popup.evaluate<string[]>(
    "[...document.querySelectorAll('.entry-row .entry-name')].map((el) => el.textContent.replace(/^★\\s*/, '').trim())",
  );
}

const MANY_HOST = 'portal.many-logins.de';
const MANY = STORED_LIST_LIMIT + 5;

describe('the first screen kept in storage.session', () => {
  let tpm: TpmSim;
  let pages: PageServer;
  let ext: ExtensionSession;
  let options: Page;
  let tabId: number;
  let siteHost: string;
  let site: Page;

  beforeAll(async () => {
    tpm = await startTpmSim({ entries: 2000 });
    // A page that many entries match (a company portal, say): more than a tab record keeps.
    const base = [...tpm.state.passwords.values()][0];
    for (let i = 1; i <= MANY; i++) {
      const id = tpm.state.nextId(tpm.state.passwords);
      tpm.state.passwords.set(id, {
        ...base,
        id,
        name: `Portal login ${String(i).padStart(2, '0')}`,
        accessInfo: `http://${MANY_HOST}/`,
        favoriteOf: new Set(),
        unlockGrantedTo: new Set(),
        lockingType: 0,
      });
    }
    tpm.state.touch();
    pages = await servePages();
    // Seeded project sites end in these (none is HSTS-preloaded, so plain http works with a mapped host).
    ext = await launchExtension({ hosts: ['*.de', '*.fr', '*.es'] });
    options = await ext.openOptions();
    await ask(options, 'setPassphrase', { passphrase: 'first screen passphrase' });
    const admin = DEMO_USERS.admin;
    await ask(options, 'saveServer', {
      server: {
        kind: 'tpm',
        name: 'Company TPM',
        baseUrl: tpm.url,
        credentials: { kind: 'tpm-basic', username: admin.username, password: admin.password },
      },
    });
    await until(async () => (await ask(options, 'getPopupState', {})).sources[0]?.lastSyncAt);
    const { entries } = await ask<{ entries: { url?: string }[] }>(options, 'listEntries', { scope: 'all', offset: 0, limit: 1000 });
    siteHost = entries.map((e) => (e.url ? new URL(e.url).hostname : '')).find((h) => /\.(de|fr|es)$/.test(h))!;
    site = await ext.context.newPage();
    await site.goto(`http://${siteHost}:${pages.port}/classic.html`);
    // The detector reports the page (the popup opened as a tab cannot see the URL of another tab by itself).
    tabId = await until(() => ext.reportedTabId(options, siteHost));
  });
  afterAll(async () => {
    await ext?.close();
    await pages?.close();
    await tpm?.close();
  });

  /**
   * Opens the popup (as a page) with the worker stopped; checks it showed This site before asking the worker.
   * Returns the files it loaded.
   */
  async function expectSiteRowsBeforeAsking(): Promise<string[]> {
    await ext.stopWorker(options);
    const loaded: string[] = [];
    const onRequest = (request: { url(): string }) => loaded.push(new URL(request.url()).pathname);
    ext.context.on('request', onRequest);
    const popup = await ext.openPopup(`?tab=${tabId}`);
    await popup.waitForFunction(() => performance.getEntriesByName('popup:first-list-painted').length > 0);
    const shown = await listed(popup);
    await expect.poll(() => popup.evaluate(() => (globalThis as { rowsAtFirstAsk?: number }).rowsAtFirstAsk)).toBeGreaterThan(0);

    const worker = await ask<{ site: { name: string }[]; siteHost: string }>(options, 'getFirstScreen', { tabId, limit: 100 });
    expect(worker.site.length).toBeGreaterThan(0);
    expect(shown[0]).toContain(worker.siteHost);
    expect(shown.slice(1, 1 + worker.site.length)).toEqual(worker.site.map((e) => e.name));
    // Later the worker's own answer is on screen: the same rows.
    await expect.poll(() => popup.evaluate(() => (globalThis as { answered?: string[] }).answered?.includes('getFirstScreen'))).toBe(true);
    expect((await listed(popup)).slice(0, 1 + worker.site.length)).toEqual(shown.slice(0, 1 + worker.site.length));
    await popup.close();
    ext.context.off('request', onRequest);
    return loaded;
  }

  /** The matcher's chunk (with the Public Suffix List) among loaded files. */
  const matcherChunk = (files: string[]) => files.some((file) => /^\/assets\/match-[\w-]+\.js$/.test(file));

  it("paints This site from the tab's record and the list before asking the stopped worker, as the worker would", async () => {
    await expect.poll(() => storedHead(options)).toMatchObject({ total: expect.any(Number) });
    // The head keeps only the start of each list (it is read on every open); the worker's answer brings the rest.
    const head = (await storedHead(options))!;
    expect(head.total).toBeGreaterThan(1000);
    expect(head.entries).toHaveLength(STORED_LIST_LIMIT);
    expect(head.favorites.length).toBeLessThanOrEqual(STORED_LIST_LIMIT);
    await expect.poll(() => storedTabRecord(options, tabId)).toMatchObject({ url: expect.stringContaining(siteHost) });
    // Note how many rows were on screen when the popup first asked the worker anything, and which answers came (the
    // popup renders an answer before the next task).
    await ext.context.addInitScript(() => {
      const send = chrome.runtime.sendMessage.bind(chrome.runtime);
      (chrome.runtime as { sendMessage: unknown }).sendMessage = (...args: unknown[]) => {
        const g = globalThis as { rowsAtFirstAsk?: number; answered?: string[] };
        g.rowsAtFirstAsk ??= document.querySelectorAll('.entry-row').length;
        const reply = (send as (...a: unknown[]) => unknown)(...args);
        void Promise.resolve(reply).then(
          () => (g.answered ??= []).push((args[0] as { kind: string }).kind),
          () => undefined,
        );
        return reply;
      };
    });
    const loaded = await expectSiteRowsBeforeAsking();
    expect(loaded).toContain('/src/ui/popup/index.html');
    expect(matcherChunk(loaded)).toBe(false);
    // One script and no style sheet of its own (build/single-file-page.ts): each more file is a request and a
    // response before the first frame.
    expect(loaded.filter((file) => file.endsWith('.js'))).toHaveLength(1);
    expect(loaded.filter((file) => file.endsWith('.css'))).toEqual([]);
  });

  it('matches the site records itself for a page without a tab record, still before asking the worker', async () => {
    await options.evaluate(async (id) => {
      const records = { ...((await chrome.storage.session.get('firstScreen:tabs'))['firstScreen:tabs'] as Record<string, string>) };
      delete records[id];
      await chrome.storage.session.set({ 'firstScreen:tabs': records });
    }, String(tabId));
    expect(await storedTabRecord(options, tabId)).toBeUndefined();
    expect(matcherChunk(await expectSiteRowsBeforeAsking())).toBe(true);
  });

  it('shows the entries after the stored ones as the list scrolls: the worker brings them', async () => {
    const { entries } = await ask<{ entries: { name: string }[] }>(options, 'listEntries', {
      scope: 'all',
      offset: 0,
      limit: 3 * STORED_LIST_LIMIT,
    });
    const wanted = entries.slice(2 * STORED_LIST_LIMIT).map((e) => e.name);
    await ext.stopWorker(options);
    const popup = await ext.openPopup(`?tab=${tabId}`);
    await popup.waitForFunction(() => performance.getEntriesByName('popup:first-list-painted').length > 0);
    // Scroll down, a few rows at a time once the rows in view have arrived, until the list has shown all of them
    // (they are not in the stored head).
    const seen = new Set<string>();
    await expect
      .poll(
        async () => {
          for (const name of await listed(popup)) seen.add(name);
          await popup.locator('#entry-list').evaluate((list) => list.querySelector('.placeholder') || list.scrollBy(0, 240));
          return wanted.filter((name) => !seen.has(name));
        },
        { timeout: 15_000 },
      )
      .toEqual([]);
    await popup.close();
  });

  it("shows the same in the toolbar button's own popup, with the worker stopped", async () => {
    const worker = await ask<{ site: { name: string }[] }>(options, 'getFirstScreen', { tabId, limit: 100 });
    await ext.stopWorker(options);
    const popup = await ext.openToolbarPopup(site);
    await popup.waitFor("performance.getEntriesByName('popup:first-list-painted').length > 0");
    const names = await toolbarNames(popup);
    expect(names.slice(0, worker.site.length)).toEqual(worker.site.map((e) => e.name));
    await popup.close();
  });

  it("keeps the start of a page's many entries in its tab record, and drops the records of closed tabs", async () => {
    const portal = await ext.context.newPage();
    await portal.goto(`http://${MANY_HOST}:${pages.port}/classic.html`);
    const portalTab = await until(() => ext.reportedTabId(options, MANY_HOST));
    const record = (await until(() => storedTabRecord(options, portalTab)))!;
    const worker = await ask<{ site: { name: string }[] }>(options, 'getFirstScreen', { tabId: portalTab, limit: 100 });
    expect(worker.site).toHaveLength(MANY);
    expect(record.site).toHaveLength(STORED_LIST_LIMIT);
    expect((record.site as { name: string }[]).map((e) => e.name)).toEqual(worker.site.slice(0, STORED_LIST_LIMIT).map((e) => e.name));
    // The popup on that page, worker stopped: the stored rows first, then all of the worker's.
    await ext.stopWorker(options);
    const popup = await ext.openToolbarPopup(portal);
    await popup.waitFor("performance.getEntriesByName('popup:first-list-painted').length > 0");
    const names = () => toolbarNames(popup);
    expect((await names()).slice(0, 5)).toEqual(worker.site.slice(0, 5).map((e) => e.name));
    await popup.evaluate("document.getElementById('entry-list').scrollTop = 48 * 20"); // rows of 48 px: the site's last rows in view
    await expect.poll(names, { timeout: 15_000 }).toContain(worker.site[MANY - 1].name);
    await popup.close();
    // Closed, its record goes when another tab reports its page (the popup reads all records on every open).
    await portal.close();
    await site.reload();
    await expect.poll(() => storedTabRecord(options, portalTab)).toBeUndefined();
    expect(await storedTabRecord(options, tabId)).toMatchObject({ url: expect.stringContaining(siteHost) });
  });

  it('writes a change into the stored screen: a new favorite, and the tab records again with the new head', async () => {
    // The first one by name that is not a favorite yet: it is then among the first favorites, which the head keeps.
    const { entries } = await ask<{ entries: { id: string; favorite: boolean }[] }>(options, 'listEntries', {
      scope: 'all',
      offset: 0,
      limit: 50,
    });
    const entry = entries.find((e) => !e.favorite)!;
    const before = (await storedHead(options))!.stamp;
    await ask(options, 'setFavorite', { entryId: entry.id, favorite: true });
    await expect.poll(async () => (await storedHead(options))?.favorites.map((f) => f.id)).toContain(entry.id);
    const head = (await storedHead(options))!;
    expect(head.stamp).not.toBe(before);
    const record = (await storedTabRecord(options, tabId))!;
    expect(record).toMatchObject({ stamp: head.stamp, url: expect.stringContaining(siteHost) });
    expect(record.site.length).toBeGreaterThan(0);
  });

  it('keeps nothing of it while locked, and writes it again after unlocking', async () => {
    expect((await storedKeys(options)).length).toBeGreaterThan(10);
    await ask(options, 'lock', {});
    expect(await storedKeys(options)).toEqual([]);
    const popup = await ext.openPopup(`?tab=${tabId}`);
    await expect.poll(() => popup.locator('input[type=password]').count()).toBe(1);
    expect(await popup.locator('.entry-row').count()).toBe(0);
    await popup.close();
    await ask(options, 'unlock', { passphrase: 'first screen passphrase' });
    await expect.poll(() => storedKeys(options), { timeout: 15_000 }).toContain('firstScreen');
  });
});
