/** Requests from our pages about servers, the lock and entries. */
import browser from 'webextension-polyfill';
import { AppError } from '../errors';
import type { Handlers } from './router';

type VaultKinds = Exclude<keyof Handlers, 'loginFormDetected'>;

const pending = async (): Promise<never> => {
  throw new AppError('internal', 'Not available yet.');
};

export const vaultHandlers: Pick<Handlers, VaultKinds> = {
  async getPopupState() {
    const { servers } = await browser.storage.local.get('servers');
    const configured = Array.isArray(servers) && servers.length > 0;
    return { configured, hasPassphrase: false, locked: false, sources: [] };
  },
  setPassphrase: pending,
  changePassphrase: pending,
  unlock: pending,
  lock: pending,
  testServer: pending,
  saveServer: pending,
  removeServer: pending,
  syncNow: pending,
  getFirstScreen: pending,
  search: pending,
  listProjects: pending,
  listProjectEntries: pending,
  getEntryDetails: pending,
  revealSecret: pending,
  getOtp: pending,
  setFavorite: pending,
  getSettings: pending,
  saveSettings: pending,
};
