/** Requests from our pages about servers: their states, adding, testing, removing and syncing them. */
import type { Handlers } from '../router';
import { loadSettings } from '../settings/config-store';
import { unlocked } from '../lock/keyring-session';
import { testServer } from './server-registry';
import { popupState, syncIfStale, syncNow } from './sync-service';
import { removeServer, saveServer } from './vault-service';

export const serverHandlers = {
  async getPopupState() {
    if (await unlocked()) await syncIfStale((await loadSettings()).syncIntervalMinutes);
    return popupState();
  },

  testServer: ({ server }) => testServer(server),
  saveServer: ({ server }) => saveServer(server),

  async removeServer({ id }) {
    await removeServer(id);
    return null;
  },

  async syncNow({ id }) {
    await syncNow(id);
    return null;
  },
} satisfies Partial<Handlers>;
