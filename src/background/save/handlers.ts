/** Save and update requests: the submit from a content script, the save prompt's session, and the popup's queue view. */
import browser from '../../browser';
import type { Runtime } from 'webextension-polyfill';
import { AppError } from '../../errors';
import type { SavePromptChoice, SavePromptOutcome, SavePromptState } from '../../save-prompt-view';
import { addNeverSave, listNeverSave, removeNeverSave, saveOrigin } from '../../vault/never-save';
import type { SaveRequest } from '../../vault/save-job';
import type { NewLogin, PasswordIssue } from '../../vault/sources';
import { loadServers } from '../settings/config-store';
import { generateFor } from '../generate/generate-for';
import { localStore } from '../lock/keyring-session';
import { checkView, passwordIssueView } from './check-text';
import { processUntilTried, saveQueue } from './queue-service';
import { onLoginSubmitted } from './flow';
import { placesOf, writableServers } from './targets';
import type { Handlers } from '../router';
import * as records from './records';
import { loadVault } from '../vault/loaded-vault';
import { sourceById } from '../vault/server-registry';
import { entryById } from '../vault/vault-service';
import { vaultChanged } from '../vault/vault-events';

type SaveKinds =
  | 'loginSubmitted'
  | 'savePromptState'
  | 'savePromptAction'
  | 'listPendingSaves'
  | 'retryPendingSave'
  | 'dropPendingSave'
  | 'listNeverSave'
  | 'setNeverSave';

const msg = (key: string) => browser.i18n.getMessage(key) || key;

/** The pending login of the prompt's token, for the prompt frame in that same tab only. */
async function pendingFor(token: string, sender: Runtime.MessageSender): Promise<records.PendingLogin> {
  const tabId = sender.tab?.id;
  const pending = tabId === undefined ? undefined : await records.get('pending', String(tabId));
  if (!pending || pending.token !== token) throw new AppError('denied', 'This prompt is no longer valid.');
  return pending;
}

const place = (path: string[]) => (path.length ? path.join(' › ') : msg('savePlacePersonal'));

/**
 * A password for the user to set on the site instead (the one submitted cannot be stored as it is). The pending
 * login ends here: once the site has the new password, its change-password submit brings the prompt again.
 */
async function generated(tab: string, password: string): Promise<SavePromptOutcome> {
  await records.remove('pending', tab);
  return { status: 'generated', password };
}

/**
 * Queues the save, tries it at once, and says where it went: saved (read back), stopped for good (a permanent
 * error: the prompt says why, the popup keeps it), or waiting for a retry (transient).
 */
async function saveNow(request: SaveRequest, where: string, done: 'saved' | 'updated'): Promise<SavePromptOutcome> {
  const job = await (await saveQueue()).enqueue(request);
  const result = await processUntilTried(job.id);
  if (result?.saved.some((s) => s.save.id === job.id)) return { status: done, where };
  const failed = result?.failed.find((f) => f.id === job.id);
  if (failed?.state === 'stopped' && failed.lastError)
    return { status: 'failed', where, code: failed.lastError.code, message: failed.lastError.message };
  return failed?.lastError ? { status: 'queued', where, message: failed.lastError.message } : { status: 'queued', where };
}

/** A password issue stands in the way unless the user accepted a change (a refusal cannot be accepted). */
const blocks = (issue: PasswordIssue | undefined, choice: SavePromptChoice) =>
  issue !== undefined && !(issue.kind === 'altered' && choice.accept?.password);

/** How many generated passwords to try before giving up on one the server stores as it is. */
const GENERATE_TRIES = 5;

/** A new password the server stores unchanged (the local generator never makes one it would change; a server's might). */
async function storablePassword(ok: (password: string) => boolean): Promise<string> {
  for (let i = 0; i < GENERATE_TRIES; i++) {
    const { password } = await generateFor('default');
    if (ok(password)) return password;
  }
  throw new AppError('internal', 'No generated password could be stored as it is.');
}

export const saveHandlers: Pick<Handlers, SaveKinds> = {
  async loginSubmitted(body, sender) {
    await onLoginSubmitted(body, sender);
    return null;
  },

  async savePromptState({ token }, sender): Promise<SavePromptState> {
    const pending = await pendingFor(token, sender);
    const page = new URL(pending.frameUrl);
    const state: SavePromptState = {
      mode: pending.mode,
      host: page.host,
      name: page.hostname.replace(/^www\./, ''),
      username: pending.username,
      url: `${page.origin}${page.pathname}`,
      servers: [],
    };
    if (pending.mode === 'update' && pending.entryId) {
      const { entry, source } = await entryById(pending.entryId);
      const server = (await loadServers()).find((s) => s.id === entry.sourceId)?.name ?? '';
      const shown = { id: entry.id, name: entry.name, path: entry.projectPath, server, lockedType: entry.lockedType };
      const issue = source.checkPassword(entry, pending.password);
      return {
        ...state,
        entry: entry.username ? { ...shown, username: entry.username } : shown,
        ...(issue ? { passwordIssue: passwordIssueView(server, issue) } : {}),
      };
    }
    state.servers = await writableServers();
    // Preselect the place of an entry this site already has, when the user may save there.
    const near = (await loadVault()).matchUrl(pending.frameUrl).map((m) => m.entry.projectId ?? `${m.entry.sourceId}:personal`);
    const known = near.find((id) => state.servers.some((s) => s.places.some((p) => p.id === id)));
    if (known) state.placeId = known;
    return state;
  },

  async savePromptAction(choice, sender) {
    const pending = await pendingFor(choice.token, sender);
    const tab = String(pending.tabId);
    if (choice.action === 'dismiss' || choice.action === 'never') {
      if (choice.action === 'never') await addNeverSave(localStore, pending.frameUrl);
      await records.remove('pending', tab);
      return { status: 'closed' };
    }
    if (choice.action === 'update' || (choice.action === 'generate' && pending.mode === 'update')) {
      if (pending.mode !== 'update' || !pending.entryId) throw new AppError('bad_request', 'There is no entry to update.');
      const { entry, source } = await entryById(pending.entryId);
      const server = (await loadServers()).find((s) => s.id === entry.sourceId)?.name ?? '';
      if (choice.action === 'generate') return generated(tab, await storablePassword((p) => !source.checkPassword(entry, p)));
      const issue = source.checkPassword(entry, pending.password);
      if (blocks(issue, choice))
        return { status: 'check', check: { changed: [], refused: [], password: passwordIssueView(server, issue!) } };
      const request: SaveRequest = { kind: 'update', sourceId: entry.sourceId, entry, password: pending.password };
      if (choice.reason) request.reason = choice.reason;
      if (issue) request.accepted = { password: true };
      await records.remove('pending', tab);
      return saveNow(request, `${server} › ${entry.name}`, 'updated');
    }
    const server = (await loadServers()).find((s) => s.id === choice.sourceId);
    if (!server) throw new AppError('not_found', 'This server is no longer configured.');
    const target = (await placesOf(server)).find((t) => t.id === choice.placeId);
    if (!target) throw new AppError('bad_request', 'Choose where to save this login.');
    const source = await sourceById(server.id);
    if (!source) throw new AppError('not_found', 'This server is no longer configured.');
    const page = new URL(pending.frameUrl);
    const login: NewLogin = {
      name: choice.name?.trim() || page.hostname,
      url: choice.url?.trim() || `${page.origin}${page.pathname}`,
      password: pending.password,
    };
    const username = (choice.username ?? pending.username).trim();
    if (username) login.username = username;
    if (choice.action === 'generate')
      return generated(tab, await storablePassword((p) => !source.checkCreate(target, { ...login, password: p }).password));
    // Nothing is sent that the server would refuse or store differently than shown, unless the user accepted it.
    const check = source.checkCreate(target, login);
    if (check.refused.length || blocks(check.password, choice) || (check.changed.length && !choice.accept?.fields)) {
      return { status: 'check', check: checkView(server.name, check) };
    }
    // From here the password lives in the encrypted queue only.
    await records.remove('pending', tab);
    const request: SaveRequest = { kind: 'create', sourceId: server.id, target, login: check.login };
    if (check.changed.length || check.password)
      request.accepted = { fields: check.changed.length > 0, password: check.password !== undefined };
    return saveNow(request, `${server.name} › ${place(target.path)}`, 'saved');
  },

  async listPendingSaves() {
    return (await saveQueue()).pending();
  },

  async retryPendingSave({ id, reason }) {
    const queue = await saveQueue();
    const due = await queue.retryNow(id, reason === undefined ? {} : { reason });
    const result = due ? await processUntilTried(id) : undefined;
    return { saved: result?.saved.some((s) => s.save.id === id) ?? false, pending: (await queue.pending()).length };
  },

  async dropPendingSave({ id }) {
    await (await saveQueue()).drop(id);
    vaultChanged();
    return null;
  },

  /** The settings page's list of "Never for this site" origins, and the way back from it. */
  listNeverSave: () => listNeverSave(localStore),

  async setNeverSave({ origin, never }) {
    if (saveOrigin(origin) !== origin) throw new AppError('bad_request', 'Not a web origin.');
    await (never ? addNeverSave(localStore, origin) : removeNeverSave(localStore, origin));
    return listNeverSave(localStore);
  },
};
