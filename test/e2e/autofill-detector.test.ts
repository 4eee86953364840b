/**
 * The login shapes the detector used to miss (issue 23, classes 7, 8, 9, 12, 13), each filled through the in-page
 * menu and through the shortcut, on the shipped build syncing from the TPM simulator: Material text fields,
 * closed shadow roots, same-origin sandboxed frames, a login three frames deep in a frame too small for the menu,
 * a login dialog over a grid of a thousand inputs rebuilt every second. Honeypots and opaque sandboxes stay refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { got } from './autofill-env';
import { untilClickable } from './click-guard';
import { LOGINS, startShippedEnv, type ShippedEnv } from './shipped-env';

describe('autofill on the shapes the detector used to miss (shipped build, TPM simulator)', () => {
  let env: ShippedEnv;
  beforeAll(async () => {
    env = await startShippedEnv();
  }, 120_000);
  afterAll(async () => env?.close());

  /**
   * Picks the login named `name` in the page's inline menu, once the menu has been on screen a moment (clickjacking
   * guard). `inspect` looks at the menu before the pick: a fill closes it.
   */
  async function pick(page: Page, name: string, inspect?: (menu: Frame) => Promise<void>): Promise<Frame> {
    const menu = await env.menuFrame(page);
    const entry = menu.locator('.menu-list button', { hasText: name });
    await entry.waitFor();
    await untilClickable(menu);
    await inspect?.(menu);
    await entry.click();
    return menu;
  }

  describe('7. Material Web text fields (input in an open shadow root, transparent until focused, label over it)', () => {
    const user = 'md-outlined-text-field[data-k=user] input';
    const expectFilled = async (page: Page) => {
      await expect.poll(() => got(page)).toEqual(LOGINS.acme);
      // The component saw it too (its label floats, its value is the login's), and the honeypot stayed empty.
      expect(await page.locator('md-outlined-text-field[data-k=user]').evaluate((el) => (el as HTMLInputElement).value)).toBe(
        LOGINS.acme.user,
      );
      expect(await page.locator('md-outlined-text-field[data-k=pass] md-outlined-field').getAttribute('populated')).toBe('');
      expect(await page.locator('input[data-k=hp]').inputValue()).toBe('');
    };

    it('fills them from the in-page menu', async () => {
      const page = await env.open(env.acme('material.html'));
      await env.clickIcon(page.mainFrame(), user);
      await pick(page, 'Acme Cloud');
      await expectFilled(page);
      await page.close();
    });

    it('fills them on the "fill best match" shortcut', async () => {
      const page = await env.open(env.acme('material.html'));
      await env.iconShown(page.mainFrame(), user);
      await page.locator(user).focus();
      await env.shortcut(page, 'fill-best-match');
      await expectFilled(page);
      await page.close();
    });

    it('still leaves honeypots empty (transparent, hidden, tiny, off the page)', async () => {
      const page = await env.open(env.acme('honeypot.html'));
      await env.clickIcon(page.mainFrame(), '[data-k=user]');
      await pick(page, 'Acme Cloud');
      await expect.poll(() => got(page)).toEqual(LOGINS.acme);
      await page.reload();
      await env.iconShown(page.mainFrame(), '[data-k=pass]');
      await page.locator('[data-k=pass]').focus();
      await env.shortcut(page, 'fill-best-match');
      await expect.poll(() => got(page)).toEqual(LOGINS.acme);
      await page.close();
    });
  });

  describe('8. closed shadow roots (a login component of closed components)', () => {
    it('fills them from the in-page menu', async () => {
      const page = await env.open(env.acme('shadow-closed.html'));
      await env.clickIcon(page.mainFrame(), 'acme-login');
      await pick(page, 'Acme Cloud');
      await expect.poll(() => got(page)).toEqual(LOGINS.acme);
      await page.close();
    });

    it('fills them on the "fill best match" shortcut', async () => {
      const page = await env.open(env.acme('shadow-closed.html'));
      await env.iconShown(page.mainFrame(), 'acme-login');
      // A click on the password component puts the focus in its (unreachable) input, as a user's would.
      const box = (await page.locator('acme-login').boundingBox())!;
      await page.mouse.click(box.x + 40, box.y + box.height / 2 + 10);
      await env.shortcut(page, 'fill-best-match');
      await expect.poll(() => got(page)).toEqual(LOGINS.acme);
      await page.close();
    });
  });

  describe('9. sandboxed frames that kept the page origin', () => {
    const frames = (page: Page) => ({
      widget: page.frames().find((f) => f.url().endsWith('frame-login.html?widget'))!,
      opaque: page.frames().find((f) => f.url().endsWith('frame-login.html?user-content'))!,
    });

    it('fills the same-origin sandboxed frame from the in-page menu, never the opaque one', async () => {
      const page = await env.open(env.acme('sandboxed-same.html'));
      const { widget, opaque } = frames(page);
      await env.clickIcon(widget, '[data-k=user]');
      await pick(page, 'Acme Cloud');
      await expect.poll(() => got(widget)).toEqual(LOGINS.acme);
      expect(await opaque.locator('tpmsp-autofill-icon').count()).toBe(0);
      expect(await got(opaque)).toEqual({});
      await page.close();
    });

    it('fills the same-origin sandboxed frame on the shortcut, and not the opaque one', async () => {
      const page = await env.open(env.acme('sandboxed-same.html'));
      const { widget, opaque } = frames(page);
      await env.iconShown(widget, '[data-k=user]');
      await opaque.locator('[data-k=user]').focus();
      await env.shortcut(page, 'fill-best-match');
      // Nothing to wait for: the shortcut came back, and a fill would have followed at once (the widget's below).
      await page.waitForTimeout(1000);
      expect(await got(opaque)).toEqual({});
      expect(await page.locator('tpmsp-autofill-menu').count()).toBe(0);
      await widget.locator('[data-k=user]').focus();
      await env.shortcut(page, 'fill-best-match');
      await expect.poll(() => got(widget)).toEqual(LOGINS.acme);
      await page.close();
    });
  });

  describe('12. the in-page menu of a login three frames deep, in a frame too small for it', () => {
    /** acme → partner → acme → the partner's login, in a frame 70 px tall. */
    const url = () => {
      const level = (to: string) => `&next=${encodeURIComponent(to)}`;
      const [acme, partner] = [env.acme('deep-frame.html'), env.partner('deep-frame.html')];
      return `${acme}?x=1${level(partner)}${level(acme)}${level(partner)}`;
    };
    const leafOf = (page: Page) => page.frames().find((f) => f.url() === env.partner('deep-frame.html'))!;

    /** The menu is shown by the top frame, whole, over the page: the user sees all of it, and so does the guard. */
    async function expectMenuInTop(page: Page, menu: Frame): Promise<void> {
      expect(menu.parentFrame()).toBe(page.mainFrame());
      const box = (await page.locator('tpmsp-autofill-menu').boundingBox())!;
      const view = page.viewportSize()!;
      expect(box.height).toBeGreaterThan(60);
      expect(box.y + box.height).toBeLessThanOrEqual(view.height);
      expect(box.x + box.width).toBeLessThanOrEqual(view.width);
    }

    it('shows the menu from the field icon whole, in the top frame, and the pick fills the deep frame', async () => {
      const page = await env.open(url());
      await expect.poll(() => !!leafOf(page)).toBe(true);
      const leaf = leafOf(page);
      await env.clickIcon(leaf, '[data-k=user]');
      await pick(page, 'Partner SSO', (menu) => expectMenuInTop(page, menu));
      // Filled: the guard saw the whole menu (a clipped one says "covered" and fills nothing).
      await expect.poll(() => got(leaf)).toEqual(LOGINS.partner);
      await page.close();
    });

    it('does the same from the "open menu" shortcut, and fills on the "fill best match" one', async () => {
      const page = await env.open(url());
      await expect.poll(() => !!leafOf(page)).toBe(true);
      const leaf = leafOf(page);
      await env.iconShown(leaf, '[data-k=user]');
      await leaf.locator('[data-k=user]').focus();
      await env.shortcut(page, 'open-inline-menu');
      await pick(page, 'Partner SSO', (menu) => expectMenuInTop(page, menu));
      await expect.poll(() => got(leaf)).toEqual(LOGINS.partner);
      await page.reload();
      await expect.poll(() => !!leafOf(page)).toBe(true);
      const again = leafOf(page);
      await env.iconShown(again, '[data-k=pass]');
      await again.locator('[data-k=pass]').focus();
      await env.shortcut(page, 'fill-best-match');
      await expect.poll(() => got(again)).toEqual(LOGINS.partner);
      await page.close();
    });
  });

  describe('13. a login dialog over a grid of 1,050 inputs rebuilt every second', () => {
    it('finds the late login and fills it from the in-page menu', async () => {
      const page = await env.open(env.acme('grid-login.html'));
      await env.clickIcon(page.mainFrame(), '#expired [data-k=user]');
      await pick(page, 'Acme Cloud');
      await expect.poll(() => got(page)).toEqual(LOGINS.acme);
      await page.close();
    });

    it('fills it on the "fill best match" shortcut', async () => {
      const page = await env.open(env.acme('grid-login.html'));
      await env.iconShown(page.mainFrame(), '#expired [data-k=pass]');
      await page.locator('#expired [data-k=pass]').focus();
      await env.shortcut(page, 'fill-best-match');
      await expect.poll(() => got(page)).toEqual(LOGINS.acme);
      await page.close();
    });
  });
});
