/**
 * The Firefox e2e build (dist-firefox-e2e: the shipped code plus the worker's test hooks) in Firefox ESR: the
 * context menu's "Generate password" (its click handler run in the background page, as automation cannot open
 * native menus), the save prompt after the sign-up and the save to the TPM simulator, and the in-page menu's
 * clickjacking guard, which in Firefox rests on the host's visibility reports.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame, Page } from 'puppeteer-core';
import { servePages, type PageServer } from '../e2e/harness';
import { configureServers } from '../demo/configure';
import { startSyspassSim, type SyspassSim } from '../sim/syspass/server';
import { startTpmSim, type TpmSim } from '../sim/tpm/server';
import { firefoxE2eDist, launchFirefox, type FirefoxSession } from './harness';
import { clickIcon, clickText, inlineMenu, textOf, until } from './page-helpers';
import { tpmAdmin } from '../tpm-admin';

const got = (page: Page) => page.evaluate(() => (window as never as { __got(): Record<string, string> }).__got());

describe('generating, saving and the clickjacking guard in Firefox', () => {
  let ff: FirefoxSession;
  let tpm: TpmSim;
  let syspass: SyspassSim;
  let pages: PageServer;
  const at = (host: string, page: string) => `http://${host}:${pages.port}/${page}`;

  beforeAll(async () => {
    [tpm, syspass, pages] = await Promise.all([startTpmSim({ entries: 40 }), startSyspassSim({ accounts: 20 }), servePages()]);
    const company = tpmAdmin(tpm.url);
    await company.createPassword(tpm.state.demo.sharedProjectId, {
      name: 'Acme Cloud',
      username: 'alice',
      password: 'Al1ce-secret!',
      accessInfo: at('login.acme.test', ''),
    });
    ff = await launchFirefox({ dist: firefoxE2eDist, hosts: ['shop.save.test', 'login.acme.test'] });
    await configureServers(ff.ask, { tpm, syspass });
  });
  afterAll(async () => {
    await ff?.close();
    await Promise.all([tpm?.close(), syspass?.close(), pages?.close()]);
  });

  /** Opens a web page and waits until its detector reported it; resolves with the page and its tab id. */
  async function open(url: string): Promise<{ page: Page; tabId: number }> {
    const page = await ff.open(url);
    const tabId = await until(
      () => ff.reportedTabId(url),
      (id) => id > 0,
      `the report of ${url}`,
    );
    return { page, tabId };
  }

  /** The save prompt's frame in `page`, once it shows its form. */
  const savePrompt = (page: Page): Promise<Frame> =>
    until(
      async () => {
        for (const frame of page.frames().slice(1)) {
          if (
            await frame
              .evaluate(() => location.pathname.includes('/src/ui/save-prompt/') && !!document.querySelector('.prompt'))
              .catch(() => false)
          )
            return frame;
        }
        return undefined;
      },
      (frame) => frame !== undefined,
      'the save prompt',
    ) as Promise<Frame>;

  /** Picks the option labelled `label` of a select, as a user does. */
  async function choose(frame: Frame, select: string, label: string): Promise<void> {
    const value = await frame.$eval(
      select,
      (el, l) => [...(el as HTMLSelectElement).options].find((o) => o.text === l)?.value ?? '',
      label,
    );
    expect(value).not.toBe('');
    await frame.select(select, value);
  }

  it('registers the context-menu items in the background page', async () => {
    const exists = (id: string) =>
      ff.inBackground(
        (bg, item) =>
          bg.browser.contextMenus.update(item, {}).then(
            () => true,
            () => false,
          ),
        id,
      );
    expect(await exists('generate-password')).toBe(true);
    expect(await exists('generate-passphrase')).toBe(true);
    expect(await exists('no-such-item')).toBe(false);
  });

  it('generates into a sign-up form from the context menu, then saves the login to the TPM server from the prompt', async () => {
    const signup = at('shop.save.test', 'signup-rules.html');
    const { page, tabId } = await open(signup);
    await page.type('[data-k=user]', 'new.user');
    await page.click('[data-k=pass]', { button: 'right' });
    expect(await ff.inBackground((bg, [item, tab]) => bg.saveTest.clickMenu(item, tab), ['generate-password', tabId] as const)).toBe(true);
    const received = await got(page);
    expect(received.pass).toMatch(/^[A-Za-z0-9]{10,14}$/);
    expect(received.pass2).toBe(received.pass);

    await page.keyboard.press('Escape'); // the context menu, where one is shown
    await Promise.all([page.waitForNavigation(), page.click('button')]);
    const prompt = await savePrompt(page);
    expect(await textOf(prompt, 'h1')).toBe('Save the login for shop.save.test:' + pages.port + '?');
    await choose(prompt, 'select[name=server]', 'Company TPM');
    await until(
      () => prompt.$$eval('select[name=place] option', (os) => os.map((o) => o.textContent)),
      (names) => names.includes('Shared services'),
      'the TPM places',
    );
    await choose(prompt, 'select[name=place]', 'Shared services');
    await new Promise((resolve) => setTimeout(resolve, 600)); // the prompt acts only once steadily visible
    await clickText(prompt, 'button', 'Save');
    await expect.poll(() => textOf(prompt, '[role=status] p.note'), { timeout: 15_000 }).toBe('Saved to Company TPM › Shared services');
    const saved = [...tpm.state.passwords.values()].filter((p) => p.name === 'shop.save.test');
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({
      projectId: tpm.state.demo.sharedProjectId,
      username: 'new.user',
      password: received.pass,
      accessInfo: signup,
    });
    await page.close();
  });

  for (const mode of ['cover', 'opacity']) {
    it(`refuses a pick in the in-page menu while the page hides it (${mode})`, async () => {
      const { page } = await open(`${at('login.acme.test', 'attack-clickjack.html')}?mode=${mode}`);
      await clickIcon(page, '[data-k=pass]');
      const menu = await inlineMenu(page);
      await menu.pick('Acme Cloud');
      await expect.poll(() => textOf(menu.frame, '[role=alert]')).toContain('covered or hidden');
      expect(await got(page)).toEqual({});
      await page.close();
    });
  }

  it('fills from the same menu when the page leaves it alone', async () => {
    const { page } = await open(at('login.acme.test', 'attack-clickjack.html'));
    await clickIcon(page, '[data-k=pass]');
    await (await inlineMenu(page)).pick('Acme Cloud');
    await expect.poll(() => got(page)).toEqual({ user: 'alice', pass: 'Al1ce-secret!' });
    await page.close();
  });
});
