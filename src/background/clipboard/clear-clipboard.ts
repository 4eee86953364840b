/**
 * Clears the clipboard some time after a copy, only if it still holds what was copied.
 * Chromium: a service worker has no DOM and may be stopped, so an offscreen document keeps the timer and
 * touches the clipboard. Firefox (no `offscreen`): the background page has a DOM and does it itself; as Firefox
 * unloads an idle background page after about 30 s (and its timers with it), the clear waits in session storage
 * and an alarm wakes the page for it.
 * Only a salted hash of the copied text travels and is kept; the text itself is never passed on or stored.
 */
import browser from '../../browser';
import * as v from 'valibot';
import { clearIfUnchanged, newSalt, saltedHash } from '../../ui/offscreen/clear-if-unchanged';

const offscreenPath = 'src/ui/offscreen/index.html';
/** The alarm of Firefox's pending clear. */
export const CLIPBOARD_ALARM = 'clipboard-clear';
const PENDING_KEY = 'clipboardClear';

/** A clear waiting in session storage; `at`: when it is due (ms since the epoch). */
const pendingClearSchema = v.object({ salt: v.string(), hash: v.string(), at: v.number() });
type PendingClear = v.InferOutput<typeof pendingClearSchema>;

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
  // Firefox: one pending clear at a time; a newer copy supersedes the older one. The timer is exact while the
  // page lives; the alarm does it if the page was unloaded meanwhile.
  const pending: PendingClear = { salt, hash, at: Date.now() + delayMs };
  await browser.storage.session.set({ [PENDING_KEY]: pending });
  await browser.alarms.create(CLIPBOARD_ALARM, { when: pending.at });
  clearTimeout(firefoxTimer);
  firefoxTimer = setTimeout(() => void clearWhenDue(), delayMs);
}

let firefoxTimer: ReturnType<typeof setTimeout> | undefined;

/** Runs Firefox's pending clear once it is due (from the timer or the alarm, whichever comes first). */
export async function clearWhenDue(now = Date.now()): Promise<void> {
  const parsed = v.safeParse(pendingClearSchema, (await browser.storage.session.get(PENDING_KEY))[PENDING_KEY]);
  if (!parsed.success) return;
  const pending = parsed.output;
  if (pending.at > now) {
    await browser.alarms.create(CLIPBOARD_ALARM, { when: pending.at }); // woken early: wait on
    return;
  }
  await browser.storage.session.remove(PENDING_KEY);
  await clearIfUnchanged(pending.salt, pending.hash);
}
let creating: Promise<void> | undefined;

async function ensureOffscreenDocument(): Promise<void> {
  const url = chrome.runtime.getURL(offscreenPath);
  const existing = await chrome.runtime.getContexts({
    contextTypes: ['OFFSCREEN_DOCUMENT' as chrome.runtime.ContextType],
    documentUrls: [url],
  });
  if (existing.length > 0) return;
  // Two copies in quick succession must not both try to create it (only one offscreen document may exist).
  creating ??= chrome.offscreen
    .createDocument({
      url,
      reasons: ['CLIPBOARD' as chrome.offscreen.Reason],
      justification: 'Clear a copied password from the clipboard after a delay.',
    })
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
