#!/usr/bin/env node
// Finds a Chromium for the tests and the demo: $CHROMIUM_PATH, then the usual names on PATH. When none is there
// and apt-get can run (as root or through sudo), installs Debian's `chromium`. Prints the path it found.
// Exits non-zero with instructions otherwise: the browser tests are never skipped silently.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';

export function findChromium() {
  return findBrowser(process.env.CHROMIUM_PATH, ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable']);
}

/** The first of `explicit` and the programs `names` on the PATH that exists. */
export function findBrowser(explicit, names) {
  return [explicit, ...names.map(onPath)].find((p) => p && fs.existsSync(p));
}

function onPath(name) {
  const r = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/** Installs a Debian package when apt-get can run as root or through sudo; false when it cannot. */
export function aptInstall(pkg) {
  const root = process.getuid?.() === 0;
  const sudo = !root && onPath('sudo') && spawnSync('sudo', ['-n', 'true']).status === 0;
  if (!onPath('apt-get') || (!root && !sudo)) return false;
  const run = (args) =>
    execFileSync(root ? args[0] : 'sudo', root ? args.slice(1) : args, {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  console.error(`No browser found: installing Debian's ${pkg} package (apt-get update && apt-get install ${pkg})…`);
  run(['apt-get', 'update', '-qq']);
  run(['apt-get', 'install', '-y', '-qq', '--no-install-recommends', pkg]);
  return true;
}

/** Prints the browser `find` finds, installing `pkg` first when needed; exits 1 with `help` when there is none. */
export function ensureBrowser(find, pkg, help) {
  let found = find();
  if (!found && aptInstall(pkg)) found = find();
  if (!found) {
    console.error(help.join('\n'));
    process.exit(1);
  }
  console.log(found);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  ensureBrowser(findChromium, 'chromium', [
    'No Chromium was found and it could not be installed automatically.',
    'Install one (Debian/Ubuntu: sudo apt-get install chromium) or point CHROMIUM_PATH at a Chromium or Chrome binary,',
    'e.g. CHROMIUM_PATH=/usr/bin/chromium npm test',
  ]);
}
