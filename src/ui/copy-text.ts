/**
 * Copies text from a user action in one of our pages. For secrets it asks the worker to clear the clipboard
 * later; the worker gets a salted hash to compare with, never the secret.
 */
import { newSalt, saltedHash } from './offscreen/clear-if-unchanged';
import { send } from './client';

export async function copyText(text: string, clearAfterSeconds?: number): Promise<void> {
  await navigator.clipboard.writeText(text);
  if (!clearAfterSeconds || clearAfterSeconds <= 0) return;
  const salt = newSalt();
  await send('clearClipboardLater', { delayMs: clearAfterSeconds * 1000, salt, hash: await saltedHash(salt, text) });
}
