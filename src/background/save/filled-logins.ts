/**
 * What the user filled in each tab, kept as a salted hash (never the password): the save flow compares a submitted
 * password with it, so offering an update needs no secret from the server, and tells a page nothing it did not
 * get from the user's own fill.
 */
import { newSalt, saltedHash } from '../../ui/offscreen/clear-if-unchanged';
import type { FrameRef } from '../autofill/records';
import * as records from './records';

/** Remembers the password the user had filled into the frame (a username-only step leaves the record alone). */
export async function rememberFill(frame: FrameRef, entryId: string, password: string | undefined): Promise<void> {
  if (password === undefined) return;
  const salt = newSalt();
  const origin = new URL(frame.url).origin;
  await records.put('filled', String(frame.tabId), { entryId, origin, salt, hash: await saltedHash(salt, password) });
}

/** The fill of this tab, when it went to a frame of the same origin as `url`. */
export async function fillOf(tabId: number, url: string): Promise<records.FilledLogin | undefined> {
  const filled = await records.get('filled', String(tabId));
  return filled && filled.origin === new URL(url).origin ? filled : undefined;
}

/** True when `password` is the one that was filled. */
export async function isFilledPassword(filled: records.FilledLogin, password: string): Promise<boolean> {
  return (await saltedHash(filled.salt, password)) === filled.hash;
}
