import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { untilClickable } from './click-guard';
import { got, resultOf, startSaveEnv, type SaveEnv } from './save-env';

/** Context-menu generation on a sign-up form, the save prompt after the submit, saving and updating on the servers. */
describe('generate, submit, save to the server', () => {
  let env: SaveEnv;
  let generated = '';
  beforeAll(async () => {
    env = await startSaveEnv();
  }, 120_000);
  afterAll(async () => env?.close());

  const tpmNamed = (name: string) => [...env.tpm.state.passwords.values()].filter((p) => p.name === name);

  it('registers the context-menu items on editable fields', async () => {
    const exists = (id: string) =>
      env.ext.inWorker(
        (item) =>
          chrome.contextMenus.update(item, {}).then(
            () => true,
            () => false,
          ),
        id,
      );
    expect(await exists('generate-password')).toBe(true);
    expect(await exists('generate-passphrase')).toBe(true);
    expect(await exists('no-such-item')).toBe(false);
  });

  it('generates into the password and its confirmation, honouring maxlength and pattern; the page sees it', async () => {
    const { page, tabId } = await env.open(env.url('shop', 'signup-rules.html'));
    await page.locator('[data-k=user]').fill('new.user');
    await page.locator('[data-k=pass]').click({ button: 'right' });
    expect(await env.clickMenu('generate-password', tabId)).toBe(true);
    const received = await got(page);
    generated = received.pass;
    expect(generated).toMatch(/^[A-Za-z0-9]{10,14}$/);
    expect(received.pass2).toBe(generated);
    expect(await page.locator('[data-k=pass]').evaluate((el: HTMLInputElement) => el.validity.valid)).toBe(true);

    await page.locator('button').click();
    await page.waitForURL(/welcome\.html$/);
    const prompt = await env.prompt(page);
    expect(await prompt.locator('h1').innerText()).toBe(`Save the login for ${new URL(page.url()).host}?`);
    expect(await prompt.locator('input[name=name]').inputValue()).toBe('shop.save.test');
    expect(await prompt.locator('input[name=username]').inputValue()).toBe('new.user');
    expect(await prompt.locator('input[name=url]').inputValue()).toBe(env.url('shop', 'signup-rules.html'));
    await prompt.locator('select[name=server]').selectOption({ label: 'Company TPM' });
    const places = await prompt.locator('select[name=place] option').allInnerTexts();
    expect(places).toContain('My Passwords');
    expect(places).toContain('Shared services');
    await prompt.locator('select[name=place]').selectOption({ label: 'Shared services' });
    await untilClickable(prompt);
    await prompt.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => resultOf(prompt)).toBe('Saved to Company TPM › Shared services');

    const [saved, ...more] = tpmNamed('shop.save.test');
    expect(more).toEqual([]);
    expect(saved).toMatchObject({
      projectId: env.tpm.state.demo.sharedProjectId,
      username: 'new.user',
      password: generated,
      accessInfo: env.url('shop', 'signup-rules.html'),
    });
    await page.close();
  });

  it('offers an update after the user filled the current password and typed a new one; the server gets only the new password', async () => {
    const { page } = await env.open(env.url('shop', 'change-password.html'));
    const before = { ...tpmNamed('shop.save.test')[0] };
    await env.fillFromMenu(page, '[data-k=current]', 'shop.save.test');
    await expect.poll(() => page.locator('[data-k=current]').inputValue()).toBe(generated);
    await page.locator('[data-k=new]').fill('Changed-Pass-2026');
    await page.locator('[data-k=confirm]').fill('Changed-Pass-2026');
    await page.locator('button').click();
    const prompt = await env.prompt(page);
    expect(await prompt.locator('h1').innerText()).toBe('Update the password of “shop.save.test”?');
    await untilClickable(prompt);
    await prompt.getByRole('button', { name: 'Update' }).click();
    await expect.poll(() => resultOf(prompt)).toBe('Updated: Company TPM › shop.save.test');
    const after = env.tpm.state.passwords.get(before.id)!;
    expect(after.password).toBe('Changed-Pass-2026');
    expect({ ...after, password: before.password, updatedOn: before.updatedOn, updatedBy: before.updatedBy }).toEqual(before);
    await page.close();
  });

  it('does not ask about a change the user typed by hand on a site it has logins for (no fill, no user name)', async () => {
    const { page } = await env.open(env.url('shop', 'change-password.html'));
    await page.locator('[data-k=current]').fill('Something-old');
    await page.locator('[data-k=new]').fill('Changed-Pass-2026');
    await page.locator('[data-k=confirm]').fill('Changed-Pass-2026');
    await page.locator('button').click();
    // Nothing to wait for: a prompt comes within this time after a submit (the tests above).
    await page.waitForTimeout(1500);
    expect(page.frames().some((f) => f.url().includes('/src/ui/save-prompt/'))).toBe(false);
    await page.close();
  });

  it('generates from the inline menu of a new-password field', async () => {
    const { page, tabId } = await env.open(env.url('inline', 'signup-rules.html'));
    await page.locator('[data-k=pass2]').focus();
    await env.ext.inWorker(
      ([tab]) =>
        (globalThis as never as { autofillTest: { runCommand(c: string, t: number): Promise<void> } }).autofillTest.runCommand(
          'open-inline-menu',
          tab,
        ),
      [tabId] as const,
    );
    let menu = page.frames().find((f) => f.url().includes('/src/ui/inline-menu/'));
    await expect
      .poll(
        async () =>
          (menu = page.frames().find((f) => f.url().includes('/src/ui/inline-menu/'))) &&
          menu.getByRole('button', { name: 'Generate strong password' }).count(),
      )
      .toBe(1);
    await untilClickable(menu!);
    await menu!.getByRole('button', { name: 'Generate strong password' }).click();
    await expect.poll(async () => (await got(page)).pass2 ?? '').toMatch(/^[A-Za-z0-9]{10,14}$/);
    const received = await got(page);
    expect(received.pass).toBe(received.pass2);
    await page.close();
  });

  it('saves into a sysPass client and category', async () => {
    const { page, tabId } = await env.open(env.url('team', 'signup-rules.html'));
    await page.locator('[data-k=user]').fill('team.lead');
    await page.locator('[data-k=pass]').click({ button: 'right' });
    expect(await env.clickMenu('generate-alnum', tabId)).toBe(true);
    const password = (await got(page)).pass;
    expect(password).toMatch(/^[A-Za-z0-9]{10,14}$/);
    await page.locator('button').click();
    await page.waitForURL(/welcome\.html$/);
    const prompt = await env.prompt(page);
    await prompt.locator('select[name=server]').selectOption({ label: 'Team sysPass' });
    const options = await prompt.locator('select[name=place] option').allInnerTexts();
    const label = options[1];
    await prompt.locator('select[name=place]').selectOption({ label });
    await untilClickable(prompt);
    await prompt.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => resultOf(prompt)).toBe(`Saved to Team sysPass › ${label}`);
    const accounts = [...env.syspass.state.accounts.values()].filter((a) => a.name === 'team.save.test');
    expect(accounts).toHaveLength(1);
    const [client, category] = label.split(' › ');
    expect(env.syspass.state.clients.get(accounts[0].clientId)?.name).toBe(client);
    expect(env.syspass.state.categories.get(accounts[0].categoryId)?.name).toBe(category);
    expect(accounts[0]).toMatchObject({ login: 'team.lead', pass: password, url: env.url('team', 'signup-rules.html') });
    await page.close();
  });

  /** Signs up on the forum with a generated password; the page after the submit, where a save prompt would show. */
  const signUpOnForum = async (user: string) => {
    const { page, tabId } = await env.open(env.url('forum', 'signup-rules.html'));
    await page.locator('[data-k=user]').fill(user);
    await page.locator('[data-k=pass]').click({ button: 'right' });
    expect(await env.clickMenu('generate-password', tabId)).toBe(true);
    await page.locator('button').click();
    await page.waitForURL(/welcome\.html$/);
    return page;
  };

  it('remembers "Never for this site"', async () => {
    const page = await signUpOnForum('lurker');
    const prompt = await env.prompt(page);
    await untilClickable(prompt);
    await prompt.getByRole('button', { name: 'Never for this site' }).click();
    await expect.poll(() => page.frames().some((f) => f.url().includes('/src/ui/save-prompt/'))).toBe(false);
    const again = await signUpOnForum('lurker');
    // Nothing to wait for: the prompt came at once the first time.
    await again.waitForTimeout(1500);
    expect(again.frames().some((f) => f.url().includes('/src/ui/save-prompt/'))).toBe(false);
    const stored = await env.ext.inWorker(() => chrome.storage.local.get('neverSave'), undefined);
    expect(stored.neverSave).toEqual([new URL(env.url('forum', '')).origin]);
    await Promise.all([page.close(), again.close()]);
  });

  it('lists "Never for this site" in the settings, where it can be undone (and that undone again)', async () => {
    const origin = new URL(env.url('forum', '')).origin;
    const options = await env.ext.openOptions();
    await options.getByRole('link', { name: 'Autofill' }).click();
    const list = options.getByRole('region', { name: 'Sites where saving is off' });
    await expect.poll(() => list.getByRole('listitem').allInnerTexts()).toEqual([expect.stringContaining(origin)]);
    await list.getByRole('button', { name: `Offer to save again on ${origin}` }).click();
    await expect.poll(() => list.getByRole('status').innerText()).toContain(`Saving is offered again on ${origin}.`);
    expect(await list.getByRole('listitem').count()).toBe(0);
    // The keyboard is not lost: it is on the undo now.
    await expect.poll(() => options.evaluate(() => document.activeElement?.textContent)).toBe('Undo');
    await options.keyboard.press('Enter');
    await expect.poll(() => list.getByRole('listitem').count()).toBe(1);
    expect((await env.ext.inWorker(() => chrome.storage.local.get('neverSave'), undefined)).neverSave).toEqual([origin]);
    await list.getByRole('button', { name: `Offer to save again on ${origin}` }).click();
    await expect.poll(() => list.getByRole('listitem').count()).toBe(0);
    await options.reload();
    await expect.poll(() => list.getByText('None yet.', { exact: false }).count()).toBe(1);

    // The site's next sign-up gets the prompt again.
    const page = await signUpOnForum('lurker2');
    const prompt = await env.prompt(page);
    // The prompt's frame is there before its buttons: wait for them (a loaded machine takes its time).
    await expect.poll(() => prompt.getByRole('button', { name: 'Never for this site' }).count(), { timeout: 15_000 }).toBe(1);
    await Promise.all([page.close(), options.close()]);
  });
});
