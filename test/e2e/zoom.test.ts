import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installFakeWorker, readyState } from './fake-worker';
import { launchExtension, type ExtensionSession } from './harness';

/** 200 % zoom: a 1280-pixel window lays pages out 640 CSS pixels wide; the popup keeps its width, in bigger pixels. */
describe('at 200 % zoom', () => {
  let ext: ExtensionSession;
  beforeAll(async () => {
    ext = await launchExtension();
  });
  afterAll(async () => {
    await ext?.close();
  });

  it('lays the settings out without horizontal scrolling', async () => {
    const page = await ext.context.newPage();
    await page.setViewportSize({ width: 640, height: 720 });
    await page.goto(`${ext.origin}src/ui/options/index.html`);
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    await page.evaluate(() => chrome.runtime.sendMessage({ kind: 'setPassphrase', body: { passphrase: 'correct horse battery staple' } }));
    await page.reload();
    await page.getByRole('button', { name: 'Add server' }).click();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    for (const name of ['Continue', 'Cancel']) {
      const box = await page.getByRole('button', { name }).boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= 640).toBe(true);
    }
  });

  it('keeps the popup usable: search box, rows and actions inside its 800-pixel cap', async () => {
    const page = await ext.context.newPage();
    await page.setViewportSize({ width: 800, height: 600 });
    await installFakeWorker(page, { state: readyState(), entryCount: 50 });
    await page.goto(`${ext.origin}src/ui/popup/index.html?tab=1`);
    await page.evaluate(() => ((document.documentElement.style as CSSStyleDeclaration & { zoom: string }).zoom = '2'));
    await page.getByRole('option').first().waitFor();
    const search = await page.getByRole('combobox').boundingBox();
    expect(search && search.x + search.width <= 800).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(800);
    expect(await page.getByRole('option').first().isVisible()).toBe(true);
  });
});
