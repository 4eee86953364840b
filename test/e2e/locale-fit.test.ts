/**
 * The longest language at 200 % zoom: every screen of the welcome page, every settings section and the popup, with
 * their longest messages showing (errors, hints, banners), and no text over the space it has. Screenshots of each
 * go to the folder the test names, to look at.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO_USERS } from '../sim/tpm/seed';
import { startTpmSim, type TpmSim } from '../sim/tpm/server';
import { installFakeWorker, readyState } from './fake-worker';
import { launchExtension, type ExtensionSession } from './harness';
import { answerHostPrompts } from './host-access';
import { overflowingText } from './overflow';

const localesDir = path.resolve(import.meta.dirname, '../../public/_locales');
/** The locale whose messages are longest in all (the one most likely to overflow). */
const longest = fs
  .readdirSync(localesDir)
  .map((locale) => {
    const messages: Record<string, { message: string }> = JSON.parse(
      fs.readFileSync(path.join(localesDir, locale, 'messages.json'), 'utf8'),
    );
    return { locale, length: Object.values(messages).reduce((sum, m) => sum + m.message.length, 0) };
  })
  .sort((a, b) => b.length - a.length)[0].locale;
const lang = longest.replace('_', '-');

describe(`the longest language (${longest}) at 200 % zoom`, () => {
  let ext: ExtensionSession;
  let tpm: TpmSim;
  const shots = fs.mkdtempSync(path.join(os.tmpdir(), `locale-fit-${longest}-`));
  beforeAll(async () => {
    tpm = await startTpmSim({ entries: 60 });
    ext = await launchExtension({ extraArgs: [`--lang=${lang}`], keepWelcome: true });
  });
  afterAll(async () => {
    await ext?.close();
    await tpm?.close();
  });

  /** The screen has settled: no animation or CSS transition running. */
  const settled = (page: Page) => page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));

  /** No overflow on this screen, and a screenshot of it. */
  const fits = async (page: Page, screen: string) => {
    await page.screenshot({ path: path.join(shots, `${screen}.png`), fullPage: true });
    expect({ screen, overflowing: await overflowingText(page) }).toEqual({ screen, overflowing: [] });
  };

  it('is the language the pages show', async () => {
    const page = ext.welcomePage!;
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(lang);
    console.log(`locale-fit: ${longest}, screenshots in ${shots}`);
  });

  it('fits every step of the welcome page, its errors included', async () => {
    const page = ext.welcomePage!;
    // A 1280-pixel window at 200 % lays pages out 640 CSS pixels wide.
    await page.setViewportSize({ width: 640, height: 900 });
    await answerHostPrompts(page);
    await page.locator('#pass-next').fill('password1');
    await page.locator('#pass-confirm').fill('password2');
    await page.locator('#pass-next').press('Enter');
    await page.locator('#pass-next[aria-invalid=true]').waitFor();
    await settled(page);
    await fits(page, 'welcome-1-passphrase');
    await page.locator('#pass-next').fill('violet harbour tuesday cactus');
    await page.locator('#pass-confirm').fill('violet harbour tuesday cactus');
    await page.locator('#pass-confirm').press('Enter');
    await page.locator('#server-address').waitFor();
    await page.locator('#server-address').fill('http://127.0.0.1:9');
    await page.locator('#server-address').press('Enter');
    await page.getByRole('alert').waitFor({ timeout: 15_000 });
    await fits(page, 'welcome-2-address');
    await page.locator('#server-address').fill(tpm.url);
    await page.locator('#server-address').press('Enter');
    await page.locator('#server-username').waitFor({ timeout: 15_000 });
    await page.locator('#server-username').fill(DEMO_USERS.normal.username);
    await page.locator('#server-password').fill('wrong');
    await page.locator('#server-password').press('Enter');
    await page.getByRole('alert').waitFor({ timeout: 15_000 });
    await fits(page, 'welcome-2-sign-in');
    await page.getByLabel('API', { exact: false }).first().check();
    await fits(page, 'welcome-2-sign-in-keys');
    await page.locator('input[name=tpm-auth]').first().check();
    await page.locator('#server-username').fill(DEMO_USERS.normal.username);
    await page.locator('#server-password').fill(DEMO_USERS.normal.password);
    await page.locator('#server-password').press('Enter');
    await page.locator('#done-title').waitFor({ timeout: 15_000 });
    await expect.poll(() => page.locator('.server-facts').count(), { timeout: 20_000 }).toBe(1);
    await fits(page, 'welcome-3-done');
  });

  it('fits every section of the settings', async () => {
    const page = await ext.openOptions();
    await page.setViewportSize({ width: 640, height: 900 });
    const links = page.getByRole('navigation').getByRole('link');
    const count = await links.count();
    expect(count).toBe(7);
    for (let i = 0; i < count; i++) {
      await links.nth(i).click();
      await expect.poll(() => links.nth(i).getAttribute('aria-current')).toBe('page');
      await settled(page);
      await fits(page, `settings-${i + 1}`);
    }
    await links.first().click();
    await page.locator('.settings-panel .actions button').last().click(); // Add server
    await page.locator('#server-address').waitFor();
    await fits(page, 'settings-1-add');
  });

  it('fits the popup: list with banners and long paths, details with the copy note', async () => {
    const failed = {
      ...readyState().sources[0],
      lastError: { code: 'network' as const, message: 'connect ECONNREFUSED 10.0.0.12:443', at: new Date().toISOString() },
    };
    const readOnly = {
      ...failed,
      id: 'src2',
      name: 'Equipo sysPass de operaciones',
      kind: 'syspass' as const,
      authKind: 'syspass' as const,
      lastError: undefined,
      readOnly: true,
    };
    const page = await ext.context.newPage();
    await page.setViewportSize({ width: 800, height: 1400 });
    await installFakeWorker(page, {
      state: readyState({ sources: [failed, readOnly] }),
      entryCount: 40,
      canFill: true,
      patches: {
        2: {
          name: 'Consola de administración del clúster de producción',
          projectPath: ['Infraestructura', 'Centros de datos', 'Madrid', 'Producción', 'Bases de datos'],
          lockedType: 1,
          hasOtp: true,
          expiryStatus: 3,
        },
      },
      replies: {
        listPendingSaves: {
          ok: true,
          value: [
            {
              id: 'p1',
              kind: 'create',
              sourceId: 'src2',
              name: 'portal-proveedores.example.com',
              username: 'compras.central',
              createdAt: 0,
              attempts: 3,
              nextAttemptAt: 0,
              state: 'stopped',
              lastError: {
                code: 'rejected',
                message:
                  'SQLSTATE[22007]: Invalid datetime format: 1366 ' +
                  "Incorrect string value: '\\xF0\\x9F\\x94\\x91' for column 'name' at row 1",
              },
            },
          ],
        },
        getEntryDetails: { ok: true, value: { summary: { id: 'src1:shared:2' }, urls: [], customFields: [], hasPassword: true } },
      },
    });
    await page.goto(`${ext.origin}src/ui/popup/index.html?tab=1`);
    await page.evaluate(() => ((document.documentElement.style as CSSStyleDeclaration & { zoom: string }).zoom = '2'));
    await page.getByRole('option').first().waitFor();
    await page.locator('.pending-saves').waitFor();
    await fits(page, 'popup-list');
    await page.locator('.pending-saves summary').click();
    await fits(page, 'popup-list-details');
  });
});
