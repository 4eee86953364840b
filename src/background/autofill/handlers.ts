/** Autofill requests: from content scripts about their own frame, and from the inline menu and the popup. */
import browser from '../../browser';
import type { Runtime } from 'webextension-polyfill';
import { AppError } from '../../errors';
import type { MenuState } from '../../messages';
import { deliverFill, frameOf, matchesFor, redeem, rolesOf, userFill, valuesFor } from './fill-rules';
import * as store from './records';
import { autofillVault } from './autofill-vault';
import type { Handlers } from '../router';
import { rememberTabUrl } from '../../first-screen/tab-urls';
import { firstScreen } from '../first-screen';
import { shouldWatchSubmits } from '../save/flow';
import { noteError } from '../diagnostics';
import { lookupMiss } from '../vault/miss-lookup';

type AutofillKinds =
  | 'loginFormDetected'
  | 'fieldRoles'
  | 'openInlineMenu'
  | 'relayMenu'
  | 'hostMenu'
  | 'commandFrame'
  | 'claimFill'
  | 'fillOnLoad'
  | 'inlineMenuState'
  | 'inlineMenuFill'
  | 'fillEntry';

const isFillable = (role: string) => role === 'username' || role === 'email' || role === 'password' || role === 'otp';

/** The menu session of a token, for the inline menu frame in that same tab only. */
async function menuOf(token: string, sender: Runtime.MessageSender): Promise<store.MenuRecord> {
  const menu = await store.get('menu', token);
  if (!menu || sender.tab?.id !== menu.tabId) throw new AppError('denied', 'This menu is no longer valid.');
  return menu;
}

export const autofillHandlers: Pick<Handlers, AutofillKinds> = {
  async loginFormDetected({ roles }, sender) {
    const frame = frameOf(sender);
    // New-password forms are the generator's business; nothing to offer here.
    const fillable = roles.some(isFillable);
    // Independent reads and writes, at once: the page's icon waits for this answer.
    const [watch, local] = await Promise.all([
      // Frames with a password field load the host to notice submits (the save prompt), even without matches.
      shouldWatchSubmits(frame.url, roles),
      fillable ? matchesFor(frame.tabId, frame.url).then((m) => m.length) : 0,
      store.put('frame', `${frame.tabId}:${frame.frameId}`, { ...frame, roles }),
      frame.frameId === 0 && rememberTabUrl(frame.tabId, frame.url),
    ]);
    let matches = local;
    // A login form (a password or user name field: a lone e-mail field is often a newsletter) without a local
    // match asks the servers, at most once per domain and hour: an entry added on the server since the last full
    // list is offered at the first visit. A local match costs no request.
    const loginForm = roles.includes('password') || roles.includes('username');
    if (loginForm && matches === 0 && (await lookupMiss(frame.url))) matches = (await matchesFor(frame.tabId, frame.url)).length;
    // The vault is loaded now: keep this page's matches for the popup on this tab.
    if (frame.frameId === 0 && fillable)
      void firstScreen.writeTab(frame.tabId, frame.url).catch((error) => noteError('firstScreen.tab', error));
    return watch ? { matches, watch } : { matches };
  },

  async fieldRoles({ roles }, sender) {
    const frame = frameOf(sender);
    await store.put('exact', `${frame.tabId}:${frame.frameId}`, { ...(frame.documentId ? { documentId: frame.documentId } : {}), roles });
    return { matches: roles.some(isFillable) ? (await matchesFor(frame.tabId, frame.url)).length : 0 };
  },

  async openInlineMenu(_body, sender) {
    const frame = frameOf(sender);
    const token = store.newId();
    await store.put('menu', token, frame);
    return { token };
  },

  async relayMenu({ token }, sender) {
    const frame = frameOf(sender);
    const menu = await store.get('menu', token);
    // Only the frame the session was opened for may hand it to its top frame.
    if (!menu || menu.tabId !== frame.tabId || menu.frameId !== frame.frameId || menu.documentId !== frame.documentId) return null;
    const nonce = store.newId();
    await store.put('relay', nonce, { tabId: frame.tabId, token });
    return { nonce };
  },

  async hostMenu({ nonce }, sender) {
    const frame = frameOf(sender);
    if (frame.frameId !== 0) return null;
    const relay = await store.take('relay', nonce);
    return relay?.tabId === frame.tabId ? { token: relay.token } : null;
  },

  async commandFrame({ nonce }, sender) {
    const frame = frameOf(sender);
    const command = await store.take('nonce', nonce);
    if (!command || command.tabId !== frame.tabId) return { action: 'none' };
    if (command.cmd === 'open-inline-menu') return { action: 'menu' };
    const [best] = await matchesFor(frame.tabId, frame.url);
    const roles = await rolesOf(frame);
    // Nothing to fill, or a choice the user must make (https entry on http, locked entry): show the menu.
    if (!best || best.askFirst || best.entry.lockedType !== 0 || !roles.some(isFillable)) return { action: 'menu' };
    return { action: 'fill', values: await userFill(frame, best.entry.id, roles) };
  },

  async claimFill({ ticket }, sender) {
    return redeem(ticket, sender);
  },

  async fillOnLoad(_body, sender) {
    const frame = frameOf(sender);
    if (!(await autofillVault().options()).fillOnLoad) return null;
    const matches = await matchesFor(frame.tabId, frame.url);
    // Rule 1: only an unambiguous, plain match; the frame fills only empty visible fields.
    if (matches.length !== 1 || matches[0].askFirst || matches[0].entry.lockedType !== 0) return null;
    // Not the user's action in this tab: not remembered for the save flow's update offer (valuesFor, not userFill).
    const values = await valuesFor(frame.tabId, matches[0].entry.id, await rolesOf(frame));
    return { ...values, onlyEmpty: true, submit: false };
  },

  async inlineMenuState({ token }, sender): Promise<MenuState> {
    const menu = await menuOf(token, sender);
    const locked = await autofillVault().locked();
    const entries = locked ? [] : await matchesFor(menu.tabId, menu.url);
    const state: MenuState = { entries, locked, host: new URL(menu.url).host };
    return menu.generate ? { ...state, generate: true } : state;
  },

  async inlineMenuFill({ token, entryId, confirmed }, sender) {
    const menu = await menuOf(token, sender);
    const match = (await matchesFor(menu.tabId, menu.url)).find((m) => m.entry.id === entryId);
    if (!match) return { status: 'refused' };
    if (match.askFirst && !confirmed) return { status: 'confirm' };
    if (!(await deliverFill(menu, entryId, confirmed))) return { status: 'refused' };
    const roles = await rolesOf(menu);
    const otp = roles.includes('otp') && match.entry.hasOtp ? await autofillVault().otpFor(entryId) : undefined;
    return otp ? { status: 'filled', otp } : { status: 'filled' };
  },

  async fillEntry({ entryId, tabId, reason }) {
    const tab = tabId ?? (await browser.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id;
    if (tab === undefined) throw new AppError('not_found', 'No tab to fill.');
    // Rule 6: one frame only, the first (top first) whose own URL matches the entry.
    for (const frame of await store.framesOfTab(tab)) {
      if (!(await rolesOf(frame)).some(isFillable)) continue;
      const match = (await matchesFor(tab, frame.url)).find((m) => m.entry.id === entryId);
      if (!match) continue;
      if (match.askFirst)
        throw new AppError('denied', 'This login is saved for https and the page is http: fill it from the in-page menu to confirm.');
      if (await deliverFill(frame, entryId, false, reason)) return null;
    }
    throw new AppError('not_found', 'No login form on this page matches this entry.');
  },
};
