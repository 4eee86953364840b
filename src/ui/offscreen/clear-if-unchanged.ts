/** Clipboard access for a document with a DOM (the Chromium offscreen document, the Firefox background page). */

/** 16 random bytes as hex, a salt for {@link saltedHash}. */
export function newSalt(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** `SHA-256(salt + text)` as hex: lets the clear compare contents without the secret travelling. */
export async function saltedHash(salt: string, text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(salt + text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Empties the clipboard if it still holds the text with this hash. When the clipboard cannot be read (no
 * `clipboardRead` permission) it is emptied anyway: leaving a password behind is the worse failure.
 * Returns what happened, for tests and logs (never the content).
 */
export async function clearIfUnchanged(salt: string, hash: string): Promise<'cleared' | 'changed' | 'cleared-unread'> {
  const current = readClipboard();
  if (current !== undefined && (await saltedHash(salt, current)) !== hash) return 'changed';
  writeEmpty();
  // Chromium 156 now and then drops an empty write that follows another page's write (about 1 in 4 in our e2e
  // runs); a second write a moment later has always taken.
  await new Promise((resolve) => setTimeout(resolve, 100));
  writeEmpty();
  return current === undefined ? 'cleared-unread' : 'cleared';
}

function readClipboard(): string | undefined {
  const area = document.createElement('textarea');
  document.body.append(area);
  area.focus();
  // execCommand('paste') works in extension documents only with the clipboardRead permission.
  const ok = document.execCommand('paste');
  const text = area.value;
  area.remove();
  return ok ? text : undefined;
}

function writeEmpty(): void {
  // A copy event lets us set an empty string, which a plain execCommand('copy') of an empty selection cannot.
  const onCopy = (event: ClipboardEvent) => {
    event.clipboardData?.clearData();
    event.clipboardData?.setData('text/plain', '');
    event.preventDefault();
  };
  document.addEventListener('copy', onCopy, { once: true });
  document.execCommand('copy');
  document.removeEventListener('copy', onCopy);
}
