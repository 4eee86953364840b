/**
 * The rules every fill goes through, wherever it starts (inline menu, keyboard command, popup, fill-on-load):
 * a frame is identified by what the browser says (`sender`), matched by its own URL, and gets one secret only
 * when it redeems a ticket the worker sent to that very document after the user picked the entry.
 */
import browser from '../../browser';
import type { Runtime } from 'webextension-polyfill';
import { AppError } from '../../errors';
import type { FieldRole, FillValues, ToContent } from '../../messages';
import * as store from './records';
import { autofillVault, type AutofillMatch } from './autofill-vault';
import { rememberFill } from '../save/filled-logins';

/** The sending frame, or `denied` for sandboxed frames (opaque origin) and frames without a tab. */
export function frameOf(sender: Runtime.MessageSender): store.FrameRef {
  const { tab, frameId, url } = sender;
  const origin = (sender as { origin?: string }).origin;
  if (!tab?.id || tab.id < 0 || typeof frameId !== 'number' || !url || !/^https?:/.test(url)) {
    throw new AppError('denied', 'This request must come from a web page frame.');
  }
  // Rule 4: a sandboxed frame has an opaque origin ("null"); it is never offered nor filled.
  if (origin === 'null') throw new AppError('denied', 'Sandboxed frames are not filled.');
  const documentId = (sender as { documentId?: string }).documentId;
  return { tabId: tab.id, frameId, url, ...(documentId ? { documentId } : {}) };
}

/** Matches for a frame URL, best first; the entry filled last in this tab (two-step logins) comes first. */
export async function matchesFor(tabId: number, url: string): Promise<AutofillMatch[]> {
  const vault = autofillVault();
  if (await vault.locked()) return [];
  const matches = await vault.matchUrl(url);
  const last = await store.get('last', String(tabId));
  const i = last ? matches.findIndex((m) => m.entry.id === last.entryId) : -1;
  return i > 0 ? [matches[i], ...matches.slice(0, i), ...matches.slice(i + 1)] : matches;
}

/** Fetches what the frame's fields need, and remembers the entry for the next step of a two-step login. */
export async function valuesFor(tabId: number, entryId: string, roles: readonly FieldRole[], reason?: string): Promise<FillValues> {
  const vault = autofillVault();
  const values: FillValues = {};
  const email = roles.includes('email');
  if (email || roles.includes('username') || roles.includes('password')) {
    const login = await vault.loginFor(entryId, reason);
    // An e-mail field takes the user name when that is an e-mail address (the frame checks).
    if ((email || roles.includes('username')) && login.username !== undefined) values.username = login.username;
    if (email && login.email !== undefined) values.email = login.email;
    if (roles.includes('password') && login.password !== undefined) values.password = login.password;
  }
  if (roles.includes('otp')) {
    const otp = await vault.otpFor(entryId);
    if (otp !== undefined) values.otp = otp;
  }
  if ((await vault.options()).autoSubmit) values.submit = true;
  await store.put('last', String(tabId), { entryId });
  return values;
}

/** A fill the user asked for: its values, and what was filled remembered for the save flow's update offer. */
export async function userFill(frame: store.FrameRef, entryId: string, roles: readonly FieldRole[], reason?: string): Promise<FillValues> {
  const values = await valuesFor(frame.tabId, entryId, roles, reason);
  await rememberFill(frame, entryId, values.password);
  return values;
}

/**
 * The roles this very document reported: the host's classification, else the detector's rough look; none when it
 * reported nothing (then it gets no secret).
 */
export async function rolesOf(frame: store.FrameRef): Promise<FieldRole[]> {
  const key = `${frame.tabId}:${frame.frameId}`;
  const [exact, record] = await Promise.all([store.get('exact', key), store.get('frame', key)]);
  if (exact && exact.documentId === frame.documentId) return exact.roles;
  return record && record.documentId === frame.documentId ? record.roles : [];
}

/**
 * Sends a one-time ticket to the frame's current document; the frame redeems it with `claimFill`, where the
 * worker checks the frame's URL again (rule 5). Resolves true when the frame reports it filled.
 */
export async function deliverFill(frame: store.FrameRef, entryId: string, confirmed: boolean, reason?: string): Promise<boolean> {
  const ticket = store.newId();
  await store.put('ticket', ticket, { ...frame, entryId, confirmed, ...(reason ? { reason } : {}) });
  const message: ToContent = { t: 'fill', ticket };
  const target = { frameId: frame.frameId, ...(frame.documentId ? { documentId: frame.documentId } : {}) };
  try {
    return (await browser.tabs.sendMessage(frame.tabId, message, target)) === true;
  } catch {
    // The document is gone (navigated or closed): nothing was sent.
    await store.take('ticket', ticket);
    return false;
  }
}

/** Redeems a ticket: only in the frame and document it was sent to, and only while that frame's URL matches. */
export async function redeem(ticketId: string, sender: Runtime.MessageSender): Promise<FillValues | null> {
  const ticket = await store.take('ticket', ticketId);
  if (!ticket) return null;
  const frame = frameOf(sender);
  const sameDocument = ticket.documentId === undefined || ticket.documentId === frame.documentId;
  if (ticket.tabId !== frame.tabId || ticket.frameId !== frame.frameId || !sameDocument) return null;
  const match = (await matchesFor(frame.tabId, frame.url)).find((m) => m.entry.id === ticket.entryId);
  if (!match || (match.askFirst && !ticket.confirmed)) return null;
  return userFill(frame, ticket.entryId, await rolesOf(frame), ticket.reason);
}
