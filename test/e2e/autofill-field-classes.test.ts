/**
 * The field classes of issue 23 on their own test pages, on the real vault (TPM and sysPass simulators, synced):
 * through the in-page menu on the shipped build, and through the "fill best match" shortcut on the e2e build (the
 * shipped build plus the hook that runs a command as the shortcut does). Each check reads what the page's own
 * script received, so a value in a field that should have stayed empty fails it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { distDir, e2eDist } from '../builds';
import { got, inlineMenuFrame, values } from './autofill-env';
import { untilClickable } from './click-guard';
import {
  LOGINS,
  clickIcon,
  iconsOver,
  launchVaultBrowser,
  startAutofillWorld,
  type AutofillWorld,
  type VaultBrowser,
} from './autofill-vault-env';

const { shop, secure, mail, portalAdmin, teamMail, wiki } = LOGINS;

interface FillCase {
  name: string;
  host: string;
  page: string;
  /** The field the user acts on: its icon (menu), or focus (shortcut). */
  field: string;
  /** The entry picked in the menu (the shortcut takes the best match). */
  entry: string;
  verify(page: Page, world: AutofillWorld): Promise<void>;
}

/** The page's script received exactly these values (and nothing in any other field). */
const receives = (expected: Record<string, string>) => async (page: Page) => {
  await expect.poll(() => got(page), { timeout: 10_000 }).toEqual(expected);
};

/** The page holds a current TOTP of the secure entry (its own `__code()`), and its script received `expected(code)`. */
const receivesCode = (expected: (code: string) => Record<string, string>) => async (page: Page, world: AutofillWorld) => {
  const code = () => page.evaluate(() => (window as never as { __code?(): string }).__code?.() ?? '');
  await expect.poll(code, { timeout: 10_000 }).toMatch(/^\d{6}$/);
  expect(world.recentCodes()).toContain(await code());
  await expect.poll(() => got(page)).toEqual(expected(await code()));
};

/** The page's script received nothing and the fields are empty. */
async function expectEmpty(page: Page, fields: string[]): Promise<void> {
  expect(await got(page)).toEqual({});
  for (const field of fields) expect(await page.locator(field).inputValue(), field).toBe('');
}

const digits = (code: string) => Object.fromEntries([...code].map((d, i) => [`d${i + 1}`, d]));

const fills: FillCase[] = [
  {
    name: 'a verification code on a short numeric field (class 2)',
    host: 'secure',
    page: 'verify-code.html',
    field: '#code',
    entry: secure.name,
    async verify(page, world) {
      await expect.poll(async () => (await got(page)).otp ?? '', { timeout: 10_000 }).toMatch(/^\d{6}$/);
      expect(world.recentCodes()).toContain((await got(page)).otp);
      expect(Object.keys(await got(page))).toEqual(['otp']);
    },
  },
  {
    name: 'a login beside a security key field, which stays empty (class 3)',
    host: 'secure',
    page: 'security-key.html',
    field: '#login',
    entry: secure.name,
    verify: receives({ user: secure.username, pass: secure.password }),
  },
  {
    name: 'the password of a change-of-e-mail form, not the new e-mail fields (class 4)',
    host: 'shop',
    page: 'change-email.html',
    field: '#current_password',
    entry: shop.name,
    verify: receives({ pass: shop.password }),
  },
  {
    name: 'the password of a change-of-user-name form, not the new user name (class 4, German)',
    host: 'shop',
    page: 'change-username.html',
    field: '[name=kennwort]',
    entry: shop.name,
    verify: receives({ pass: shop.password }),
  },
  {
    name: 'a user name and an e-mail address asked side by side (class 5)',
    host: 'shop',
    page: 'username-and-email.html',
    field: '#u',
    entry: shop.name,
    verify: receives({ user: shop.username, email: shop.email, pass: shop.password }),
  },
  {
    name: "an e-mail login with the TPM entry's e-mail address (class 5)",
    host: 'shop',
    page: 'email-login.html',
    field: '[name=email]',
    entry: shop.name,
    verify: receives({ email: shop.email, pass: shop.password }),
  },
  {
    name: 'an e-mail login without the user name of an entry that has no e-mail address (class 5)',
    host: 'mail',
    page: 'email-login.html',
    field: '[name=password]',
    entry: mail.name,
    verify: receives({ pass: mail.password }),
  },
  {
    name: 'an e-mail login with a sysPass login that is an e-mail address (class 5)',
    host: 'team',
    page: 'email-login.html',
    field: '[name=email]',
    entry: teamMail.name,
    verify: receives({ email: teamMail.username, pass: teamMail.password }),
  },
  {
    name: 'an e-mail login without a sysPass login that is not an e-mail address (class 5)',
    host: 'wiki',
    page: 'email-login.html',
    field: '[name=password]',
    entry: wiki.name,
    verify: receives({ pass: wiki.password }),
  },
  {
    name: '"Enter your password to confirm" (re-authentication, class 6)',
    host: 'shop',
    page: 'reauth.html',
    field: '#sudo_password',
    entry: shop.name,
    verify: receives({ pass: shop.password }),
  },
  {
    name: '"Passwort bestätigen" before deleting an account (class 6, German)',
    host: 'shop',
    page: 'konto-loeschen.html',
    field: '[name=passwort_bestaetigen]',
    entry: shop.name,
    verify: receives({ user: shop.username, pass: shop.password }),
  },
  {
    name: 'six one-digit boxes that move the focus on input (class 10)',
    host: 'secure',
    page: 'code-boxes.html',
    field: '[data-k=d1]',
    entry: secure.name,
    verify: receivesCode(digits),
  },
  {
    name: 'six one-digit boxes of a component that takes each digit on keyup (class 10)',
    host: 'secure',
    page: 'code-boxes-keyup.html',
    field: '[data-k=d1]',
    entry: secure.name,
    verify: receivesCode(digits),
  },
  {
    name: 'six one-digit boxes whose page spreads a pasted code (class 10)',
    host: 'secure',
    page: 'code-boxes-paste.html',
    field: '[data-k=d1]',
    entry: secure.name,
    async verify(page, world) {
      await receivesCode(() => ({}))(page, world);
      // One paste of the whole code, spread by the page itself.
      expect(await page.evaluate(() => (window as never as { __pastes(): string[] }).__pastes())).toEqual([
        await page.evaluate(() => (window as never as { __code(): string }).__code()),
      ]);
    },
  },
  {
    name: 'code boxes whose first box takes the whole code and spreads it (class 10)',
    host: 'secure',
    page: 'code-boxes-spread.html',
    field: '[data-k=d1]',
    entry: secure.name,
    verify: receivesCode((code) => ({ d1: code })),
  },
  {
    name: 'the most specific of two "starts with" matches (class 11)',
    host: 'portal',
    page: 'portal/admin/login.html',
    field: '[name=user]',
    entry: portalAdmin.name,
    verify: receives({ user: portalAdmin.username, pass: portalAdmin.password }),
  },
];

interface LeftAloneCase {
  name: string;
  host: string;
  page: string;
  /** The fields that must get no icon and no value. */
  fields: string[];
  /** The roles the host finds on the page (what a fill may serve). */
  roles: string[];
}

const leftAlone: LeftAloneCase[] = [
  {
    name: 'a sign-up with a password and its "confirm" field (class 1)',
    host: 'shop',
    page: 'signup-confirm.html',
    fields: ['#email', '#password', '#password_confirmation'],
    roles: ['new-password'],
  },
  {
    name: 'the password step of a sign-up that says "Continue" (class 1)',
    host: 'shop',
    page: 'signup-password-step.html',
    fields: ['#pw', '#pw2'],
    roles: ['new-password'],
  },
  {
    name: 'postal, ZIP, country, area and promo codes (class 2)',
    host: 'secure',
    page: 'address-postal.html',
    fields: ['#postal', '[name=zip]', '#cc', '#area', '#promo-code'],
    roles: [],
  },
  {
    name: 'a card security code, coupon and voucher codes (class 2)',
    host: 'secure',
    page: 'checkout-codes.html',
    fields: ['[name=securityCode]', '[name=coupon]', '[name=voucher]'],
    roles: [],
  },
  {
    name: 'a security key step, a password-typed "Verification code" (class 3)',
    host: 'secure',
    page: 'security-key-step.html',
    fields: ['[name=yubikey]'],
    roles: [],
  },
];

let world: AutofillWorld;
beforeAll(async () => {
  world = await startAutofillWorld();
}, 60_000);
afterAll(async () => world?.close());

describe('issue 23 pages, shipped build, through the in-page menu', () => {
  let browser: VaultBrowser;
  beforeAll(async () => {
    browser = await launchVaultBrowser(world, distDir);
  }, 60_000);
  afterAll(async () => browser?.close());

  for (const c of fills) {
    it(`fills ${c.name}`, async () => {
      const { page } = await browser.open(world.at(c.host, c.page));
      await browser.pickInMenu(page, c.field, c.entry);
      await c.verify(page, world);
      await page.close();
    });
  }

  for (const c of leftAlone) {
    it(`offers nothing in ${c.name}`, async () => {
      const { page, tabId } = await browser.open(world.at(c.host, c.page));
      // The detector reported the page and the host classified it: the entry matches, the fields are not its business.
      expect(await browser.exactRoles(tabId)).toEqual(c.roles);
      // Nothing to wait for: icons are placed right after that classification (the fills above show them).
      await page.waitForTimeout(500);
      for (const field of c.fields) expect(await iconsOver(page, field), field).toEqual([]);
      await expectEmpty(page, c.fields);
      await page.close();
    });
  }

  it('fills a user name, then an e-mail address, then a password, each on its own step (class 5)', async () => {
    const { page } = await browser.open(world.at('shop', 'email-step-1.html'));
    await browser.pickInMenu(page, '#username', shop.name);
    await expect.poll(() => got(page)).toEqual({ user: shop.username });
    await page.locator('button').click();
    await page.waitForURL(/email-step-2/);
    await browser.pickInMenu(page, '#email', shop.name);
    await expect.poll(() => got(page)).toEqual({ email: shop.email });
    await page.locator('button').click();
    await page.waitForURL(/email-step-3/);
    await browser.pickInMenu(page, '#password', shop.name);
    await expect.poll(() => got(page)).toEqual({ pass: shop.password });
    await page.close();
  });

  it('lists the most specific "starts with" match first, in the menu and in the popup (class 11)', async () => {
    const { page, tabId } = await browser.open(world.at('portal', 'portal/admin/login.html'));
    await clickIcon(page, '[name=user]');
    expect(await browser.menuNames(await inlineMenuFrame(page))).toEqual([portalAdmin.name, LOGINS.portal.name]);
    const popup = await browser.ext.openPopup(`?tab=${tabId}`);
    const names = () =>
      popup.evaluate(() => [...document.querySelectorAll('.entry-row .entry-name')].map((el) => (el.textContent ?? '').trim()));
    await expect.poll(async () => (await names()).slice(0, 2)).toEqual([portalAdmin.name, LOGINS.portal.name]);
    await popup.close();
    // The portal's own login page is matched by the portal entry only.
    const { page: general } = await browser.open(world.at('portal', 'portal/login.html'));
    await clickIcon(general, '[name=user]');
    expect(await browser.menuNames(await inlineMenuFrame(general))).toEqual([LOGINS.portal.name]);
    await general.close();
    await page.close();
  });
});

describe('issue 23 pages, e2e build, through the shortcut', () => {
  let browser: VaultBrowser;
  beforeAll(async () => {
    browser = await launchVaultBrowser(world, e2eDist);
  }, 60_000);
  afterAll(async () => browser?.close());

  const command = (cmd: 'fill-best-match' | 'open-inline-menu', tabId: number) =>
    browser.ext.inWorker(
      ([c, t]) =>
        (globalThis as never as { autofillTest: { runCommand(c: string, t: number): Promise<void> } }).autofillTest.runCommand(c, t),
      [cmd, tabId] as const,
    );

  /** Opens the page, focuses `field` and presses the shortcut; returns the page. */
  async function shortcut(url: string, field: string, cmd: 'fill-best-match' | 'open-inline-menu' = 'fill-best-match') {
    const { page, tabId } = await browser.open(url);
    await page.locator(field).focus();
    await command(cmd, tabId);
    return { page, tabId };
  }

  for (const c of fills) {
    it(`fills ${c.name} on "fill best match"`, async () => {
      const { page } = await shortcut(world.at(c.host, c.page), c.field);
      await c.verify(page, world);
      await page.close();
    });
  }

  for (const c of leftAlone) {
    it(`writes nothing into ${c.name} on "fill best match"`, async () => {
      for (const field of c.fields) {
        const { page } = await shortcut(world.at(c.host, c.page), field);
        // Nothing to fill here: the shortcut shows the menu instead (the generator's, in a sign-up's password fields).
        await inlineMenuFrame(page);
        await expectEmpty(page, c.fields);
        await page.close();
      }
    });
  }

  it('generates a new password into both fields of a sign-up from the in-page menu, never the stored one (class 1)', async () => {
    for (const [page, field, confirm] of [
      ['signup-confirm.html', '#password_confirmation', '#password'],
      ['signup-password-step.html', '#pw', '#pw2'],
    ]) {
      const { page: tab } = await shortcut(world.at('shop', page), field, 'open-inline-menu');
      const menu = await inlineMenuFrame(tab);
      await untilClickable(menu);
      await menu.getByRole('button', { name: 'Generate strong password' }).click();
      await expect.poll(async () => (await tab.locator(field).inputValue()).length).toBeGreaterThan(11);
      const generated = await tab.locator(field).inputValue();
      expect(await tab.locator(confirm).inputValue()).toBe(generated);
      expect(generated).not.toBe(shop.password);
      expect(Object.values(await values(tab))).not.toContain(shop.password);
      expect(Object.values(await values(tab))).not.toContain(shop.email);
      await tab.close();
    }
  });

  it('writes no TOTP into a postal code or a security key field picked from the in-page menu (classes 2, 3)', async () => {
    for (const [page, field] of [
      ['address-postal.html', '#postal'],
      ['checkout-codes.html', '[name=securityCode]'],
      ['security-key-step.html', '[name=yubikey]'],
    ]) {
      const { page: tab } = await shortcut(world.at('secure', page), field, 'open-inline-menu');
      const menu = await inlineMenuFrame(tab);
      await untilClickable(menu);
      await menu.locator('.menu-list button', { hasText: secure.name }).click();
      // The pick finds nothing on this page that takes a value of the entry: the menu closes, nothing is written.
      await expect.poll(() => tab.locator('tpmsp-autofill-menu').count()).toBe(0);
      expect(await got(tab), page).toEqual({});
      expect(await values(tab), page).toEqual({});
      await tab.close();
    }
  });

  it('fills a user name, then an e-mail address, then a password, each on its own step (class 5)', async () => {
    const { page, tabId } = await shortcut(world.at('shop', 'email-step-1.html'), '#username');
    await expect.poll(() => got(page)).toEqual({ user: shop.username });
    await page.locator('button').click();
    for (const [step, field, expected] of [
      ['email-step-2', '#email', { email: shop.email }],
      ['email-step-3', '#password', { pass: shop.password }],
    ] as const) {
      await page.waitForURL(new RegExp(step));
      await browser.reported(tabId, step);
      await page.locator(field).focus();
      await command('fill-best-match', tabId);
      await expect.poll(() => got(page)).toEqual(expected);
      if (step === 'email-step-2') await page.locator('button').click();
    }
    await page.close();
  });
});
