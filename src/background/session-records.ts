/**
 * Short-lived records of the generator and the save flow in `storage.session` (memory only, never on disk, not
 * readable by content scripts, kept across worker restarts): generation nonces, the last generated password per
 * tab and origin, and the login waiting for the save prompt per tab. One key per record, each with its expiry.
 */
import browser from 'webextension-polyfill';
import type { GeneratorProfile } from '../messages';

/** A generation the worker started in one frame (context menu, inline menu, popup). */
export interface GenerationNonce {
  tabId: number;
  frameId: number;
  profile: GeneratorProfile;
}

/** A submitted login the worker offers to save or update; holds the password (session memory only). */
export interface PendingLogin {
  token: string;
  tabId: number;
  /** The URL of the frame that submitted (from `sender.url`). */
  frameUrl: string;
  username: string;
  password: string;
  mode: 'save' | 'update';
  entryId?: string;
  /** Until then, the prompt is shown again on the tab's next page (the submit usually navigates). */
  dueUntil: number;
}

type Records = { nonce: GenerationNonce; generated: { password: string }; pending: PendingLogin };

const TTL: Record<keyof Records, number> = {
  nonce: 15_000,
  generated: 30 * 60_000,
  pending: 15 * 60_000,
};

const key = (kind: keyof Records, id: string) => `sv:${kind}:${id}`;

export async function put<K extends keyof Records>(kind: K, id: string, value: Records[K]): Promise<void> {
  await browser.storage.session.set({ [key(kind, id)]: { value, exp: Date.now() + TTL[kind] } });
}

export async function get<K extends keyof Records>(kind: K, id: string): Promise<Records[K] | undefined> {
  const k = key(kind, id);
  const record = (await browser.storage.session.get(k))[k] as { value: Records[K]; exp: number } | undefined;
  if (!record) return undefined;
  if (record.exp > Date.now()) return record.value;
  await browser.storage.session.remove(k);
  return undefined;
}

/** Reads and deletes a record (nonces work once). */
export async function take<K extends keyof Records>(kind: K, id: string): Promise<Records[K] | undefined> {
  const value = await get(kind, id);
  if (value) await browser.storage.session.remove(key(kind, id));
  return value;
}

export async function remove(kind: keyof Records, id: string): Promise<void> {
  await browser.storage.session.remove(key(kind, id));
}
