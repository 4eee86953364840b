/**
 * Short-lived autofill records in `storage.session` (memory only, not readable by content scripts, survives the
 * worker's restarts): frames with login forms, menu sessions, fill tickets, command nonces, the last fill per tab.
 * One key per record, so concurrent messages never overwrite each other's records. No secret is stored here.
 */
import browser from '../../browser';
import { expiringRecords, sessionKeys } from '../expiring-records';
import type { FieldRole } from '../../messages';

/** A frame as the browser identified it (`sender`), never as the page describes itself. */
export interface FrameRef {
  tabId: number;
  frameId: number;
  /** Chromium's id of the document: a message sent with it cannot reach a later document of the frame. */
  documentId?: string;
  url: string;
}

export interface FrameRecord extends FrameRef {
  /** The detector's rough look (it may say too much): whether to offer anything, whether to watch submits. */
  roles: FieldRole[];
}

/** The host's classification of a frame's document, once the host is loaded there: what a fill serves. */
export interface ExactRoles {
  documentId?: string;
  roles: FieldRole[];
}

export interface Ticket extends FrameRef {
  entryId: string;
  confirmed: boolean;
  reason?: string;
}

export interface Nonce {
  tabId: number;
  cmd: 'fill-best-match' | 'open-inline-menu';
}

/** A menu session; `generate` when it was opened from a new-password field (the menu offers the generator). */
export type MenuRecord = FrameRef & { generate?: boolean };

/** A menu session to be shown by the tab's top frame (its own frame is too small). */
export interface Relay {
  tabId: number;
  token: string;
}

type Records = {
  frame: FrameRecord;
  exact: ExactRoles;
  menu: MenuRecord;
  ticket: Ticket;
  nonce: Nonce;
  last: { entryId: string };
  relay: Relay;
};

/** How long each kind of record lives. */
const TTL: Record<keyof Records, number> = {
  frame: 12 * 3600_000,
  exact: 12 * 3600_000,
  menu: 15 * 60_000,
  ticket: 15_000,
  nonce: 10_000,
  last: 5 * 60_000,
  relay: 10_000,
};

/** `put`, `get` and `take` (read once) over this module's record kinds; `clear` and `sweep` over all. */
export const { put, get, take, clear, sweep } = expiringRecords<Records>('af', TTL);

/** The frames of a tab that reported a login form, top frame first. */
export async function framesOfTab(tabId: number): Promise<FrameRecord[]> {
  const records = await browser.storage.session.get(await sessionKeys(`af:frame:${tabId}:`));
  const now = Date.now();
  return Object.values(records)
    .filter((r) => (r as { exp: number }).exp > now)
    .map((r) => (r as { value: FrameRecord }).value)
    .sort((a, b) => a.frameId - b.frameId);
}

export function newId(): string {
  return crypto.randomUUID();
}
