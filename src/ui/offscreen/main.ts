/**
 * The Chromium offscreen document: holds the clipboard-clear timer (the worker may stop meanwhile) and
 * clears the clipboard. It answers nothing else: every other message is left to the worker's router.
 */
import { clearIfUnchanged } from './clear-if-unchanged';

interface ClearRequest {
  target: 'offscreen';
  type: 'clear-clipboard';
  salt: string;
  hash: string;
  delayMs: number;
}

let timer: ReturnType<typeof setTimeout> | undefined;
/** Set once the document decided to close: a request arriving now would be lost with it, so it is refused. */
let closing = false;

chrome.runtime.onMessage.addListener((message: unknown, sender, sendResponse) => {
  if (sender.id !== chrome.runtime.id || sender.tab || !isClearRequest(message)) return undefined;
  if (closing) {
    sendResponse('closing');
    return undefined;
  }
  // A newer copy supersedes the older one: only the latest copy's clear stays scheduled.
  clearTimeout(timer);
  timer = setTimeout(() => {
    timer = undefined;
    void clearIfUnchanged(message.salt, message.hash).then(() => {
      if (timer !== undefined) return;
      closing = true;
      window.close();
    });
  }, message.delayMs);
  sendResponse('scheduled');
  return undefined;
});

function isClearRequest(message: unknown): message is ClearRequest {
  const m = message as Partial<ClearRequest> | null;
  return (
    typeof m === 'object' &&
    m !== null &&
    m.target === 'offscreen' &&
    m.type === 'clear-clipboard' &&
    typeof m.salt === 'string' &&
    typeof m.hash === 'string' &&
    typeof m.delayMs === 'number'
  );
}
