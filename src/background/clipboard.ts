/**
 * Clears the clipboard some time after a copy, only if it still holds what was copied.
 * Chromium: a service worker has no DOM and may be stopped, so an offscreen document keeps the timer and
 * touches the clipboard. Firefox (no `offscreen`): the background page has a DOM and does it itself.
 * Only a salted hash of the copied text travels; the text itself is never passed on or stored.
 */
import { clearIfUnchanged, newSalt, saltedHash } from '../ui/offscreen/clear-if-unchanged';

const offscreenPath = 'src/ui/offscreen/index.html';

/** Schedules the clear of `text` after `delayMs` (0 or less: never). For copies the worker makes itself. */
export async function scheduleClipboardClear(text: string, delayMs: number): Promise<void> {
  const salt = newSalt();
  await scheduleClipboardClearByHash(salt, await saltedHash(salt, text), delayMs);
}

/** Same, for a copy a page made: it sends `SHA-256(salt + text)` as hex. */
export async function scheduleClipboardClearByHash(salt: string, hash: string, delayMs: number): Promise<void> {
  if (delayMs <= 0) return;
  if (typeof chrome !== 'undefined' && chrome.offscreen) {
    await sendToOffscreen({ target: 'offscreen', type: 'clear-clipboard', salt, hash, delayMs });
    return;
  }
  // Firefox: one pending clear at a time; a newer copy supersedes the older one.
  clearTimeout(firefoxTimer);
  firefoxTimer = setTimeout(() => void clearIfUnchanged(salt, hash), delayMs);
}

let firefoxTimer: ReturnType<typeof setTimeout> | undefined;
let creating: Promise<void> | undefined;

async function ensureOffscreenDocument(): Promise<void> {
  const url = chrome.runtime.getURL(offscreenPath);
  const existing = await chrome.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT' as chrome.runtime.ContextType], documentUrls: [url] });
  if (existing.length > 0) return;
  // Two copies in quick succession must not both try to create it (only one offscreen document may exist).
  creating ??= chrome.offscreen
    .createDocument({ url, reasons: ['CLIPBOARD' as chrome.offscreen.Reason], justification: 'Clear a copied password from the clipboard after a delay.' })
    .catch(() => undefined) // one is still closing: the next attempt creates it
    .finally(() => (creating = undefined));
  await creating;
}

/**
 * The document may exist before its (module) script has added its listener, or be closing after its last
 * clear: retry (re-creating it) until a document acknowledges, or the clear would be lost silently.
 */
async function sendToOffscreen(message: object): Promise<void> {
  for (let attempt = 0; attempt < 60; attempt++) {
    await ensureOffscreenDocument();
    const reply: unknown = await chrome.runtime.sendMessage(message).catch(() => undefined);
    if (reply === 'scheduled') return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('The offscreen document did not answer.');
}
