/**
 * From a submitted login to the save prompt. The worker decides (never-save origin, a known entry with the same
 * password, a changed password, or a new login), keeps the login for that tab in session memory, and asks the
 * tab's top frame to show the prompt — again on the tab's next page while the submit's navigation is recent.
 */
import browser from '../browser';
import type { Runtime } from 'webextension-polyfill';
import type { SubmittedLogin, ToContent } from '../messages';
import type { Entry } from '../vault/entry';
import { isNeverSave } from '../vault/never-save';
import { frameOf } from './autofill-core';
import { loadServers } from './config-store';
import { generatedKey } from './generate-flow';
import { localStore, unlocked } from './keyring-session';
import { writableServers } from './save-targets';
import * as records from './session-records';
import * as vault from './vault-service';

/** How long after a submit the prompt is shown again on the tab's next page. */
const DUE_MS = 60_000;

const loginName = (e: Entry) => (e.username ?? e.email ?? '').trim().toLowerCase();

/** The stored password of an entry, or undefined when it cannot be read now (locked entry, server down). */
async function storedPassword(entry: Entry): Promise<string | undefined> {
  if (entry.lockedType !== 0) return undefined;
  try {
    const { source } = await vault.entryById(entry.id);
    return await source.secret(entry, 0);
  } catch {
    return undefined;
  }
}

type Decision = { mode: 'save' } | { mode: 'update'; entry: Entry } | { mode: 'none' };

/**
 * Secrets are not cached, so a known login is recognised by asking the server for the password of the one entry
 * that matches the site and username; with none (or several), the login counts as new.
 */
export async function decide(url: string, username: string, login: SubmittedLogin, password: string): Promise<Decision> {
  const matches = (await vault.matchUrl(url)).map((m) => m.entry);
  const wanted = username.toLowerCase();
  const same = wanted ? matches.filter((e) => loginName(e) === wanted) : matches;
  if (same.length !== 1) return { mode: 'save' };
  const entry = same[0];
  const stored = await storedPassword(entry);
  if (stored === password) return { mode: 'none' };
  // Cannot compare (a locked entry, the server down): offer an update only for a change of password.
  if (stored === undefined) return login.newPassword ? { mode: 'update', entry } : { mode: 'none' };
  // A change-password form without a username is about this entry only if its current password is the stored one.
  if (!wanted && login.newPassword && login.password !== undefined && stored !== login.password) return { mode: 'save' };
  return { mode: 'update', entry };
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
    const shown = await browser.tabs.sendMessage(pending.tabId, message, { frameId: 0 }).then((r) => r === true, () => false);
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
  const earlier = await records.get('pending', String(frame.tabId));
  // The same submit seen twice (click, then submit event): show the same prompt, decide nothing again.
  if (earlier && earlier.password === password && earlier.username === username) {
    if (Date.now() < earlier.dueUntil) await showPrompt(earlier);
    return;
  }
  const [decision, servers] = await Promise.all([decide(frame.url, username, login, password), writableServers()]);
  if (decision.mode === 'none' || (decision.mode === 'save' && servers.length === 0)) return;
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
  await records.put('pending', String(frame.tabId), pending);
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
