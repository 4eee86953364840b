/**
 * The save prompt is no password oracle (issue 22): hostile pages try to learn whether a password is the stored one
 * by submitting guesses by script, by watching their DOM for the prompt, from a sibling subdomain, and by changing
 * the password field behind the user's back. The servers are the simulators, so every password read is counted
 * where it happens; the pages are real, the user's typing and clicks are real input events.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO_USERS } from '../sim/tpm/seed';
import { startSaveEnv, type SaveEnv } from './save-env';

const BANK = { username: 'alice.bank', password: 'Right-Pass-1' };
const SECURE = { username: 'carol', password: 'Carol-Pass-1' };

describe('the save prompt as a password oracle', () => {
  let env: SaveEnv;
  beforeAll(async () => {
    env = await startSaveEnv();
    // Two entries of the test user: an http bank (its domain, save.test, covers every test host) and an https one.
    const owner = env.tpm.state.userByName(DEMO_USERS.normal.username)!;
    const now = '2026-11-25 12:00:00';
    for (const [url, login] of [
      [env.url('bank', ''), BANK],
      [env.url('secure', '').replace('http:', 'https:'), SECURE],
    ] as const) {
      const id = env.tpm.state.nextId(env.tpm.state.myPasswords);
      const entry = {
        id,
        ownerId: owner.id,
        name: new URL(url).hostname,
        tags: '',
        accessInfo: url,
        ...login,
        email: '',
        notes: '',
        createdOn: now,
        updatedOn: now,
      };
      env.tpm.state.myPasswords.set(id, entry);
      env.tpm.state.touch(entry);
    }
    expect(await env.ask('syncNow', {})).toMatchObject({ ok: true });
  }, 120_000);
  afterAll(async () => env?.close());

  /** Password reads that reached a server: TPM's password record, sysPass's viewPass. */
  const reads = () =>
    [...env.tpm.faults.log, ...env.syspass.faults.log].filter((k) => /^GET \S*\/(my_)?passwords\/\d+\.json$|account\/viewPass$/.test(k))
      .length;
  /** The tags of the elements a page saw appear since `t` (its own performance.now()). */
  const seenSince = (page: Page, t: number) =>
    page.evaluate(
      (since) => (window as never as { __seen: { t: number; tag: string }[] }).__seen.filter((s) => s.t > since).map((s) => s.tag),
      t,
    );
  const promptShown = (page: Page) => page.frames().some((f) => f.url().includes('/src/ui/save-prompt/'));
  /** The host is loaded in the page (its icons are there), so its submit watcher runs. */
  const hostReady = (page: Page) => expect.poll(() => page.locator('tpmsp-autofill-icon').count(), { timeout: 10_000 }).toBeGreaterThan(0);

  /** The user fills the bank's login from the in-page menu of the user name field. */
  async function fillFromMenu(page: Page): Promise<void> {
    await env.fillFromMenu(page, '[data-k=user]', 'bank.save.test');
    await expect.poll(() => page.locator('[data-k=pass]').inputValue()).toBe(BANK.password);
  }

  const scriptedGuesses =
    'password guesses submitted by script (requestSubmit, submit event, synthetic clicks and Enter): no server read, nothing appears';
  it(scriptedGuesses, async () => {
    const { page } = await env.open(env.url('bank', 'hostile/guess.html'));
    await hostReady(page);
    const before = reads();
    const start = await page.evaluate(() => performance.now());
    const guesses = ['123456', 'password', BANK.password, 'Right-Pass-2', 'letmein', BANK.password.toLowerCase()];
    await page.evaluate(([user, list]) => (window as never as { __guess(u: string, g: string[]): Promise<void> }).__guess(user, list), [
      BANK.username,
      guesses,
    ] as const);
    // Nothing to wait for: a read or a prompt would follow a reported submit within this time (the controls below).
    await page.waitForTimeout(1500);
    expect(reads() - before).toBe(0);
    expect(promptShown(page)).toBe(false);
    expect(await seenSince(page, start)).toEqual([]);
    await page.close();
  });

  it('a page watching its DOM sees the same after the right and a wrong password the user typed, and the server is not asked', async () => {
    const { page } = await env.open(env.url('bank', 'hostile/prompt-watch.html'));
    await hostReady(page);
    const before = reads();
    const after: Record<string, string[]> = {};
    for (const password of [BANK.password, 'Wrong-Guess-1']) {
      const at = await page.evaluate(() => performance.now());
      await page.locator('[data-k=user]').fill(BANK.username);
      await page.locator('[data-k=pass]').fill(password);
      await page.locator('button').click();
      // Nothing to wait for: what the page could see would appear within this time.
      await page.waitForTimeout(1500);
      after[password] = await seenSince(page, at);
    }
    expect(after).toEqual({ [BANK.password]: [], 'Wrong-Guess-1': [] });
    expect(reads() - before).toBe(0);
    await page.close();
  });

  it('submits a script makes of what the user typed are not reported; the user’s own click is', async () => {
    const { page } = await env.open(env.url('shop', 'hostile/guess.html'));
    await hostReady(page);
    await page.locator('[data-k=user]').fill('new.customer');
    await page.locator('[data-k=pass]').fill('Fresh-Pass-77');
    // Time passing is the point: the script submits well after the user's last click or Enter.
    await page.waitForTimeout(1200);
    await page.evaluate(() => (window as never as { __submitNow(): void }).__submitNow());
    // Nothing to wait for: the control below shows the prompt within this time.
    await page.waitForTimeout(1500);
    expect(promptShown(page)).toBe(false);
    // Control: the same values, submitted by the user's click, are offered for saving.
    await page.locator('#go').click();
    const prompt = await env.prompt(page);
    expect(await prompt.locator('h1').innerText()).toMatch(/^Save the login/);
    expect(await prompt.locator('input[name=username]').inputValue()).toBe('new.customer');
    await page.close();
  });

  it('a password the page puts into the field after the user’s fill is not offered as an update; one the user types is', async () => {
    const { page } = await env.open(env.url('bank', 'hostile/guess.html'));
    await fillFromMenu(page);
    const before = reads();
    await page.evaluate(() => {
      const pass = document.querySelector<HTMLInputElement>('[data-k=pass]')!;
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(pass, 'Page-Chosen-1');
      pass.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await page.locator('#go').click();
    // Nothing to wait for: the control below shows the prompt within this time.
    await page.waitForTimeout(1500);
    expect(promptShown(page)).toBe(false);
    expect(reads() - before).toBe(0);
    await page.close();

    // Control, in a fresh tab: the user fills, then types a new password.
    const { page: next } = await env.open(env.url('bank', 'hostile/guess.html'));
    await fillFromMenu(next);
    await next.locator('[data-k=pass]').fill('Typed-New-Pass-8');
    await next.locator('#go').click();
    const prompt = await env.prompt(next);
    expect(await prompt.locator('h1').innerText()).toBe('Update the password of “bank.save.test”?');
    await next.close();
  });

  it('a sibling subdomain gets no update offer from a fill made on the bank’s page, and causes no read', async () => {
    const { page } = await env.open(env.url('bank', 'classic.html'));
    await fillFromMenu(page);
    const before = reads();
    await page.goto(env.url('evil', 'hostile/subdomain.html'));
    await hostReady(page);
    const at = await page.evaluate(() => performance.now());
    await page.locator('[data-k=user]').fill(BANK.username);
    await page.locator('[data-k=pass]').fill('Evil-Typed-1');
    await page.locator('button').click();
    // Nothing to wait for: a prompt on the bank's own page comes within this time.
    await page.waitForTimeout(1500);
    expect(await seenSince(page, at)).toEqual([]);
    expect(promptShown(page)).toBe(false);
    expect(reads() - before).toBe(0);
    await page.close();
  });

  it('an https entry is not offered for update from its http page; an http entry is', async () => {
    const change = async (host: string, username: string) => {
      const { page } = await env.open(env.url(host, 'change-password-user.html'));
      await hostReady(page);
      await page.locator('[data-k=user]').fill(username);
      await page.locator('[data-k=current]').fill('whatever-was-before');
      await page.locator('[data-k=new]').fill('Changed-Pass-55');
      await page.locator('[data-k=confirm]').fill('Changed-Pass-55');
      await page.locator('button').click();
      return page;
    };
    const before = reads();
    const http = await change('secure', SECURE.username);
    // Nothing to wait for: the control below shows the prompt within this time.
    await http.waitForTimeout(1500);
    expect(promptShown(http)).toBe(false);
    // Control: the same form for the http entry's user name offers the update.
    const plain = await change('bank', BANK.username);
    const prompt = await env.prompt(plain);
    expect(await prompt.locator('h1').innerText()).toBe('Update the password of “bank.save.test”?');
    expect(reads() - before).toBe(0);
    await Promise.all([http.close(), plain.close()]);
  });
});
