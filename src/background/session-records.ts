/**
 * Short-lived records of the generator and the save flow in `storage.session` (memory only, never on disk, not
 * readable by content scripts, kept across worker restarts): generation nonces, the last generated password per
 * tab and origin, and the login waiting for the save prompt per tab. One key per record, each with its expiry.
 */
import { expiringRecords } from './expiring-records';
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

/** `put`, `get`, `take` (read once) and `remove` over this module's record kinds. */
export const { put, get, take, remove } = expiringRecords<Records>('sv', TTL);
