#!/usr/bin/env node
// Finds a Firefox for the Firefox tests and demo: $FIREFOX_PATH, then firefox-esr or firefox on the PATH. When none
// is there and apt-get can run (as root or through sudo), installs Debian's `firefox-esr`. Prints the path it found.
// Exits non-zero with instructions otherwise: the Firefox tests are never skipped silently.
import { ensureBrowser, findBrowser } from './ensure-chromium.mjs';

export const findFirefox = () => findBrowser(process.env.FIREFOX_PATH, ['firefox-esr', 'firefox']);

if (import.meta.url === `file://${process.argv[1]}`) {
  ensureBrowser(findFirefox, 'firefox-esr', [
    'No Firefox was found and it could not be installed automatically.',
    'Install one (Debian: sudo apt-get install firefox-esr) or point FIREFOX_PATH at a Firefox 142 or newer,',
    'e.g. FIREFOX_PATH=/usr/bin/firefox-esr npm test',
  ]);
}
