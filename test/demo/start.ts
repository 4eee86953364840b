/**
 * `npm start`: the product on a built-in demo. Starts the demo servers and pages, opens Chromium with the freshly
 * built extension in a temporary profile, configured for both demo servers through the same messages the options
 * page sends. With a display it stays open until Ctrl+C; without one (or with --tour) it runs the scripted tour,
 * prints each step and writes screenshots, and exits 0 only if every step worked.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { launchExtension } from '../e2e/harness';
import { configureDemo } from './configure';
import { DEMO_HOSTS, DEMO_PASSPHRASE, SYSPASS_TOKEN, TPM_USER, startDemoWorld, stopOnce } from './demo-world';
import { runTour } from './tour';

const { values } = parseArgs({ options: { tour: { type: 'boolean', default: false }, screenshots: { type: 'string' } } });
const headed = !values.tour && Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);

console.log('Starting the demo servers…');
const world = await startDemoWorld();
// The tour sets the extension up from the welcome page the install opens; the interactive demo is set up already.
const ext = await launchExtension({ hosts: [DEMO_HOSTS], headed, keepWelcome: !headed });
const stop = stopOnce(ext, world);

try {
  if (headed) await configureDemo(ext, world);
  console.log(
    [
      '',
      `Team Password Manager demo: ${world.tpm.url}  (user ${TPM_USER.username} / ${TPM_USER.password})`,
      `sysPass demo:               ${world.syspass.url}  ` +
        `(token ${SYSPASS_TOKEN.authToken.slice(0, 12)}…, token password ${SYSPASS_TOKEN.tokenPassword})`,
      `Demo login pages:           ${world.at('start')}`,
      `The extension's passphrase: ${DEMO_PASSPHRASE}`,
      '',
    ].join('\n'),
  );

  if (headed) {
    const start = await ext.context.newPage();
    await start.goto(world.at('start'));
    console.log('Chromium is open with the extension. Press Ctrl+C to stop (the temporary profile is removed).');
    ext.context.on('close', () => void stop(0));
  } else {
    const shots = path.resolve(values.screenshots ?? fs.mkdtempSync(path.join(os.tmpdir(), 'tour-')));
    console.log(`No display: running the tour headless. Screenshots go to ${shots}\n`);
    const steps = await runTour(ext, world, shots);
    const failed = steps.filter((s) => !s.ok).length;
    console.log(`\n${steps.length - failed} passed, ${failed} failed`);
    await stop(failed === 0 ? 0 : 1);
  }
} catch (error) {
  console.error(`The demo could not start: ${error instanceof Error ? error.message : String(error)}`);
  await stop(1);
}
