/**
 * The popup's screens and keyboard, against a fake worker in the page (test/e2e/fake-worker.ts) so every state
 * is reachable without servers; the clipboard clear runs through the real worker and offscreen document.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { seriousViolations } from './axe';
import { installFakeWorker, readyState, type FakeScenario } from './fake-worker';
import { launchExtension, servePages, type ExtensionSession, type PageServer } from './harness';

describe('the popup', () => {
  let ext: ExtensionSession;
  let web: PageServer;
  /** Reads and writes the system clipboard from a web page (extension origins cannot be granted clipboard-read). */
  const clipboard = {
    page: undefined as Page | undefined,
    async open() {
      this.page ??= await ext.context.newPage();
      await this.page.goto(`${web.url}/clipboard`);
      return this.page;
    },
    async read() {
      const page = await this.open();
      return page.evaluate(() => navigator.clipboard.readText());
    },
    async write(text: string) {
      const page = await this.open();
      await page.evaluate((value) => navigator.clipboard.writeText(value), text);
    },
  };
  beforeAll(async () => {
    ext = await launchExtension();
    web = await servePages();
    await ext.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: web.url });
  });
  afterAll(async () => {
    await ext?.close();
    await web?.close();
  });

  async function popup(scenario: FakeScenario, scheme: 'light' | 'dark' = 'light'): Promise<Page> {
    const page = await ext.context.newPage();
    await page.emulateMedia({ colorScheme: scheme });
    await page.setViewportSize({ width: 380, height: 600 });
    await installFakeWorker(page, scenario);
    await page.goto(`${ext.origin}src/ui/popup/index.html?tab=1`);
    return page;
  }
  const sent = (page: Page) =>
    page.evaluate(() => (window as unknown as { __sent: { kind: string; body: Record<string, unknown> }[] }).__sent);
  /** Whether the fake worker's reply to `kind` reached the popup (its state updates before the next task). */
  const answered = (page: Page, kind: string) =>
    page.evaluate((k) => (window as unknown as { __answered: string[] }).__answered.includes(k), kind);
  /**
   * Resolves once the next clipboard clear has run: the offscreen document that does it opened, and closed itself
   * after its last clear. Watched from the worker, started before the copy.
   */
  const nextClear = () =>
    ext.inWorker(
      () =>
        new Promise<void>((resolve, reject) => {
          const deadline = Date.now() + 20_000;
          let opened = false;
          const check = async () => {
            const open =
              (await chrome.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT' as chrome.runtime.ContextType] })).length > 0;
            opened ||= open;
            if (opened && !open) resolve();
            else if (Date.now() > deadline)
              reject(new Error(opened ? 'The offscreen document did not close.' : 'No offscreen document opened.'));
            else setTimeout(check, 20);
          };
          void check();
        }),
      undefined,
    );
  const activeName = (page: Page) =>
    page.evaluate(
      () =>
        document.getElementById(document.activeElement?.getAttribute('aria-activedescendant') ?? '')?.querySelector('.entry-name')
          ?.textContent,
    );

  it("paints the first list of 10,000 entries rendering only the visible rows (its speed is the bench's)", async () => {
    const page = await popup({ state: readyState(), entryCount: 10_000 });
    await page.getByRole('option').first().waitFor();
    expect(await page.getByRole('option').count()).toBeLessThan(30);
    expect(await page.getByRole('heading', { name: 'Favorites' }).count()).toBe(0); // headings are presentation rows, not headings
    // Scrolling to the end fetches only the page in view.
    await page.locator('#entry-list').evaluate((el) => (el.scrollTop = el.scrollHeight));
    await expect.poll(() => page.getByText('Entry 10000', { exact: true }).count()).toBe(1);
    const pages = (await sent(page)).filter((m) => m.kind === 'listEntries');
    expect(pages.length).toBeLessThanOrEqual(3);
    expect(await page.getByRole('option').count()).toBeLessThan(30);
  });

  it('focuses the search box, filters on every keystroke and moves with the arrow keys', async () => {
    const page = await popup({ state: readyState(), entryCount: 500 });
    const search = page.getByRole('combobox', { name: 'Search passwords' });
    await expect.poll(() => search.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('Entry 0012');
    await expect.poll(() => page.getByRole('option').count()).toBe(10);
    expect((await sent(page)).filter((m) => m.kind === 'search').map((m) => m.body.text)).toContain('Entry 0012');
    expect(await activeName(page)).toBe('Entry 00120');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await activeName(page)).toBe('Entry 00122');
    await page.keyboard.press('ArrowUp');
    expect(await activeName(page)).toBe('Entry 00121');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('heading', { name: 'Entry 00121', level: 1 }).count()).toBe(1);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('combobox').inputValue()).toBe('Entry 0012');
  });

  it('says when nothing matches and offers a sync', async () => {
    const page = await popup({ state: readyState(), entryCount: 50 });
    await page.getByRole('combobox').fill('zzz-nothing');
    await expect.poll(() => page.getByRole('heading', { name: 'Nothing matches' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Sync now' }).count()).toBe(1);
  });

  it('fills the first match on Enter when the tab has a login form', async () => {
    const page = await popup({ state: readyState(), entryCount: 20, canFill: true, replies: { fillEntry: { ok: true, value: null } } });
    await page.getByRole('option').first().waitFor();
    await page.keyboard.press('Enter');
    await expect
      .poll(async () => (await sent(page)).find((m) => m.kind === 'fillEntry')?.body)
      .toEqual({ entryId: 'src1:shared:2', tabId: 1 }); // the favorite comes first
  });

  it('copies the password with Ctrl+C and clears the clipboard after the delay, sending only a hash', async () => {
    const page = await popup({
      state: readyState(),
      entryCount: 5,
      replies: {
        revealSecret: { ok: true, value: { value: 'S3cret-pass!' } },
        getSettings: { ok: true, value: { clipboardClearSeconds: 2 } },
      },
    });
    await page.getByRole('option').first().waitFor();
    await expect.poll(() => answered(page, 'getSettings')).toBe(true);
    const cleared = nextClear();
    await page.keyboard.press('Control+c');
    await expect.poll(() => clipboard.read()).toBe('S3cret-pass!');
    const clear = (await sent(page)).find((m) => m.kind === 'clearClipboardLater');
    expect(clear?.body.delayMs).toBe(2000);
    expect(await page.locator('.toast [role=status]').textContent()).toBe('Password copied. The clipboard is cleared in 2 s.');
    expect(JSON.stringify(clear)).not.toContain('S3cret');
    // Not the clipboard itself until the clear has run: reading it from a web page meanwhile made the offscreen
    // clear flaky in headless Chromium.
    await cleared;
    expect(await clipboard.read()).toBe('');
    await page.bringToFront();
    await page.getByRole('combobox').focus();
    await page.keyboard.press('Control+b');
    await expect.poll(() => clipboard.read()).toBe('user2'); // the favorite comes first
  });

  // Without the clipboardRead permission (not asked for) the clear cannot see what the clipboard holds, so it
  // empties it: a password left behind is the worse failure (src/ui/offscreen/clear-if-unchanged.ts).
  it('empties the clipboard after the delay even when something else was copied since, as it cannot read it', async () => {
    const page = await popup({
      state: readyState(),
      entryCount: 5,
      replies: {
        revealSecret: { ok: true, value: { value: 'other-secret' } },
        getSettings: { ok: true, value: { clipboardClearSeconds: 1 } },
      },
    });
    await page.getByRole('option').first().waitFor();
    await expect.poll(() => answered(page, 'getSettings')).toBe(true);
    const cleared = nextClear();
    await page.keyboard.press('Control+c');
    await expect.poll(() => clipboard.read()).toBe('other-secret');
    await clipboard.write('something the user copied');
    await cleared;
    expect(await clipboard.read()).toBe('');
  });

  it('asks for a reason before revealing a locked password (type 1) and sends it', async () => {
    const page = await popup({
      state: readyState(),
      entryCount: 3,
      patches: { 2: { lockedType: 1 } },
      replies: {
        revealSecret: { ok: true, value: { value: 'db-pass' } },
        getEntryDetails: { ok: false, code: 'internal', message: 'offline' },
      },
    });
    await page
      .getByRole('option', { name: /Entry 00002/ })
      .first()
      .click();
    await page.getByRole('button', { name: 'Show: Password' }).click();
    await page.getByRole('textbox', { name: 'Reason' }).fill('Incident 42');
    await page.getByRole('button', { name: 'Unlock with this reason' }).click();
    await expect.poll(() => page.getByText('db-pass').count()).toBe(1);
    expect((await sent(page)).find((m) => m.kind === 'revealSecret')?.body).toEqual({
      entryId: 'src1:shared:2',
      field: 0,
      reason: 'Incident 42',
    });
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('explains that only a permission request is possible (type 2)', async () => {
    const page = await popup({ state: readyState(), entryCount: 3, patches: { 3: { lockedType: 2 } } });
    await page
      .getByRole('option', { name: /Entry 00003/ })
      .first()
      .click();
    await expect.poll(() => page.getByText(/request permission on the server/).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Copy password' }).isDisabled()).toBe(true);
  });

  it('shows a TOTP code with its countdown', async () => {
    const page = await popup({
      state: readyState(),
      entryCount: 3,
      patches: { 1: { hasOtp: true } },
      replies: { getOtp: { ok: true, value: { code: '492039', period: 30, remainingSeconds: 17 } } },
    });
    await page
      .getByRole('option', { name: /Entry 00001/ })
      .first()
      .click();
    await expect.poll(() => page.locator('.otp-code').textContent()).toBe('492 039');
    await expect.poll(() => page.getByLabel(/seconds left/).getAttribute('aria-label')).toMatch(/^1[5-7] seconds left$/);
  });

  it('shows the locked state with a passphrase field, and unlocks', async () => {
    const page = await popup({
      state: readyState({ locked: true }),
      entryCount: 3,
      replies: { unlock: { ok: false, code: 'bad_passphrase', message: 'Wrong' } },
    });
    const field = page.getByLabel('Passphrase');
    await expect.poll(() => field.evaluate((el) => el === document.activeElement)).toBe(true);
    await field.fill('nope');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('Wrong passphrase.');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('shows the first sync with its progress', async () => {
    const sources = [{ ...readyState().sources[0], lastSyncAt: undefined, entryCount: 0, progress: { done: 40, total: 300 } }];
    const page = await popup({ state: readyState({ sources }), entryCount: 0 });
    await expect.poll(() => page.getByRole('heading', { name: 'First sync in progress' }).count()).toBe(1);
    expect(await page.getByRole('progressbar', { name: '40 of 300 entries' }).count()).toBeGreaterThan(0);
  });

  it('shows a server error with the reason, the last sync time and a retry, above the cached list', async () => {
    const at = new Date(Date.now() - 5 * 60_000).toISOString();
    const sources = [
      { ...readyState().sources[0], lastSyncAt: at, lastError: { code: 'network' as const, message: 'connect ECONNREFUSED', at } },
    ];
    const page = await popup({ state: readyState({ sources }), entryCount: 30, replies: { syncNow: { ok: true, value: null } } });
    // In words first; the server's own message only folded away, for support.
    const banner = page.locator('.banner.error');
    await expect.poll(() => banner.innerText()).toContain('The server could not be reached.');
    expect(await banner.innerText()).toContain('Check the address, your network or VPN');
    expect(await banner.innerText()).not.toContain('ECONNREFUSED');
    await banner.getByText('Details for support').click();
    expect(await banner.innerText()).toContain('connect ECONNREFUSED');
    expect(await page.getByText('Last synced 5 minutes ago.').count()).toBe(1);
    await page.getByRole('button', { name: 'Retry' }).click();
    expect((await sent(page)).some((m) => m.kind === 'syncNow')).toBe(true);
    expect(await page.getByRole('option').count()).toBeGreaterThan(0);
  });

  it('says when the role is read-only, and shows a source badge with several servers', async () => {
    const one = readyState().sources[0];
    const sources = [
      { ...one, readOnly: true },
      { ...one, id: 'src2', name: 'Team sysPass', kind: 'syspass' as const, authKind: 'syspass' as const },
    ];
    const page = await popup({ state: readyState({ sources }), entryCount: 10 });
    await page.getByRole('option').first().waitFor();
    await expect.poll(() => page.getByText(/read-only access/).count()).toBe(1);
    expect(await page.locator('.entry-row .badge', { hasText: 'Company TPM' }).count()).toBeGreaterThan(0);
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`has no serious accessibility violation in the list (${scheme})`, async () => {
      const page = await popup({ state: readyState(), entryCount: 200, siteHost: 'example.test' }, scheme);
      await page.getByRole('option').first().waitFor();
      expect(await seriousViolations(page)).toEqual([]);
    });
  }

  it('has no serious accessibility violation when no server is configured (real worker)', async () => {
    const page = await ext.openPopup('?tab=1');
    await expect.poll(() => page.getByRole('heading', { name: 'No server configured' }).count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
  });
});
