/** Requests from our pages about servers: their states, adding, testing, removing and syncing them. */
import type { Handlers } from '../router';
import { unlocked } from '../lock/keyring-session';
import { testServer } from './server-registry';
import { popupState, syncIfStale, syncNow, syncSchedule } from './sync-service';
import { removeServer, saveServer } from './vault-service';

export const serverHandlers = {
  async getPopupState() {
    if (await unlocked()) await syncIfStale('demand');
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

  getSyncSchedule: () => syncSchedule(),
} satisfies Partial<Handlers>;
