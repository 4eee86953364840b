/**
 * The autofill security rules, each tried by an attacker-style page (test/pages/attack-*.html and friends)
 * that must fail, next to the legitimate case that must work.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { distDir, e2eDist } from '../builds';
import { got, startAutofillEnv, values, type AutofillEnv } from './autofill-env';
import { untilClickable } from './click-guard';

const alice = { user: 'alice@acme.test', pass: 'Al1ce-secret!' };

describe('autofill security rules', () => {
  let env: AutofillEnv;
  beforeAll(async () => {
    env = await startAutofillEnv();
  }, 120_000);
  afterAll(async () => env?.close());

  const frameAt = (page: Page, url: string): Frame => page.frames().find((f) => f.url() === url)!;
  /**
   * Opens the menu from the page's first icon and clicks an entry once the menu has been visible a moment. On a page
   * that covers or fades the menu (`attacked`), once it has been on screen that long: its guard must still refuse.
   */
  async function pickFromMenu(page: Page, entryId: string, attacked = false): Promise<Frame> {
    await page.locator('tpmsp-autofill-icon').first().click();
    const menu = await env.menuFrame(page);
    await untilClickable(menu, { occluded: attacked });
    await menu.locator(`button[data-entry=${entryId}]`).click({ force: attacked });
    return menu;
  }

  it('1. fills nothing without a user action, even when the page fakes clicks and shortcut keys', async () => {
    const url = env.acme('attack-synthetic.html');
    const page = await env.open(url);
    await env.detected(url);
    await expect.poll(() => page.locator('tpmsp-autofill-icon').count()).toBeGreaterThan(0);
    expect(await page.evaluate(() => (window as never as { __attack(): number }).__attack())).toBeGreaterThan(0);
    // Nothing to wait for: the page's fake clicks and keys must cause nothing; a menu or a fill would show by now.
    await page.waitForTimeout(1000);
    expect(await page.locator('tpmsp-autofill-menu').count()).toBe(0);
    expect(await got(page)).toEqual({});
    expect(await values(page)).toEqual({});
    await page.close();
  });

  it('1. fill-on-load (opt-in) fills only empty fields, only in the matching frame', async () => {
    await env.setVault({ fillOnLoad: true });
    try {
      const page = await env.open(env.nas('prefilled.html'));
      await expect.poll(() => got(page)).toEqual({ pass: 'nas-Pa55' });
      expect(await values(page)).toEqual({ user: 'someone', pass: 'nas-Pa55' });
      const evil = env.attacker('frame-evil.html');
      const framed = await env.open(`${env.nas('attack-frame.html')}?src=${encodeURIComponent(evil)}`);
      await expect.poll(() => got(framed)).toEqual({ user: 'admin', pass: 'nas-Pa55' });
      await env.detected(evil);
      // Nothing to wait for: the top frame was filled on load above; the ad frame, reported too, must stay empty.
      await framed.waitForTimeout(500);
      expect(await got(frameAt(framed, evil))).toEqual({});
      // Ambiguous (two matches): nothing on load.
      const ambiguous = await env.open(env.acme('classic.html'));
      await env.detected(env.acme('classic.html'));
      // Nothing to wait for: a fill on load would come as soon after the report as on the pages above.
      await ambiguous.waitForTimeout(800);
      expect(await got(ambiguous)).toEqual({});
      await Promise.all([page.close(), framed.close(), ambiguous.close()]);
    } finally {
      await env.setVault({ fillOnLoad: false });
    }
  });

  it('2. a cross-origin iframe is filled only when its own URL matches: an ad frame in a matching page gets nothing', async () => {
    const evil = env.attacker('frame-evil.html');
    const page = await env.open(`${env.acme('attack-frame.html')}?src=${encodeURIComponent(evil)}`);
    const record = await env.detected(evil);
    const frame = frameAt(page, evil);
    expect(await frame.locator('tpmsp-autofill-icon').count()).toBe(0);
    await frame.locator('[data-k=user]').focus();
    await env.command('fill-best-match', record.tabId);
    // The shortcut opens the menu in the ad frame, which has nothing for it.
    const menu = await env.menuFrame(page);
    // The menu says "Loading…" until the worker has answered.
    await expect.poll(() => menu.locator('.menu-note').innerText(), { timeout: 5000 }).toBe('No login saved for this site.');
    expect(await got(frame)).toEqual({});
    expect(await got(page)).toEqual({});
    await page.close();
  });

  it('3. an https entry is not filled into an http page without asking', async () => {
    const url = env.acme('classic.html', 'shop');
    const page = await env.open(url);
    const record = await env.detected(url);
    await page.locator('[data-k=user]').focus();
    await env.command('fill-best-match', record.tabId);
    const menu = await env.menuFrame(page);
    // The worker answered the shortcut with the menu instead of a fill.
    await untilClickable(menu);
    expect(await got(page)).toEqual({});
    await menu.locator('button[data-entry=shop]').click();
    await expect.poll(() => menu.getByRole('alert').innerText()).toContain('is saved for a secure (https) site');
    expect(await got(page)).toEqual({});
    await menu.getByRole('button', { name: 'Fill anyway' }).click();
    await expect.poll(() => got(page)).toEqual({ user: 'shopper', pass: 'Shop-pw' });
    await page.close();
  });

  it('4. sandboxed frames with an opaque origin are never offered nor filled; one that kept the page origin is', async () => {
    const page = await env.open(env.acme('sandboxed.html'));
    const same = env.acme('frame-login.html?same');
    const record = await env.detected(same);
    // Nothing to wait for: the frame sandboxed without allow-same-origin must never report (its origin is opaque);
    // its sibling has reported already, so this frame had the same time and more.
    await page.waitForTimeout(1000);
    const frames = await env.ext.inWorker(
      () => (globalThis as never as { autofillTest: { allFrames(): Promise<{ url: string }[]> } }).autofillTest.allFrames(),
      undefined,
    );
    expect(frames.filter((f) => f.url.includes('frame-login')).map((f) => f.url)).toEqual([same]);
    const [opaque, sameOrigin] = page.frames().slice(1);
    await opaque.locator('[data-k=user]').focus();
    await env.command('fill-best-match', record.tabId);
    // Nothing to wait for: the command came back, and a fill would have followed at once.
    await page.waitForTimeout(500);
    expect(await got(opaque)).toEqual({});
    expect(await page.locator('tpmsp-autofill-menu').count()).toBe(0);
    await sameOrigin.locator('[data-k=user]').focus();
    await env.command('fill-best-match', record.tabId);
    await expect.poll(() => got(sameOrigin)).toEqual(alice);
    expect(await got(opaque)).toEqual({});
    await page.close();
  });

  it('5. the frame is checked again just before the secret is sent: a frame that navigated away gets nothing', async () => {
    const login = env.acme('frame-login.html');
    const page = await env.open(`${env.partner('iframe-cross.html')}?src=${encodeURIComponent(login)}`);
    const record = await env.detected(login);
    const options = await env.ext.openOptions();
    const fill = () =>
      options.evaluate((tabId) => chrome.runtime.sendMessage({ kind: 'fillEntry', body: { entryId: 'alice', tabId } }), record.tabId);
    // Control: the popup's "Fill" reaches the matching frame.
    expect(await fill()).toMatchObject({ ok: true });
    await expect.poll(() => got(frameAt(page, login))).toEqual(alice);
    // Attack: the frame moves to another origin (whose form shows up late, so the worker still has the old report).
    const evil = env.attacker('late-login.html');
    await page.evaluate((src) => ((document.getElementById('f') as HTMLIFrameElement).src = src), evil);
    await expect.poll(() => page.frames().some((f) => f.url() === evil)).toBe(true);
    expect(await fill()).toMatchObject({ ok: false, code: 'not_found' });
    await env.detected(evil);
    // Nothing to wait for: the fill was refused above; this is for a secret sent anyway to arrive.
    await page.waitForTimeout(300);
    expect(await got(frameAt(page, evil))).toEqual({});
    await Promise.all([page.close(), options.close()]);
  });

  it('paths are not a boundary inside one origin: under "starts with", an entry is offered on its path only', async () => {
    await env.setVault({ strategy: 'startsWith' });
    onTestFinished(() => env.setVault({}));
    const ok = await env.open(env.acme('app/login.html', 'apps'));
    await pickFromMenu(ok, 'app');
    await expect.poll(() => got(ok)).toEqual({ user: 'appuser', pass: 'App-pw' });
    const other = await env.open(env.acme('classic.html', 'apps'));
    await env.detected(env.acme('classic.html', 'apps'));
    // Nothing to wait for: an icon would follow the report as on the app's own path above.
    await other.waitForTimeout(1000);
    expect(await other.locator('tpmsp-autofill-icon').count()).toBe(0);
    await Promise.all([ok.close(), other.close()]);
  });

  it('6. the secret goes to the one frame the user picked in, not to other frames of the tab', async () => {
    const same = env.acme('frame-login.html');
    const evil = env.attacker('frame-evil.html');
    for (const src of [same, evil]) {
      const page = await env.open(`${env.acme('attack-frame.html')}?src=${encodeURIComponent(src)}`);
      await env.detected(src);
      await pickFromMenu(page, 'alice');
      await expect.poll(() => got(page)).toEqual(alice);
      // Nothing to wait for: a fill of the other frame would come with the one just seen.
      await page.waitForTimeout(300);
      expect(await got(frameAt(page, src))).toEqual({});
      await page.close();
    }
  });

  for (const mode of ['cover', 'opacity']) {
    it(`6. the inline menu refuses to act while the page hides it (${mode})`, async () => {
      const page = await env.open(`${env.acme('attack-clickjack.html')}?mode=${mode}`);
      const menu = await pickFromMenu(page, 'alice', true);
      await expect.poll(() => menu.getByRole('alert').innerText()).toContain('covered or hidden');
      expect(await got(page)).toEqual({});
      await page.close();
    });
  }

  it('keeps the test hooks out of the shipped build', () => {
    const hooks = (dir: string) =>
      fs
        .readdirSync(dir, { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('.js'))
        .flatMap((f) => fs.readFileSync(path.join(dir, f), 'utf8').match(/\b(autofillTest|saveTest)\b/g) ?? []);
    // The e2e build, made from the same sources, has them: the search would find them in the shipped one.
    expect(new Set(hooks(e2eDist))).toEqual(new Set(['autofillTest', 'saveTest']));
    expect(hooks(distDir)).toEqual([]);
  });
});
