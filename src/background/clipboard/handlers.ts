/** Requests from our pages about the clipboard. */
import { scheduleClipboardClearByHash } from './clear-clipboard';
import type { Handlers } from '../router';

export const clipboardHandlers: Pick<Handlers, 'clearClipboardLater'> = {
  async clearClipboardLater({ delayMs, salt, hash }) {
    await scheduleClipboardClearByHash(salt, hash, delayMs);
    return null;
  },
};
