import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { untilClickable } from './click-guard';
import { got, pendingSavesHeading, resultOf, startSaveEnv, type SaveEnv } from './save-env';

const TPM_POST = 'POST /index.php/api/v5/passwords.json';

/** A save whose reply is lost: queued (encrypted), shown in the popup, kept over a worker restart, saved exactly once. */
describe('saving during an outage', () => {
  let env: SaveEnv;
  beforeAll(async () => {
    env = await startSaveEnv();
  }, 120_000);
  afterAll(async () => env?.close());

  const serverDownAtPrompt =
    'the server down as the prompt opens: places from the last sync are offered, and Diagnostics says what failed (and copies it)';
  it(serverDownAtPrompt, async () => {
    env.tpm.faults.add({ match: /^GET \S+\/me\.json$/, status: 503 });
    try {
      const { page } = await env.open(env.url('outage', 'signup-rules.html'));
      await page.locator('[data-k=user]').fill('night.shift');
      await page.locator('[data-k=pass]').fill('Typed-At-Night-1');
      await page.locator('button').click();
      const prompt = await env.prompt(page);
      await prompt.locator('select[name=server]').selectOption({ label: 'Company TPM' });
      expect(await prompt.locator('select[name=place] option').allInnerTexts()).toContain('Shared services');
      await page.close();
    } finally {
      env.tpm.faults.clear();
    }
    const options = await env.ext.openOptions();
    await options.getByRole('link', { name: 'Diagnostics' }).click();
    const section = options.getByRole('region', { name: 'Diagnostics' });
    await expect.poll(() => section.locator('li').allInnerTexts()).toContainEqual(expect.stringMatching(/save\.places server( ×\d+)?$/));
    await section.getByRole('button', { name: 'Copy' }).click();
    await expect.poll(() => section.getByRole('status').innerText()).toBe('Copied: paste it into your message to support.');
    // Read back from a web page allowed to read the clipboard (an extension page cannot be granted that).
    const web = `http://127.0.0.1:${new URL(env.url('clip', '')).port}`;
    await env.ext.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: web });
    const reader = await env.ext.context.newPage();
    await reader.goto(`${web}/classic.html`);
    const report = await reader.evaluate(() => navigator.clipboard.readText());
    expect(report.split('\n')[0]).toMatch(/^\S.* \d+\.\d+\.\d+$/); // the extension and its version
    expect(report).toMatch(/^\d{4}-\d\d-\d\dT\S+ save\.places server( ×\d+)?$/m);
    // Nothing that names the server, the page or the user.
    for (const text of [new URL(env.tpm.url).host, 'outage.save.test', 'night.shift', 'alice', 'Typed-At-Night-1'])
      expect(report).not.toContain(text);
    await Promise.all([reader.close(), options.close()]);
  });

  it('queues the save, survives a worker restart and lands exactly once when the server is back', async () => {
    const name = 'crm.save.test';
    const records = () => [...env.tpm.state.passwords.values()].filter((p) => p.name === name);
    const { page, tabId } = await env.open(env.url('crm', 'signup-rules.html'));
    await page.locator('[data-k=user]').fill('sales.bot');
    await page.locator('[data-k=pass]').click({ button: 'right' });
    expect(await env.clickMenu('generate-password', tabId)).toBe(true);
    const password = (await got(page)).pass;
    await page.locator('button').click();
    await page.waitForURL(/welcome\.html$/);
    const prompt = await env.prompt(page);
    await prompt.locator('select[name=server]').selectOption({ label: 'Company TPM' });
    await prompt.locator('select[name=place]').selectOption({ label: 'Shared services' });

    // The server applies the POST, but the reply is lost: a gateway answers 502 (as when the backend is slow).
    // (A connection dropped after the POST is no test here: Chromium itself re-sends a POST whose reused
    // keep-alive connection closed before any reply byte, before the extension sees an error.)
    env.tpm.faults.log.length = 0;
    env.tpm.faults.add({ match: TPM_POST, status: 502, times: 1 });
    await untilClickable(prompt);
    await prompt.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => resultOf(prompt)).toBe('Not saved yet — will retry. The popup shows it until it is saved.');
    expect(records()).toHaveLength(1);

    // Kept encrypted: the password is nowhere in storage.local.
    const stored = JSON.stringify(await env.ext.inWorker(() => chrome.storage.local.get(null), undefined));
    expect(stored).toContain('saveQueue');
    expect(stored).not.toContain(password);

    const popup = await env.ext.openPopup();
    await expect.poll(() => pendingSavesHeading(popup)).toBe('1 login not saved yet');
    expect(await popup.locator('.pending-saves li').innerText()).toContain(`${name} (sales.bot)`);

    await env.restartWorker();
    await popup.reload();
    await expect.poll(() => pendingSavesHeading(popup)).toBe('1 login not saved yet');
    await popup.getByRole('button', { name: 'Retry' }).last().click();
    await expect.poll(() => popup.locator('.pending-saves').count()).toBe(0);

    // Asked the server first (the first POST had landed), and did not post again.
    expect(env.tpm.faults.log.filter((k) => k === TPM_POST)).toHaveLength(1);
    expect(records()).toHaveLength(1);
    expect(records()[0]).toMatchObject({ username: 'sales.bot', password, projectId: env.tpm.state.demo.sharedProjectId });
    expect((await env.ask('listPendingSaves', {})).value).toEqual([]);
    // The saved entry is in the vault at once (it matches its site).
    const found = (await env.ask<{ name: string }[]>('search', { text: name, limit: 5 })).value;
    expect(found.map((e) => e.name)).toContain(name);
    await Promise.all([page.close(), popup.close()]);
  });

  it('queues a save the server never received and posts it once when it is back', async () => {
    const name = 'wiki.save.test';
    const records = () => [...env.tpm.state.passwords.values()].filter((p) => p.name === name);
    const { page, tabId } = await env.open(env.url('wiki', 'signup-rules.html'));
    await page.locator('[data-k=user]').fill('editor');
    await page.locator('[data-k=pass]').click({ button: 'right' });
    expect(await env.clickMenu('generate-password', tabId)).toBe(true);
    await page.locator('button').click();
    await page.waitForURL(/welcome\.html$/);
    const prompt = await env.prompt(page);
    await prompt.locator('select[name=server]').selectOption({ label: 'Company TPM' });
    await prompt.locator('select[name=place]').selectOption({ label: 'Shared services' });
    env.tpm.faults.log.length = 0;
    env.tpm.faults.add({ match: /./, drop: true }); // the server is down
    await untilClickable(prompt);
    await prompt.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => resultOf(prompt)).toBe('Not saved yet — will retry. The popup shows it until it is saved.');
    expect(records()).toHaveLength(0);

    await env.restartWorker();
    env.tpm.faults.clear();
    env.tpm.faults.log.length = 0;
    const [pending] = (await env.ask<{ id: string }[]>('listPendingSaves', {})).value;
    expect(await env.ask('retryPendingSave', { id: pending.id })).toMatchObject({ ok: true, value: { saved: true, pending: 0 } });
    expect(records()).toHaveLength(1);
    expect(env.tpm.faults.log.filter((k) => k === TPM_POST)).toHaveLength(1);
    await page.close();
  });
});
