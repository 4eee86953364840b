/**
 * What the Firefox tests do on a page, as a user does it (trusted clicks and keys through WebDriver BiDi), in
 * puppeteer terms: click a button by its text, fill fields, read text, click the in-page icon, use the in-page menu.
 */
import type { Frame, Page } from 'puppeteer-core';

/** Resolves with `read()`'s first value that `ok` accepts; throws `what` after `timeoutMs` (also outside vitest: the demo uses these). */
export async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, what: string, timeoutMs = 15_000): Promise<T> {
  for (const deadline = Date.now() + timeoutMs; ; await new Promise((resolve) => setTimeout(resolve, 100))) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`);
  }
}

/** The text of every element matching `selector`, one per line ('' when none). */
export const textOf = (page: Page | Frame, selector: string): Promise<string> =>
  page.$$eval(selector, (els) => els.map((el) => (el as HTMLElement).innerText).join('\n'));

/** The names of the options a list shows (the first line of each). */
export const optionNames = (page: Page | Frame): Promise<string[]> =>
  page.$$eval('[role=option]', (els) => els.map((el) => (el as HTMLElement).innerText.split('\n')[0]));

/** Clicks the element matching `selector` whose text, first line of text or label is `text`, once there is one. */
export async function clickText(page: Page | Frame, selector: string, text: string): Promise<void> {
  if ('bringToFront' in page) await page.bringToFront();
  const index = (): Promise<number> =>
    page.$$eval(
      selector,
      (els, t) =>
        els.findIndex((el) => {
          const shown = (el as HTMLElement).innerText.trim();
          return shown === t || shown.split('\n')[0] === t || el.getAttribute('aria-label') === t;
        }),
      text,
    );
  const found = await until(index, (i) => i >= 0, `${selector} "${text}"`);
  await (await page.$$(selector))[found].click();
}

/**
 * Replaces the values of fields (by selector), typing them as a user does, in the tab brought to the front (a
 * background tab gets no animation frames, which puppeteer's locators wait for).
 */
export async function fillFields(page: Page, values: Record<string, string>): Promise<void> {
  await page.bringToFront();
  for (const [selector, value] of Object.entries(values)) await page.locator(selector).fill(value);
}

/**
 * Clicks the in-page icon over the field `selector` of `page`, once the detector has shown it, in the tab brought to
 * the front as a user's click does (a background tab's timers run once a second: the menu's visibility reports would
 * be too old for its clickjacking guard).
 */
export async function clickIcon(page: Page, selector: string): Promise<void> {
  await page.bringToFront();
  const icon = () =>
    page.evaluate((sel) => {
      const field = document.querySelector(sel)!.getBoundingClientRect();
      const rect = [...document.querySelectorAll('tpmsp-autofill-icon')]
        .map((el) => el.getBoundingClientRect())
        .find(
          (r) =>
            r.width > 0 && r.left >= field.left - 2 && r.right <= field.right + 2 && r.top >= field.top - 2 && r.bottom <= field.bottom + 2,
        );
      return rect ? { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 } : null;
    }, selector);
  const at = (await until(icon, (found) => found !== null, `the icon in ${selector}`))!;
  await page.mouse.click(at.x, at.y);
}

export interface InlineMenu {
  frame: Frame;
  /** The entry names it lists, in order. */
  names(): Promise<string[]>;
  /** Clicks the entry named so (after the moment the menu ignores clicks for, its clickjacking guard). */
  pick(name: string): Promise<void>;
}

/** The in-page menu of `page` (an extension frame), once it shows its list. */
export async function inlineMenu(page: Page): Promise<InlineMenu> {
  const find = async (): Promise<Frame | undefined> => {
    for (const frame of page.frames()) {
      if (frame === page.mainFrame()) continue;
      const ours = await frame
        .evaluate(() => location.pathname.includes('/src/ui/inline-menu/') && document.querySelector('.menu-list button') !== null)
        .catch(() => false);
      if (ours) return frame;
    }
    return undefined;
  };
  const frame = (await until(find, (found) => found !== undefined, 'the in-page menu'))!;
  return {
    frame,
    names: () => frame.$$eval('.menu-list button', (els) => els.map((el) => (el as HTMLElement).innerText.split('\n')[0])),
    async pick(name) {
      await new Promise((resolve) => setTimeout(resolve, 600));
      await clickText(frame, '.menu-list button', name);
    },
  };
}
