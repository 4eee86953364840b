/** Requests from our pages about entries: the first screen, lists, search, details, secrets, favorites. */
import type { EntryDetails } from '../../messages';
import { parseEntryUrls } from '../../vault/parse-entry-urls';
import { limitDetails } from '../../vault/entry-limits';
import type { Handlers } from '../router';
import { firstScreenOf } from '../../first-screen/records';
import { tabUrl } from '../../first-screen/tab-urls';
import { loadVault } from './loaded-vault';
import { summaryOf } from './memory';
import { entryById } from './vault-service';
import { updateEntry } from './loaded-vault';

/** TPM computes one-time codes with the RFC 6238 defaults. */
const OTP_PERIOD = 30;

/** The current site's entries rank first in search; looked up once per popup, not on every keystroke. */
const SITE_FRESH_MS = 5_000;
let lastSite: { tabId: number | undefined; at: number; ids: Set<string> } | undefined;

async function siteBoost(tabId: number | undefined): Promise<Set<string>> {
  if (lastSite && lastSite.tabId === tabId && Date.now() - lastSite.at < SITE_FRESH_MS) return lastSite.ids;
  const mem = await loadVault();
  const ids = new Set(mem.matchUrl(await tabUrl(tabId)).map((m) => m.entry.id));
  lastSite = { tabId, at: Date.now(), ids };
  return ids;
}

export const vaultHandlers = {
  async getFirstScreen({ tabId, limit }) {
    const mem = await loadVault();
    const url = await tabUrl(tabId);
    return firstScreenOf(mem.siteSummaries(url, limit), mem.firstScreenLists(limit), url);
  },

  async search({ text, tabId, limit }) {
    const boost = await siteBoost(tabId);
    return (await loadVault()).searchEntries(text, { boost, limit });
  },

  listProjects: async () => (await loadVault()).projectNodes(),
  listEntries: async ({ scope, offset, limit }) => (await loadVault()).listPage(scope, offset, limit),
  listProjectEntries: async ({ projectId, limit }) => (await loadVault()).projectEntries(projectId, limit),

  async getEntryDetails({ entryId }) {
    const { entry, source } = await entryById(entryId);
    const urls = entry.urls.flatMap((text) => {
      const links = parseEntryUrls(text).filter((u) => u.href !== null);
      return links.length > 0 ? links.map((u) => ({ text: u.raw, href: u.href! })) : [{ text }];
    });
    const base: EntryDetails = { summary: summaryOf(entry), urls, customFields: [], hasPassword: true };
    if (entry.expiryDate) base.expiryDate = entry.expiryDate;
    if (entry.lockedType !== 0) return base; // details (and secrets) need an unlock reason or permission first
    const details = limitDetails(await source.details(entry));
    if (details.hasOtp && !entry.hasOtp) await updateEntry({ ...entry, hasOtp: true });
    const result: EntryDetails = {
      ...base,
      summary: { ...base.summary, hasOtp: details.hasOtp },
      customFields: details.customFields,
      hasPassword: details.hasPassword,
    };
    if (details.notes) result.notes = details.notes;
    if (details.webUrl) result.webUrl = details.webUrl;
    if (details.webSearchText) result.webSearchText = details.webSearchText;
    return result;
  },

  async revealSecret({ entryId, field, reason }) {
    const { entry, source } = await entryById(entryId);
    return { value: await source.secret(entry, field, reason) };
  },

  async getOtp({ entryId }) {
    const { entry, source } = await entryById(entryId);
    const code = await source.otp(entry);
    return { code, period: OTP_PERIOD, remainingSeconds: OTP_PERIOD - (Math.floor(Date.now() / 1000) % OTP_PERIOD) };
  },

  async setFavorite({ entryId, favorite }) {
    const { entry, source } = await entryById(entryId);
    await source.setFavorite(entry, favorite);
    await updateEntry({ ...entry, favorite });
    return null;
  },
} satisfies Partial<Handlers>;
