/** The vault as autofill sees it: local matches, and one login fetched from its server when the user picked it. */
import type { AutofillVault } from './autofill-vault';
import { loadSettings } from '../settings/config-store';
import * as session from '../lock/keyring-session';
import { loadVault } from '../vault/loaded-vault';
import { summaryOf } from '../vault/memory';
import { entryById } from '../vault/vault-service';
import { noteError } from '../diagnostics';

export const vaultForAutofill: AutofillVault = {
  locked: async () => (await session.keyringExists()) && !(await session.unlocked()),

  matchUrl: async (url) => {
    if (!(await session.unlocked())) return [];
    return (await loadVault()).matchUrl(url).map(({ entry, match }) => ({ entry: summaryOf(entry), askFirst: match.askFirst }));
  },

  loginFor: async (entryId, reason) => {
    const { entry, source } = await entryById(entryId);
    const password = await source.secret(entry, 0, reason);
    return { username: entry.username ?? entry.email, email: entry.email, password };
  },

  otpFor: async (entryId) => {
    const { entry, source } = await entryById(entryId);
    return source.otp(entry).catch((error) => (noteError('autofill.otp', error), undefined));
  },

  options: async () => ({ fillOnLoad: (await loadSettings()).fillOnLoad, autoSubmit: false }),
};
