/** Requests from our pages about servers: their states, adding, testing, removing and syncing them. */
import { detectServer } from '../../api/detect-server';
import { AppError } from '../../errors';
import { parseServerAddress } from '../../server-address';
import { syncSchedule } from '../alarms';
import type { Handlers } from '../router';
import { unlocked } from '../lock/keyring-session';
import { testServer } from './server-registry';
import { checkServerUrl } from './server-url';
import { workerFetch } from './make-source';
import { popupState, syncIfStale, syncNow } from './sync-service';
import { removeServer, saveServer } from './vault-service';

export const serverHandlers = {
  async getPopupState() {
    if (await unlocked()) await syncIfStale('demand');
    return popupState();
  },

  /** What answers at an address the user typed: checked like a saved server's, as no page is trusted. */
  async detectServer({ address }) {
    const parsed = parseServerAddress(address);
    if (!parsed.ok) throw new AppError('bad_request', 'This is not a server address.');
    // Nothing, not even a probe without credentials, goes in clear across the internet.
    checkServerUrl(parsed.baseUrl);
    return detectServer(parsed.baseUrl, workerFetch);
  },

  testServer: ({ server }) => testServer(server),
  saveServer: ({ server }) => saveServer(server),

  async removeServer({ id }) {
    await removeServer(id);
    return null;
  },

  getSyncSchedule: () => syncSchedule(),

  async syncNow({ id }) {
    await syncNow(id);
    return null;
  },
} satisfies Partial<Handlers>;
