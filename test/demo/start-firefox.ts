/**
 * `npm run start:firefox`: the demo in Firefox. Starts the demo servers and pages, opens Firefox (fresh temporary
 * profile) with dist-firefox installed as a temporary add-on and configured for both demo servers through the same
 * messages the settings page sends, and the demo's start page. With a display it stays open until Ctrl+C (Firefox
 * has no toolbar popup to automate, so it also opens the popup page in a tab); without one (or with --check), it
 * checks headless that the popup lists the intranet site's login, writes `popup-firefox.png` to the folder named by
 * --screenshots, and exits 0 only if that worked.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { launchFirefox } from '../e2e-firefox/harness';
import { clickIcon, inlineMenu, optionNames, until } from '../e2e-firefox/page-helpers';
import { configureServers } from './configure';
import { DEMO_PASSPHRASE, startDemoWorld, stopOnce } from './demo-world';

const { values } = parseArgs({ options: { check: { type: 'boolean', default: false }, screenshots: { type: 'string' } } });
const headed = !values.check && Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
/** `network.dns.localDomains` takes exact names: every host the demo pages use. */
const DEMO_HOST_NAMES = ['start', 'intranet', 'sso', 'wiki', 'shop'].map((name) => `${name}.demo.test`);

console.log('Starting the demo servers…');
const world = await startDemoWorld();
const ff = await launchFirefox({ hosts: DEMO_HOST_NAMES, headed });
const stop = stopOnce(ff, world);

try {
  await configureServers(ff.ask, world);
  console.log(`\nDemo login pages:           ${world.at('start')}\nThe extension's passphrase: ${DEMO_PASSPHRASE}\n`);
  const intranet = await ff.open(world.at('intranet', 'login.html'));
  const tabId = await until(
    () => ff.reportedTabId('intranet.demo.test'),
    (id) => id > 0,
    'the intranet page',
  );
  if (headed) {
    await ff.open(world.at('start'));
    await ff.openExtensionPage(`src/ui/popup/index.html?tab=${tabId}`);
    console.log('Firefox is open with the extension (and its popup page in a tab). Press Ctrl+C to stop.');
    ff.browser.on('disconnected', () => void stop(0));
  } else {
    const shots = path.resolve(values.screenshots ?? fs.mkdtempSync(path.join(os.tmpdir(), 'firefox-demo-')));
    fs.mkdirSync(shots, { recursive: true });
    const popup = await ff.openExtensionPage(`src/ui/popup/index.html?tab=${tabId}`);
    await popup.setViewport({ width: 380, height: 560 });
    const names = await until(
      () => optionNames(popup),
      (list) => list.length > 0,
      'the popup list',
    );
    if (!names[0].includes('Intranet portal')) throw new Error(`the popup lists ${names[0]} first, not the intranet login`);
    await popup.screenshot({ path: path.join(shots, 'popup-firefox.png') });
    console.log(`ok  the popup lists the intranet login first (${path.join(shots, 'popup-firefox.png')})`);
    await clickIcon(intranet, 'input[type=password]');
    await (await inlineMenu(intranet)).pick('Intranet portal');
    await until(
      () => intranet.$eval('input[type=password]', (el) => (el as HTMLInputElement).value),
      (v) => v !== '',
      'the fill',
    );
    console.log('ok  the in-page menu filled the intranet login');
    await stop(0);
  }
} catch (error) {
  console.error(`The Firefox demo failed: ${error instanceof Error ? error.message : String(error)}`);
  await stop(1);
}
