/**
 * From a submitted login to the save prompt. The worker decides from what it knows locally (the site's entries,
 * what the user filled in this tab) and never reads a secret to do so: a page cannot use the prompt to test
 * password guesses, and a login leaves no "password viewed" record on the server. It keeps the login for that tab
 * in session memory, and asks the tab's top frame to show the prompt — again on the tab's next page while the
 * submit's navigation is recent. At most one prompt per tab and minute.
 */
import browser from '../../browser';
import type { Runtime } from 'webextension-polyfill';
import type { SubmittedLogin, ToContent } from '../../messages';
import type { Entry } from '../../vault/entry';
import { isNeverSave } from '../../vault/never-save';
import { frameOf } from '../autofill/fill-rules';
import { loadServers } from '../settings/config-store';
import { fillOf, isFilledPassword } from './filled-logins';
import { generatedKey } from '../generate/flow';
import { localStore, unlocked } from '../lock/keyring-session';
import { writableServers } from './targets';
import * as records from './records';
import { loadVault } from '../vault/loaded-vault';

/** How long after a submit the prompt is shown again on the tab's next page. */
const DUE_MS = 60_000;

const loginName = (e: Entry) => (e.username ?? e.email ?? '').trim().toLowerCase();

type Decision = { mode: 'save' } | { mode: 'update'; entry: Entry } | { mode: 'none' };

/**
 * Save, update or nothing, without any server request:
 * - **update** the entry this tab was filled from (by the user, in a frame of this origin) when the submitted
 *   password is not the one filled — the page saw that fill, so the prompt tells it nothing new;
 * - **update** on a change-password form (current and new password) for the one entry of the site with the
 *   submitted user name, unless that entry names https and the page is http (fill asks first there; so does this);
 * - **save** a user name that no entry of the site has (no user name: only on a site without entries);
 * - otherwise nothing.
 */
async function decide(tabId: number, url: string, username: string, login: SubmittedLogin, password: string): Promise<Decision> {
  const matches = (await loadVault()).matchUrl(url);
  const wanted = username.toLowerCase();
  const filled = await fillOf(tabId, url);
  const fillEntry = filled && matches.find((m) => m.entry.id === filled.entryId)?.entry;
  if (filled && fillEntry && (!wanted || wanted === loginName(fillEntry))) {
    return (await isFilledPassword(filled, password)) ? { mode: 'none' } : { mode: 'update', entry: fillEntry };
  }
  if (!wanted) return matches.length === 0 ? { mode: 'save' } : { mode: 'none' };
  const same = matches.filter((m) => loginName(m.entry) === wanted);
  if (same.length === 0) return { mode: 'save' };
  const changing = login.newPassword !== undefined && login.password !== undefined;
  if (changing && same.length === 1 && !same[0].match.askFirst) return { mode: 'update', entry: same[0].entry };
  return { mode: 'none' };
}

/**
 * Asks the tab's top frame to show the prompt. While the tab loads (the submit's navigation), the next page's
 * `complete` shows it instead; a page whose content script is not listening yet is asked again shortly.
 */
async function showPrompt(pending: records.PendingLogin): Promise<void> {
  const message: ToContent = { t: 'save-prompt', token: pending.token };
  for (let attempt = 0; attempt < 8 && Date.now() < pending.dueUntil; attempt++) {
    const tab = await browser.tabs.get(pending.tabId).catch(() => undefined);
    if (!tab || tab.status === 'loading') return;
    const shown = await browser.tabs.sendMessage(pending.tabId, message, { frameId: 0 }).then(
      (r) => r === true,
      () => false,
    );
    if (shown) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export async function onLoginSubmitted(login: SubmittedLogin, sender: Runtime.MessageSender): Promise<void> {
  const frame = frameOf(sender);
  if (!(await unlocked()) || (await isNeverSave(localStore, frame.url))) return;
  const generated = await records.get('generated', generatedKey(frame.tabId, frame.url));
  const password = login.newPassword ?? login.password ?? generated?.password;
  if (!password) return;
  const username = (login.username ?? '').trim();
  const tab = String(frame.tabId);
  const earlier = await records.get('pending', tab);
  // The same submit seen twice (click, then submit event): show the same prompt, decide nothing again.
  if (earlier && earlier.password === password && earlier.username === username) {
    if (Date.now() < earlier.dueUntil) await showPrompt(earlier);
    return;
  }
  const decision = await decide(frame.tabId, frame.url, username, login, password);
  if (decision.mode === 'none' || (await records.get('prompted', tab))) return;
  if (decision.mode === 'save' && (await writableServers()).length === 0) return;
  const pending: records.PendingLogin = {
    token: crypto.randomUUID(),
    tabId: frame.tabId,
    frameUrl: frame.url,
    username,
    password,
    mode: decision.mode,
    dueUntil: Date.now() + DUE_MS,
    ...(decision.mode === 'update' ? { entryId: decision.entry.id } : {}),
  };
  await Promise.all([records.put('pending', tab, pending), records.put('prompted', tab, { at: Date.now() })]);
  await showPrompt(pending);
}

/** A page of the tab finished loading: the prompt of a recent submit shows there. */
export async function onTabLoaded(tabId: number): Promise<void> {
  const pending = await records.get('pending', String(tabId));
  if (pending && Date.now() < pending.dueUntil) await showPrompt(pending);
}

/** A frame with a password field should watch its submits: the vault is unlocked, a server is set, the site not excluded. */
export async function shouldWatchSubmits(url: string, roles: readonly string[]): Promise<boolean> {
  if (!roles.includes('password') && !roles.includes('new-password')) return false;
  if (!(await unlocked()) || (await loadServers()).length === 0) return false;
  return !(await isNeverSave(localStore, url));
}
