/**
 * `npm start`: opens Chromium with the freshly built extension in a temporary profile. Without a display it runs
 * headless, checks that the extension answers, prints what the popup shows and exits.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { distDir, findChromium, launchExtension } from '../e2e/harness';

const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);

if (hasDisplay) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'ext-start-'));
  const browser = spawn(findChromium(), [
    `--user-data-dir=${profile}`,
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    `--disable-extensions-except=${distDir}`,
    `--load-extension=${distDir}`,
    'chrome://extensions',
  ], { stdio: 'ignore' });
  console.log(`Chromium is running with the extension from ${distDir} (profile ${profile}). Press Ctrl+C to stop.`);
  const stop = () => {
    browser.kill();
    fs.rmSync(profile, { recursive: true, force: true });
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  browser.on('exit', stop);
} else {
  console.log('No display: running headless.');
  const ext = await launchExtension();
  try {
    console.log(`✓ extension loaded, id ${ext.extensionId}`);
    const popup = await ext.openPopup();
    const heading = popup.getByRole('heading').first();
    await heading.waitFor();
    console.log(`✓ popup shows: "${await heading.textContent()}"`);
  } finally {
    await ext.close();
  }
}
