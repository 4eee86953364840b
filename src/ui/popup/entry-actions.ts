/** What the popup does with an entry: copy its password or username, fill it into the tab. */
import type { EntrySummary } from '../../messages';
import { send } from '../client';
import { copyText } from '../copy-text';
import { openedAsPage } from './active-tab';

/** Fetches the password from the server (never cached) and copies it; the clipboard is cleared later. */
export async function copyPassword(entry: EntrySummary, clearSeconds: number, reason?: string): Promise<void> {
  const { value } = await send('revealSecret', { entryId: entry.id, field: 0, reason });
  await copyText(value, clearSeconds);
}

export async function copyUsername(entry: EntrySummary): Promise<boolean> {
  const username = entry.username ?? entry.email;
  if (!username) return false;
  await copyText(username);
  return true;
}

/** Fills the entry into the tab's login form, then closes the popup (the user is done here). */
export async function fillEntry(entry: EntrySummary, tabId: number | undefined, reason?: string): Promise<void> {
  await send('fillEntry', { entryId: entry.id, tabId, reason });
  if (!openedAsPage()) window.close();
}
