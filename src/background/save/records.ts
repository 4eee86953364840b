/**
 * Short-lived records of the generator and the save flow in `storage.session` (memory only, never on disk, not
 * readable by content scripts, kept across worker restarts): generation nonces, the last generated password per
 * tab and origin, the login waiting for the save prompt per tab, what the user filled in each tab (a salted hash,
 * never the password) and when a tab last showed a prompt. One key per record, each with its expiry. Every one of
 * them goes when the vault locks.
 */
import { expiringRecords } from '../expiring-records';
import type { GeneratorProfile } from '../../messages';

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

/** A fill the user asked for in a tab: the entry and `SHA-256(salt + password)` of what was filled. */
export interface FilledLogin {
  entryId: string;
  /** The origin of the frame that was filled. */
  origin: string;
  salt: string;
  hash: string;
}

type Records = {
  nonce: GenerationNonce;
  generated: { password: string };
  pending: PendingLogin;
  filled: FilledLogin;
  prompted: { at: number };
};

const TTL: Record<keyof Records, number> = {
  nonce: 15_000,
  generated: 30 * 60_000,
  pending: 15 * 60_000,
  filled: 15 * 60_000,
  /** At most one prompt per tab in this time. */
  prompted: 60_000,
};

/** `put`, `get`, `take` (read once) and `remove` over this module's record kinds; `clear` and `sweep` over all. */
export const { put, get, take, remove, clear, sweep } = expiringRecords<Records>('sv', TTL);
