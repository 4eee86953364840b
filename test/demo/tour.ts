/**
 * The scripted tour `npm start` runs without a display: what a newcomer would do in the first minute — set up from
 * the welcome page, fill, search, generate, save — each step checked, with a screenshot per step. Also run by the
 * e2e suite.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { untilClickable } from '../e2e/click-guard';
import type { ExtensionSession } from '../e2e/harness';
import { answerHostPrompts } from '../e2e/host-access';
import { DEMO_PASSPHRASE, SYSPASS_TOKEN, TPM_USER, type DemoWorld } from './demo-world';

export interface TourStep {
  name: string;
  ok: boolean;
  detail: string;
}

/** Runs every step (a failed step does not stop the others that do not depend on it) and returns the results. */
export async function runTour(ext: ExtensionSession, world: DemoWorld, shots: string): Promise<TourStep[]> {
  fs.mkdirSync(shots, { recursive: true });
  const steps: TourStep[] = [];
  const step = async (name: string, run: () => Promise<string>) => {
    try {
      steps.push({ name, ok: true, detail: await run() });
    } catch (error) {
      steps.push({ name, ok: false, detail: error instanceof Error ? error.message.split('\n')[0] : String(error) });
    }
    const last = steps[steps.length - 1];
    console.log(`${last.ok ? '✓' : '✗'} ${name}: ${last.detail}`);
  };
  const shot = (page: Page, file: string) => page.screenshot({ path: path.join(shots, file) });

  await setUpFromWelcomePage(ext, world, step, shot);

  const login = await openTab(ext, world.at('intranet', 'login.html'));
  await step('fill the intranet login from the in-page menu', async () => {
    const page = login.page;
    await page.locator('tpmsp-autofill-icon').first().click({ timeout: 10_000 });
    const menu = await frameOf(page, '/src/ui/inline-menu/');
    await menu.getByRole('button', { name: /Intranet portal/ }).waitFor();
    await shot(page, 'inline-menu.png');
    // The menu acts only once it has been visible, unchanged, for a moment (a screenshot counts as a change).
    await untilClickable(menu);
    await menu.getByRole('button', { name: /Intranet portal/ }).click();
    await waitFor(async () => (await page.locator('#pass').inputValue()) === 'Intranet-Demo-2026', 'the password was not filled').catch(
      async (error: Error) => {
        const said = await menu
          .locator('body')
          .innerText()
          .catch(() => 'the menu is gone');
        const user = await page.locator('#user').inputValue();
        const pass = await page.locator('#pass').inputValue();
        throw new Error(
          `${error.message} (user "${user}", password ${pass.length} chars; the menu says: ${said.replace(/\s+/g, ' ').slice(0, 160)})`,
        );
      },
    );
    const user = await page.locator('#user').inputValue();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: `Welcome, ${user}` }).waitFor();
    return `filled "${user}" and the password; the page signed in`;
  });

  await step('open the popup on the intranet site', async () => {
    const popup = await ext.openPopup(`?tab=${login.tabId}`);
    await popup.setViewportSize({ width: 380, height: 560 });
    await popup
      .getByRole('option', { name: /Intranet portal/ })
      .first()
      .waitFor({ timeout: 15_000 });
    const first = (await popup.getByRole('option').first().innerText()).split('\n')[0];
    if (first !== 'Intranet portal') throw new Error(`the first entry is "${first}", not the site's`);
    await shot(popup, 'popup.png');
    await popup.close();
    return 'the site\'s entry "Intranet portal" comes first';
  });

  await step('search the vault from the popup', async () => {
    const popup = await ext.openPopup(`?tab=${login.tabId}`);
    await popup.setViewportSize({ width: 380, height: 560 });
    await popup.getByRole('option').first().waitFor({ timeout: 15_000 });
    await popup.keyboard.type('wiki');
    await popup
      .getByRole('option', { name: /Team wiki/ })
      .first()
      .waitFor({ timeout: 5_000 });
    await shot(popup, 'popup-search.png');
    const count = await popup.getByRole('option').count();
    await popup.close();
    return `"wiki" finds the sysPass entry "Team wiki" (${count} result${count === 1 ? '' : 's'})`;
  });

  const signup = await openTab(ext, world.at('shop', 'signup.html'));
  let generated = '';
  await step('generate a password on the sign-up page (context menu)', async () => {
    const page = signup.page;
    await page.locator('#user').fill('alice.shop');
    await page.locator('#pw').focus();
    const dispatched = await (await ext.currentWorker()).evaluate(
      `(async () => {
        if (!chrome.contextMenus.onClicked.dispatch) return false;
        const tab = await chrome.tabs.get(${signup.tabId});
        chrome.contextMenus.onClicked.dispatch(
          { menuItemId: 'generate-password', frameId: 0, editable: true, pageUrl: ${JSON.stringify(world.at('shop', 'signup.html'))} },
          tab
        );
        return true;
      })()`,
    );
    if (!dispatched) throw new Error('this Chromium cannot dispatch a context-menu click');
    await waitFor(async () => (await page.locator('#pw').inputValue()).length > 0, 'no password was generated');
    generated = await page.locator('#pw').inputValue();
    if ((await page.locator('#pw2').inputValue()) !== generated) throw new Error('the confirmation field differs');
    if (!(await page.locator('#pw').evaluate((el: HTMLInputElement) => el.checkValidity())))
      throw new Error("the password breaks the field's rules");
    await shot(page, 'signup-generated.png');
    return `${generated.length} characters, letters and digits as the field's pattern asks, in both fields`;
  });

  await step('save the new login to the server', async () => {
    if (!generated) throw new Error('nothing was generated');
    const page = signup.page;
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Welcome, alice.shop' }).waitFor();
    const prompt = await frameOf(page, '/src/ui/save-prompt/', '.prompt');
    await prompt.getByRole('button', { name: 'Save', exact: true }).waitFor();
    await shot(page, 'save-prompt.png');
    await untilClickable(prompt);
    await prompt.getByRole('button', { name: 'Save', exact: true }).click();
    await prompt.getByText(/^Saved to/).waitFor({ timeout: 10_000 });
    const where = await prompt.getByText(/^Saved to/).innerText();
    const tpm = [...world.tpm.state.passwords.values(), ...world.tpm.state.myPasswords.values()].find((p) => p.username === 'alice.shop');
    const syspass = [...world.syspass.state.accounts.values()].find((a) => a.login === 'alice.shop');
    const stored = tpm?.password ?? syspass?.pass;
    if (!tpm && !syspass) throw new Error('the server has no such entry');
    if (stored !== undefined && stored !== generated) throw new Error('the server holds another password');
    return `${where}; the server now holds the login`;
  });

  await step('open the settings', async () => {
    const options = await ext.openOptions();
    await options.setViewportSize({ width: 1000, height: 860 });
    await options.getByRole('heading', { name: 'Company TPM' }).waitFor();
    await options.getByRole('heading', { name: 'Team sysPass' }).waitFor();
    await options
      .getByText(/Next sync|Nächste/)
      .first()
      .waitFor();
    await shot(options, 'options.png');
    await options.getByRole('link', { name: 'Autofill' }).click();
    const neverSave = options.getByRole('region', { name: 'Sites where saving is off' });
    await neverSave.waitFor();
    await shot(options, 'options-autofill.png');
    await options.close();
    return 'both servers are listed with their state at a glance; the Autofill section lists the sites where saving is off';
  });

  await Promise.all([login.page.close(), signup.page.close()]);
  return steps;
}

type Step = (name: string, run: () => Promise<string>) => Promise<void>;

/**
 * The first minute of a new employee: the welcome page the install opened, with the keyboard only — passphrase,
 * the company's TPM (address first, then its sign-in), then the team's sysPass — until both are synced.
 */
async function setUpFromWelcomePage(
  ext: ExtensionSession,
  world: DemoWorld,
  step: Step,
  shot: (page: Page, file: string) => Promise<unknown>,
): Promise<void> {
  const page = ext.welcomePage ?? (await ext.context.newPage());
  if (!ext.welcomePage) await page.goto(`${ext.origin}src/ui/welcome/index.html`);
  await page.setViewportSize({ width: 900, height: 820 });
  await page.bringToFront();
  const keys = async (...presses: string[]) => {
    for (const key of presses) await page.keyboard.press(key);
  };
  const connect = async (address: string, signIn: string, secret: [string, string], name: string) => {
    await page.locator('#server-address').waitFor();
    await page.keyboard.type(address);
    await keys('Enter');
    await page.getByRole('heading', { name: signIn }).waitFor({ timeout: 15_000 });
    await page.keyboard.type(secret[0]);
    await keys('Tab');
    await page.keyboard.type(secret[1]);
    await keys('Tab', 'Control+A');
    await page.keyboard.type(name);
  };

  await step('open the welcome page on install and choose a passphrase', async () => {
    await page.getByRole('heading', { name: 'Choose an unlock passphrase' }).waitFor({ timeout: 10_000 });
    await answerHostPrompts(page);
    await page.keyboard.type(DEMO_PASSPHRASE);
    await keys('Tab');
    await page.keyboard.type(DEMO_PASSPHRASE);
    await page.locator('.strength.good').waitFor({ timeout: 10_000 });
    await shot(page, 'welcome.png');
    await keys('Enter');
    await page.locator('#server-address').waitFor();
    return 'the welcome page opened by itself; the passphrase is set with the keyboard';
  });

  await step('connect the company TPM: address first, then only its sign-in', async () => {
    await connect(world.tpm.url, 'Sign in to Team Password Manager', [TPM_USER.username, TPM_USER.password], 'Company TPM');
    await shot(page, 'welcome-sign-in.png');
    await keys('Enter');
    await page.getByRole('heading', { name: "You're set up" }).waitFor({ timeout: 15_000 });
    return `"${world.tpm.url}" was found to be Team Password Manager, and the sign-in worked`;
  });

  await step('add the team sysPass from the last step, and see both sync', async () => {
    await page.getByRole('button', { name: 'Add another server' }).focus();
    await keys('Enter');
    await connect(world.syspass.url, 'Sign in to sysPass', [SYSPASS_TOKEN.authToken, SYSPASS_TOKEN.tokenPassword], 'Team sysPass');
    await keys('Enter');
    await page.getByRole('heading', { name: "You're set up" }).waitFor({ timeout: 15_000 });
    for (const deadline = Date.now() + 30_000; (await page.locator('.server-facts').count()) < 2; await page.waitForTimeout(200)) {
      if (Date.now() > deadline) throw new Error('the first syncs did not finish');
    }
    await shot(page, 'welcome-done.png');
    const facts = (await page.locator('.done-servers').innerText()).replace(/\s+/g, ' ');
    await page.close();
    return `both servers synced: ${facts.slice(0, 140)}`;
  });
}

/** Opens a page in a new tab and returns the tab's id as the extension knows it. */
async function openTab(ext: ExtensionSession, url: string): Promise<{ page: Page; tabId: number }> {
  const page = await ext.context.newPage();
  await page.goto(url);
  await page.bringToFront();
  const tabId = (await (
    await ext.currentWorker()
  ).evaluate('(async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id ?? -1)()')) as number;
  return { page, tabId };
}

/** The extension frame (inline menu, save prompt) inside a page, once it shows `ready`. */
async function frameOf(page: Page, path: string, ready = 'body'): Promise<Frame> {
  for (const deadline = Date.now() + 10_000; Date.now() < deadline; await page.waitForTimeout(100)) {
    const frame = page.frames().find((f) => f.url().includes(path));
    if (
      frame &&
      (await frame
        .locator(ready)
        .count()
        .catch(() => 0)) > 0
    )
      return frame;
  }
  throw new Error(`no ${path} frame appeared`);
}

async function waitFor(check: () => Promise<boolean>, failure: string, timeoutMs = 10_000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await new Promise((r) => setTimeout(r, 100))) {
    if (await check()) return;
  }
  throw new Error(failure);
}
