/**
 * Hostile pages (test/pages/hostile/*.html) that try to get a secret out of the autofill in ways
 * autofill-security.test.ts does not try: spoofed messages, a transparent layer at click time, fields moved
 * under the cursor, a form action swapped after the fill, a frame navigated inside its origin, hidden second
 * password fields, and value recorders running before the user picks. Each attack must come away empty.
 * Already covered there: synthetic clicks and keys (1), a covered or faded menu (6), sandboxed frames (4), a
 * cross-origin frame navigating before the fill (5), one frame only (6).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { e2eDist } from '../builds';
import { got, startAutofillEnv, values, type AutofillEnv } from './autofill-env';
import { untilClickable } from './click-guard';

const alice = { user: 'alice@acme.test', pass: 'Al1ce-secret!' };
const secrets = ['Al1ce-secret!', 'B0b-secret', 'nas-Pa55', 'App-pw', '314159'];

describe('hostile pages', () => {
  let env: AutofillEnv;
  beforeAll(async () => {
    env = await startAutofillEnv();
  }, 120_000);
  afterAll(async () => env?.close());

  /** Clicks the icon of the field `selector` where a user would: at its right edge, with the real mouse. */
  async function openMenuAt(page: Page, selector: string): Promise<Frame> {
    await expect.poll(() => page.locator('tpmsp-autofill-icon').count()).toBeGreaterThan(0);
    const box = (await page.locator(selector).boundingBox())!;
    await page.mouse.click(box.x + box.width - 14, box.y + box.height / 2);
    return env.menuFrame(page);
  }
  /** Everything the page can see: values that came with events and values in its fields. */
  const pageSaw = async (target: Page | Frame) => JSON.stringify([await got(target), await values(target)]);
  const noSecretIn = (text: string) => secrets.filter((s) => text.includes(s));

  it('spoofed postMessage (fake token, fake commands, fake close/height) neither drives the menu nor the host', async () => {
    const page = await env.open(`${env.acme('hostile/spoof.html')}?id=${env.ext.extensionId}`);
    await env.detected(`${env.acme('hostile/spoof.html')}?id=${env.ext.extensionId}`);
    const menu = await openMenuAt(page, '[data-k=user]');
    // Nothing to wait for: the page posts its forgeries every 5 ms; give it a good while to achieve anything.
    await page.waitForTimeout(800);
    const spoof = await page.evaluate(() => (window as never as { __spoof: { frames: number; posts: number } }).__spoof);
    // The menu's window is out of the page's reach (not in window.frames, inside a closed shadow root): no forged
    // token or command can even be posted to it.
    expect(spoof).toMatchObject({ frames: 0, posts: 0 });
    // The host ignored the page's own "close" and "height": the menu is open, at its own height.
    expect(await page.locator('tpmsp-autofill-menu').count()).toBe(1);
    const height = await page.locator('tpmsp-autofill-menu').evaluate((el) => el.getBoundingClientRect().height);
    expect(height).toBeLessThan(400);
    // The menu runs on the content script's token (it lists the entries); nothing was filled by the forged commands.
    expect(await menu.locator('button[data-entry=alice]').count()).toBe(1);
    expect(noSecretIn(await pageSaw(page))).toEqual([]);
    // Control: the user's own pick still works.
    await untilClickable(menu);
    await menu.locator('button[data-entry=alice]').click();
    await expect.poll(() => got(page)).toEqual(alice);
    await page.close();
  });

  it('runtime messages from a web page: no chrome.runtime for pages, and a forged web sender is refused', async () => {
    const url = `${env.acme('hostile/spoof.html')}?id=${env.ext.extensionId}`;
    const page = await env.open(url);
    // Nothing to wait for: the page tried at load; a reply, if any came, would be in by now.
    await page.waitForTimeout(300);
    const spoof = await page.evaluate(() => (window as never as { __spoof: { runtime: string; replies: unknown[] } }).__spoof);
    // No externally_connectable: the page's world has no way to message us at all.
    expect(spoof.runtime).toBe('undefined');
    expect(spoof.replies).toEqual([]);
    // If one did arrive (a compromised renderer), it would come with a web URL as sender: page-only requests are
    // refused before any handler runs. Delivered through the worker's own onMessage, as the browser would.
    const options = await env.ext.openOptions();
    const hasPassphrase = async () =>
      (await options.evaluate(() => chrome.runtime.sendMessage({ kind: 'getPopupState', body: {} }))).value.hasPassphrase;
    expect(await hasPassphrase()).toBe(false);
    const deliver = (from: string) =>
      env.ext.currentWorker().then((w) =>
        w.evaluate(`chrome.runtime.onMessage.dispatch({ kind: 'setPassphrase', body: { passphrase: 'attacker passphrase' } },
          { id: chrome.runtime.id, url: ${JSON.stringify(from)}, origin: new URL(${JSON.stringify(from)}).origin,
            tab: { id: 1, url: ${JSON.stringify(from)} }, frameId: 0 }, () => {})`),
      );
    await deliver(url);
    // Nothing to wait for: the control below shows how soon an obeyed request takes effect.
    await page.waitForTimeout(1000);
    expect(await hasPassphrase()).toBe(false);
    // Control: the same delivery with our options page as sender is obeyed (so the refusal above is the router's).
    await deliver(`${env.ext.origin}src/ui/options/index.html`);
    await expect.poll(hasPassphrase).toBe(true);
    await options.close();
    await page.close();
  });

  for (const mode of ['through', 'steal'] as const) {
    it(`a transparent full-page layer shown over the menu at click time gets no fill (${mode})`, async () => {
      const page = await env.open(`${env.acme('hostile/overlay.html')}?mode=${mode}`);
      const menu = await openMenuAt(page, '[data-k=user]');
      await expect.poll(() => page.evaluate(() => document.getElementById('layer')!.matches(':popover-open'))).toBe(true);
      // Long enough on screen that only the layer can be why the menu refuses.
      await untilClickable(menu, { occluded: true });
      // A user's real click where the entry is.
      const box = (await menu.locator('button[data-entry=alice]').boundingBox())!;
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      // The click reaches the menu (Chromium routes it to the extension's frame even under the layer), which
      // refuses it: the layer counts as covering it. Or the layer took the click. Never a fill.
      const refused = async () =>
        (
          await menu
            .getByRole('alert')
            .innerText()
            .catch(() => '')
        ).includes('covered or hidden');
      const stolen = async () => (await page.evaluate(() => (window as never as { __clicks: number }).__clicks)) === 1;
      if (mode === 'through') await expect.poll(refused).toBe(true);
      else await expect.poll(async () => (await refused()) || (await stolen())).toBe(true);
      expect(noSecretIn(await pageSaw(page))).toEqual([]);
      await page.close();
    });
  }

  it('a field moved under the cursor between icon and pick: the fill goes to the field picked from', async () => {
    const page = await env.open(`${env.acme('hostile/move-field.html')}?mode=swap`);
    const menu = await openMenuAt(page, '#a [data-k=user]');
    // The page swapped the forms: B is now where A was.
    await expect.poll(() => page.evaluate(() => document.getElementById('b')!.style.order)).toBe('1');
    await untilClickable(menu);
    await menu.locator('button[data-entry=alice]').click();
    await expect.poll(() => got(page)).toEqual(alice);
    expect(await values(page)).toEqual(alice);
    await page.close();
  });

  it('the field picked from replaced by another: nothing is filled', async () => {
    const page = await env.open(`${env.acme('hostile/move-field.html')}?mode=replace`);
    const menu = await openMenuAt(page, '#a [data-k=user]');
    await expect.poll(() => page.locator('[data-k=user-c]').count()).toBe(1);
    // With its field gone the menu sits in the page's corner, where the browser does not count it as really
    // visible: the pick is refused as hidden, or (were it counted visible) as the page having changed.
    await untilClickable(menu, { occluded: true });
    await menu.locator('button[data-entry=alice]').click();
    await expect
      .poll(() =>
        menu
          .getByRole('alert')
          .innerText()
          .catch(() => ''),
      )
      .toMatch(/^Not filled: /);
    expect(noSecretIn(await pageSaw(page))).toEqual([]);
    await page.close();
  });

  for (const autoSubmit of [false, true]) {
    const actionSwapped =
      `a form action swapped to another origin after the fill: ` +
      `the extension never submits to it (auto-submit ${autoSubmit ? 'on' : 'off'})`;
    it(actionSwapped, async () => {
      await env.setVault({ autoSubmit });
      try {
        const evil = env.attacker('collect');
        const page = await env.open(`${env.acme('hostile/action-swap.html')}?to=${encodeURIComponent(evil)}`);
        const requests: string[] = [];
        page.on('request', (r) => requests.push(r.url()));
        const menu = await openMenuAt(page, '[data-k=user]');
        await untilClickable(menu);
        await menu.locator('button[data-entry=alice]').click();
        // The fill happened for this origin's page (what the page does with its own fields is its business) ...
        await expect.poll(() => got(page)).toEqual(alice);
        expect(await page.evaluate(() => (document.getElementById('f') as HTMLFormElement).action)).toBe(evil);
        // Nothing to wait for: an auto-submit comes right after the fill (the control below).
        await page.waitForTimeout(800);
        // ... but the extension did not submit it to the new action, nor filled twice, nor sent anything anywhere.
        expect(await page.evaluate(() => (window as never as { __submits: string[] }).__submits)).toEqual([]);
        expect(requests.filter((u) => u.startsWith(evil))).toEqual([]);
        expect(page.url()).toContain('action-swap.html');
        const inputs = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
        expect(inputs.filter((u) => u.includes('attacker'))).toEqual([]);
        await page.close();
        if (!autoSubmit) return;
        // Control: the same form, left alone by its page, is submitted by auto-submit (to its own action).
        const plain = await env.open(env.acme('hostile/action-swap.html'));
        const plainMenu = await openMenuAt(plain, '[data-k=user]');
        await untilClickable(plainMenu);
        await plainMenu.locator('button[data-entry=alice]').click();
        await expect
          .poll(() => plain.evaluate(() => (window as never as { __submits: string[] }).__submits))
          .toEqual([env.acme('hostile/ok.html')]);
        await plain.close();
      } finally {
        await env.setVault({ autoSubmit: false });
      }
    });
  }

  it('a frame navigated within its origin between match and fill (to a path the entry does not cover) gets nothing', async () => {
    await env.setVault({ strategy: 'startsWith' });
    onTestFinished(() => env.setVault({}));
    const top = env.acme('hostile/frame-nav.html', 'apps');
    const login = env.acme('app/login.html', 'apps');
    const page = await env.open(top);
    const record = await env.detected(login);
    const options = await env.ext.openOptions();
    const fill = () =>
      options.evaluate((tabId) => chrome.runtime.sendMessage({ kind: 'fillEntry', body: { entryId: 'app', tabId } }), record.tabId);
    // Control: the app's entry fills its frame.
    expect(await fill()).toMatchObject({ ok: true });
    const frameAt = (url: string) => page.frames().find((f) => f.url() === url)!;
    await expect.poll(() => got(frameAt(login))).toEqual({ user: 'appuser', pass: 'App-pw' });
    // The frame moves to another path of the same origin whose form shows up late.
    const moved = env.acme('late-login.html', 'apps');
    await page.evaluate((src) => ((document.getElementById('f') as HTMLIFrameElement).src = src), moved);
    await expect.poll(() => page.frames().some((f) => f.url() === moved)).toBe(true);
    expect(await fill()).toMatchObject({ ok: false, code: 'not_found' });
    await env.detected(moved);
    expect(await fill()).toMatchObject({ ok: false, code: 'not_found' });
    // Nothing to wait for: both fills were refused; this is for a secret sent anyway to arrive.
    await page.waitForTimeout(300);
    expect(noSecretIn(await pageSaw(frameAt(moved)))).toEqual([]);
    await Promise.all([page.close(), options.close()]);
  });

  it('hidden second password fields (display:none, off-screen, opacity 0, invisible, tiny, aria-hidden) stay empty', async () => {
    const page = await env.open(env.acme('hostile/hidden-second.html'));
    const menu = await openMenuAt(page, '[data-k=user]');
    await untilClickable(menu);
    await menu.locator('button[data-entry=alice]').click();
    await expect.poll(() => values(page)).toEqual(alice);
    expect(await got(page)).toEqual(alice);
    await page.close();
  });

  it('a page probing for our files at their fixed URLs finds none, even with the in-page host loaded', async () => {
    const page = await env.open(env.acme('hostile/probe.html'));
    // The detector found matches and loaded the host (its icons are in the page).
    await expect.poll(() => page.locator('tpmsp-autofill-icon').count()).toBeGreaterThan(0);
    const all = (dir: string): string[] =>
      fs
        .readdirSync(dir, { withFileTypes: true })
        .flatMap((d) => (d.isDirectory() ? all(path.join(dir, d.name)) : [path.join(dir, d.name)]));
    const files = all(e2eDist).map((f) => path.relative(e2eDist, f).split(path.sep).join('/'));
    expect(files.filter((f) => /host.*\.js$/.test(f))).toHaveLength(1); // the on-demand host is among them
    expect(await page.evaluate(() => (window as never as { __probeSelf(): Promise<boolean> }).__probeSelf())).toBe(true);
    const found = await page.evaluate(
      ([id, list]) => (window as never as { __probe(i: string, f: string[]): Promise<string[]> }).__probe(id, list),
      [env.ext.extensionId, files] as const,
    );
    expect(found).toEqual([]);
    await page.close();
  }, 120_000);

  it('value recorders (MutationObserver, listeners, polling) see nothing before the user picks', async () => {
    const page = await env.open(env.nas('hostile/observer.html'));
    const menu = await openMenuAt(page, '[data-k=user]');
    // Nothing to wait for: the menu is open and the page watches for a good while; there must be nothing to see yet.
    await page.waitForTimeout(1500);
    type Seen = { t: number; how: string; k: string; v: string }[];
    const seen = () => page.evaluate(() => (window as never as { __seen: Seen }).__seen);
    expect(await seen()).toEqual([]);
    await untilClickable(menu);
    const pickedAt = await page.evaluate(() => performance.now());
    await menu.locator('button[data-entry=nas]').click();
    await expect.poll(async () => (await seen()).some((s) => s.v === 'nas-Pa55')).toBe(true);
    // Values appear only after the pick (the recorders work: they caught the fill).
    expect((await seen()).filter((s) => s.t < pickedAt)).toEqual([]);
    await page.close();
  });
});
