/** Save and update requests: the submit from a content script, the save prompt's session, and the popup's queue view. */
import browser from '../browser';
import type { Runtime } from 'webextension-polyfill';
import { AppError } from '../errors';
import type { SavePromptOutcome, SavePromptState } from '../messages';
import { addNeverSave } from '../vault/never-save';
import type { SaveRequest } from '../vault/save-job';
import type { NewLogin } from '../vault/sources';
import { loadServers } from './config-store';
import { localStore } from './keyring-session';
import { processUntilTried, saveQueue } from './save-queue-service';
import { onLoginSubmitted } from './save-flow';
import { placesOf, writableServers } from './save-targets';
import type { Handlers } from './router';
import * as records from './session-records';
import * as vault from './vault-service';

type SaveKinds = 'loginSubmitted' | 'savePromptState' | 'savePromptAction' | 'listPendingSaves' | 'retryPendingSave' | 'dropPendingSave';

const msg = (key: string) => browser.i18n.getMessage(key) || key;

/** The pending login of the prompt's token, for the prompt frame in that same tab only. */
async function pendingFor(token: string, sender: Runtime.MessageSender): Promise<records.PendingLogin> {
  const tabId = sender.tab?.id;
  const pending = tabId === undefined ? undefined : await records.get('pending', String(tabId));
  if (!pending || pending.token !== token) throw new AppError('denied', 'This prompt is no longer valid.');
  return pending;
}

const place = (path: string[]) => (path.length ? path.join(' › ') : msg('savePlacePersonal'));

/** Queues the save, tries it at once, and says where it went (or that it waits for a retry). */
async function saveNow(request: SaveRequest, where: string, done: 'saved' | 'updated'): Promise<SavePromptOutcome> {
  const job = await (await saveQueue()).enqueue(request);
  const result = await processUntilTried(job.id);
  if (result?.saved.some((s) => s.save.id === job.id)) return { status: done, where };
  const failed = result?.failed.find((f) => f.id === job.id);
  return failed?.lastError ? { status: 'queued', where, message: failed.lastError.message } : { status: 'queued', where };
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
      const { entry } = await vault.entryById(pending.entryId);
      const server = (await loadServers()).find((s) => s.id === entry.sourceId)?.name ?? '';
      const shown = { id: entry.id, name: entry.name, path: entry.projectPath, server, lockedType: entry.lockedType };
      return { ...state, entry: entry.username ? { ...shown, username: entry.username } : shown };
    }
    state.servers = await writableServers();
    // Preselect the place of an entry this site already has, when the user may save there.
    const near = (await vault.matchUrl(pending.frameUrl)).map((m) => m.entry.projectId ?? `${m.entry.sourceId}:personal`);
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
    if (choice.action === 'update') {
      if (pending.mode !== 'update' || !pending.entryId) throw new AppError('bad_request', 'There is no entry to update.');
      const { entry } = await vault.entryById(pending.entryId);
      const request: SaveRequest = { kind: 'update', sourceId: entry.sourceId, entry, password: pending.password };
      if (choice.reason) request.reason = choice.reason;
      await records.remove('pending', tab);
      const server = (await loadServers()).find((s) => s.id === entry.sourceId)?.name ?? '';
      return saveNow(request, `${server} › ${entry.name}`, 'updated');
    }
    const server = (await loadServers()).find((s) => s.id === choice.sourceId);
    if (!server) throw new AppError('not_found', 'This server is no longer configured.');
    const target = (await placesOf(server)).find((t) => t.id === choice.placeId);
    if (!target) throw new AppError('bad_request', 'Choose where to save this login.');
    const page = new URL(pending.frameUrl);
    const login: NewLogin = {
      name: choice.name?.trim() || page.hostname,
      url: choice.url?.trim() || `${page.origin}${page.pathname}`,
      password: pending.password,
    };
    const username = (choice.username ?? pending.username).trim();
    if (username) login.username = username;
    // From here the password lives in the encrypted queue only.
    await records.remove('pending', tab);
    return saveNow({ kind: 'create', sourceId: server.id, target, login }, `${server.name} › ${place(target.path)}`, 'saved');
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
    browser.runtime.sendMessage({ event: 'vaultChanged' }).catch(() => undefined);
    return null;
  },
};
