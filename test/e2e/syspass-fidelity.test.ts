import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_AUTH_TOKEN, DEMO_TOKEN_PASS } from '../sim/syspass/seed';
import { untilClickable } from './click-guard';
import { pendingSavesHeading, resultOf, startSaveEnv, type SaveEnv } from './save-env';

/**
 * sysPass as a real 3.2.11 behaves (issue 21): a password it would change is never sent, a URL too long for it is
 * cut to one that fits, a save it refuses stops with the reason, and a lockout means no call at all.
 */
describe('sysPass: nothing a user saves is changed silently', () => {
  let env: SaveEnv;
  beforeAll(async () => {
    env = await startSaveEnv();
  }, 120_000);
  afterAll(async () => env?.close());

  /** How many calls of `method` reached the simulator. */
  const calls = (method: string) => env.syspass.faults.log.filter((k) => k === `POST /api.php ${method}`).length;
  const accountsNamed = (name: string) => [...env.syspass.state.accounts.values()].filter((a) => a.name === name);
  const syspassId = async () =>
    (await env.ask<{ sources: { id: string; kind: string }[] }>('getPopupState', {})).value.sources.find((s) => s.kind === 'syspass')!.id;

  /** Signs up on `page` of `host` with these values and opens the save prompt for the sysPass server. */
  async function signUp(host: string, page: string, username: string, password: string) {
    const tab = await env.ext.context.newPage();
    await tab.goto(env.url(host, page));
    await tab.locator('[data-k=user]').fill(username);
    await tab.locator('[data-k=pass]').fill(password);
    if (await tab.locator('[data-k=pass2]').count()) await tab.locator('[data-k=pass2]').fill(password);
    await tab.locator('button').click();
    await tab.waitForURL(/welcome\.html$/);
    const prompt = await env.prompt(tab);
    await prompt.locator('select[name=server]').selectOption({ label: 'Team sysPass' });
    const place = (await prompt.locator('select[name=place] option').allInnerTexts())[1];
    await prompt.locator('select[name=place]').selectOption({ label: place });
    await untilClickable(prompt);
    return { tab, prompt, place };
  }

  it('refuses to update a password to "Intra < new 2", says why, and changes nothing on the server', async () => {
    // The account an administrator made for the intranet (through the API, as a real one would be).
    const created = await fetch(`${env.syspass.url}/api.php`, {
      method: 'POST',
      body: JSON.stringify({
        jsonrpc: '2.0',
        method: 'account/create',
        params: {
          authToken: DEMO_AUTH_TOKEN,
          tokenPass: DEMO_TOKEN_PASS,
          name: 'Intranet portal',
          clientId: 1,
          categoryId: 1,
          login: 'jdoe',
          url: env.url('intra', 'change-password.html'),
          pass: 'Intra-Pass-1!',
        },
        id: 1,
      }),
    }).then((r) => r.json() as Promise<{ result: { itemId: number } }>);
    const account = env.syspass.state.accounts.get(created.result.itemId)!;
    await env.ask('syncNow', {});
    await expect
      .poll(async () => (await env.ask<{ name: string }[]>('search', { text: 'Intranet portal', limit: 5 })).value.length)
      .toBe(1);

    const { page } = await env.open(env.url('intra', 'change-password.html'));
    // An update is offered after the user's fill from that entry (issue 22: the prompt is no password oracle).
    await env.fillFromMenu(page, '[data-k=current]', 'Intranet portal');
    await expect.poll(() => page.locator('[data-k=current]').inputValue()).toBe('Intra-Pass-1!');
    await page.locator('[data-k=new]').fill('Intra < new 2');
    await page.locator('[data-k=confirm]').fill('Intra < new 2');
    await page.locator('button').click();
    const prompt = await env.prompt(page);
    expect(await prompt.locator('h1').innerText()).toBe('Update the password of “Intranet portal”?');
    const why = await prompt.getByRole('alert').innerText();
    expect(why).toContain(
      'Team sysPass would store a different password: it drops “<” and the 6 characters after it, which it takes for an HTML tag.',
    );
    expect(why).toContain('so it is not saved as it is');
    // There is no plain "Update": only another password, or the changed one on the user's explicit word.
    expect(await prompt.getByRole('button', { name: 'Update' }).count()).toBe(0);
    expect(await prompt.getByRole('button', { name: 'Save it changed anyway' }).count()).toBe(1);

    await untilClickable(prompt);
    await prompt.getByRole('button', { name: 'Generate a new password' }).click();
    await expect.poll(() => resultOf(prompt)).toContain('This new password can be saved as it is');
    const generated = await prompt.locator('input[type=password]').inputValue();
    expect(generated).toMatch(/^[^<>\s]{8,}$/);
    expect(calls('account/editPass')).toBe(0);
    expect(account.pass).toBe('Intra-Pass-1!');
    await page.close();
  });

  it('stops a save the server refuses, says why in words in the prompt and the popup, and does not retry it', async () => {
    // The administrator took "Create account" away from this authorization.
    env.syspass.state.tokens.get(DEMO_AUTH_TOKEN)!.actions.delete('account/create');
    try {
      const { tab, prompt } = await signUp('refused', 'signup-rules.html', 'nobody', 'Refused1234');
      await prompt.getByRole('button', { name: 'Save', exact: true }).click();
      await expect.poll(() => resultOf(prompt)).toMatch(/^Not saved: Not allowed for this account\. \(.*may not use account\/create/);
      expect(await prompt.locator('[role=status]').innerText()).toContain(
        "Ask the server's administrator for this permission, then press Retry.",
      );
      expect(await prompt.locator('[role=status]').innerText()).not.toContain('will retry');
      expect(accountsNamed('refused.save.test')).toEqual([]);
      const sent = calls('account/create');

      const popup = await env.ext.openPopup();
      await expect.poll(() => pendingSavesHeading(popup)).toBe('1 login not saved yet');
      const line = await popup.locator('.pending-saves li').innerText();
      expect(line).toContain('refused.save.test (nobody)');
      expect(line).toContain('Not allowed for this account.');
      expect(line).toContain("Ask the server's administrator for this permission");
      // Not retried: no alarm for it, and a restarted worker (which runs the queue) sends nothing.
      expect(
        await env.ext.inWorker(
          () => (globalThis as never as { saveTest: { queueAlarm(): Promise<unknown> } }).saveTest.queueAlarm(),
          undefined,
        ),
      ).toBeUndefined();
      await env.restartWorker();
      await popup.reload();
      await expect.poll(() => pendingSavesHeading(popup)).toBe('1 login not saved yet');
      // Nothing to wait for: a restarted worker runs the queue at once; a retry would have reached the server by now.
      await popup.waitForTimeout(1000);
      expect(calls('account/create')).toBe(sent);
      await popup.getByRole('button', { name: 'Drop' }).click();
      await Promise.all([tab.close(), popup.close()]);
    } finally {
      env.syspass.state.grant(DEMO_AUTH_TOKEN, ['account/create']);
    }
  });

  it('saves from a page with a 300-character URL a URL that fits (origin and path, cut at a segment)', async () => {
    const { tab, prompt, place } = await signUp('deep', 'deep-signup.html', 'planner', 'Deep-Pass-2026!');
    const shown = await prompt.locator('input[name=url]').inputValue();
    expect(shown.length).toBeGreaterThan(255); // origin + path of the 300-character address
    await prompt.getByRole('button', { name: 'Save', exact: true }).click();
    await expect
      .poll(() =>
        prompt
          .locator('.save-check')
          .innerText()
          .catch(() => ''),
      )
      .toContain('The server will store these fields like this:');
    const stored = await prompt.locator('.stored-as dd').innerText();
    expect(stored.length).toBeLessThanOrEqual(255);
    expect(shown.startsWith(stored)).toBe(true);
    expect(stored.endsWith('/')).toBe(true);
    await prompt.getByRole('button', { name: 'Save as shown' }).click();
    await expect.poll(() => resultOf(prompt)).toBe(`Saved to Team sysPass › ${place}`);
    const [account, ...more] = accountsNamed('deep.save.test');
    expect(more).toEqual([]);
    expect(account).toMatchObject({ login: 'planner', pass: 'Deep-Pass-2026!', url: stored });
    await tab.close();
  });

  it('makes no call during a lockout: neither sync nor the connection test of Save server, also after the worker restarts', async () => {
    const id = await syspassId();
    // Ten failed attempts from this address (another client with a wrong token password, say).
    for (let i = 0; i < 10; i++) env.syspass.state.addFailure('127.0.0.1');
    const slept: number[] = [];
    const { sleep } = env.syspass.state;
    env.syspass.state.sleep = (ms) => (slept.push(ms), sleep(ms));
    await env.ask('syncNow', { id });
    env.syspass.state.sleep = sleep;
    expect(slept).toEqual([5_000]); // the server's own delay: 0.5 s × 10, by which the client knows the lockout
    const status = async () =>
      (await env.ask<{ sources: { id: string; lastError?: { code: string; message: string } }[] }>('getPopupState', {})).value.sources.find(
        (s) => s.id === id,
      )!;
    expect((await status()).lastError).toMatchObject({
      code: 'lockout',
      message: expect.stringMatching(/no call to this server until \d{1,2}:\d\d/i),
    });

    env.syspass.faults.log.length = 0;
    await env.restartWorker();
    await env.ask('syncNow', { id });
    expect((await status()).lastError?.code).toBe('lockout');

    const options = env.ours;
    await options.reload();
    // Automation cannot answer the browser's host-access prompt: the page's request is answered "allowed" (the
    // worker reaches the simulator either way, as the sync shows).
    await options.evaluate(() => {
      chrome.permissions.request = (() => Promise.resolve(true)) as never;
    });
    await options.getByRole('button', { name: 'Edit: Team sysPass' }).click();
    // Saving tests the connection first (with the stored token): the lockout stops it before any call.
    await options.getByRole('button', { name: 'Save server' }).click();
    await expect
      .poll(() =>
        options
          .getByRole('alert')
          .innerText()
          .catch(() => ''),
      )
      .toMatch(/no call to this server until \d{1,2}:\d\d/i);
    expect(await options.getByRole('alert').innerText()).toContain('an administrator can clear them in sysPass (Tracks)');
    expect(env.syspass.faults.log).toEqual([]);
  });
});
