/** Requests from our pages about servers, the lock and entries. */
import { AppError } from '../../errors';
import type { EntryDetails, PopupState, ProjectNode } from '../../messages';
import { parseEntryUrls } from '../../vault/parse-entry-urls';
import { limitDetails } from '../../vault/entry-limits';
import { loadSettings, saveSettings } from '../settings/config-store';
import { readPolicy } from '../settings/managed-policy';
import { recentErrors } from '../diagnostics';
import * as session from '../lock/keyring-session';
import type { Handlers } from '../router';
import { firstScreenOf } from '../../first-screen/records';
import { tabUrl } from '../../first-screen/tab-urls';
import { lockVault } from '../lock/lock-vault';
import * as vault from './vault-service';
import { scheduleAlarms } from '../alarms';
import { processSaveQueue } from '../save/queue-service';

/** TPM computes one-time codes with the RFC 6238 defaults. */
const OTP_PERIOD = 30;

async function afterUnlock(): Promise<PopupState> {
  await vault.syncIfStale((await loadSettings()).syncIntervalMinutes);
  void processSaveQueue();
  return vault.popupState();
}

async function siteMatches(tabId: number | undefined) {
  const url = await tabUrl(tabId);
  return { url, matches: await vault.matchUrl(url) };
}

/** The current site's entries rank first in search; looked up once per popup, not on every keystroke. */
const SITE_FRESH_MS = 5_000;
let lastSite: { tabId: number | undefined; at: number; ids: Set<string> } | undefined;

async function siteBoost(tabId: number | undefined): Promise<Set<string>> {
  if (lastSite && lastSite.tabId === tabId && Date.now() - lastSite.at < SITE_FRESH_MS) return lastSite.ids;
  const ids = new Set((await siteMatches(tabId)).matches.map((m) => m.entry.id));
  lastSite = { tabId, at: Date.now(), ids };
  return ids;
}

export const vaultHandlers = {
  async getPopupState() {
    if (await session.unlocked()) await vault.syncIfStale((await loadSettings()).syncIntervalMinutes);
    return vault.popupState();
  },

  async setPassphrase({ passphrase }) {
    if (await session.keyringExists()) throw new AppError('bad_request', 'A passphrase is already set: change it instead.');
    await session.setFirstPassphrase(passphrase);
    return afterUnlock();
  },

  async changePassphrase({ current, next }) {
    await session.replacePassphrase(current, next);
    return null;
  },

  async unlock({ passphrase }) {
    await session.unlock(passphrase);
    return afterUnlock();
  },

  async lock() {
    await lockVault();
    return null;
  },

  testServer: ({ server }) => vault.testServer(server),
  saveServer: ({ server }) => vault.saveServer(server),

  async removeServer({ id }) {
    await vault.removeServer(id);
    return null;
  },

  async syncNow({ id }) {
    await vault.syncNow(id);
    return null;
  },

  async getFirstScreen({ tabId, limit }) {
    const mem = await vault.vault();
    const url = await tabUrl(tabId);
    return firstScreenOf(await vault.siteSummaries(url, limit), vault.firstScreenLists(mem, limit), url);
  },

  async search({ text, tabId, limit }) {
    const mem = await vault.vault();
    const boost = await siteBoost(tabId);
    return vault.searchIndex(mem).search(text, { boost, limit }).map((id) => vault.summary(mem.byId.get(id)!));
  },

  async listProjects() {
    const mem = await vault.vault();
    const counts = new Map<string, number>();
    for (const entry of mem.byId.values()) if (entry.projectId) counts.set(entry.projectId, (counts.get(entry.projectId) ?? 0) + 1);
    return [...mem.projects.values()].flat().filter((p) => !mem.excludedSources.has(p.sourceId)).map((p): ProjectNode => {
      const node: ProjectNode = { id: p.id, sourceId: p.sourceId, name: p.name, path: p.path, entryCount: counts.get(p.id) ?? 0 };
      if (p.parentId) node.parentId = p.parentId;
      return node;
    });
  },

  async listEntries({ scope, offset, limit }) {
    const mem = await vault.vault();
    const list = scope === 'personal' ? mem.byName.filter((e) => e.kind === 'personal') : mem.byName;
    return { entries: list.slice(offset, offset + limit).map(vault.summary), total: list.length };
  },

  async fillEntry() {
    throw new AppError('internal', 'Filling from the popup is not available yet.');
  },

  async listProjectEntries({ projectId, limit }) {
    const mem = await vault.vault();
    const sourceId = [...mem.projects.values()].flat().find((p) => p.id === projectId)?.sourceId;
    if (!sourceId) return [];
    return vault
      .visibleEntries(mem, sourceId)
      .filter((e) => e.projectId === projectId)
      .sort((a, b) => a.name.localeCompare(b.name))
      .slice(0, limit)
      .map(vault.summary);
  },

  async getEntryDetails({ entryId }) {
    const { entry, source } = await vault.entryById(entryId);
    const urls = entry.urls.flatMap((text) => {
      const links = parseEntryUrls(text).filter((u) => u.href !== null);
      return links.length > 0 ? links.map((u) => ({ text: u.raw, href: u.href! })) : [{ text }];
    });
    const base: EntryDetails = { summary: vault.summary(entry), urls, customFields: [], hasPassword: true };
    if (entry.expiryDate) base.expiryDate = entry.expiryDate;
    if (entry.lockedType !== 0) return base; // details (and secrets) need an unlock reason or permission first
    const details = limitDetails(await source.details(entry));
    if (details.hasOtp && !entry.hasOtp) await vault.updateEntry({ ...entry, hasOtp: true });
    const result: EntryDetails = { ...base, summary: { ...base.summary, hasOtp: details.hasOtp }, customFields: details.customFields, hasPassword: details.hasPassword };
    if (details.notes) result.notes = details.notes;
    if (details.webUrl) result.webUrl = details.webUrl;
    if (details.webSearchText) result.webSearchText = details.webSearchText;
    return result;
  },

  async revealSecret({ entryId, field, reason }) {
    const { entry, source } = await vault.entryById(entryId);
    return { value: await source.secret(entry, field, reason) };
  },

  async getOtp({ entryId }) {
    const { entry, source } = await vault.entryById(entryId);
    const code = await source.otp(entry);
    return { code, period: OTP_PERIOD, remainingSeconds: OTP_PERIOD - (Math.floor(Date.now() / 1000) % OTP_PERIOD) };
  },

  async setFavorite({ entryId, favorite }) {
    const { entry, source } = await vault.entryById(entryId);
    await source.setFavorite(entry, favorite);
    await vault.updateEntry({ ...entry, favorite });
    return null;
  },

  getSettings: () => loadSettings(),
  getPolicy: () => readPolicy(),
  getDiagnostics: () => recentErrors(),

  async saveSettings({ settings }) {
    await saveSettings(settings);
    await vault.applySettings();
    await scheduleAlarms();
    return loadSettings();
  },
} satisfies Partial<Handlers>;
