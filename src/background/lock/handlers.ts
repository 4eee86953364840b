/** Requests from our pages about the lock: the first passphrase, changing it, unlocking and locking. */
import { AppError } from '../../errors';
import type { PopupState } from '../../messages';
import type { Handlers } from '../router';
import { loadSettings } from '../settings/config-store';
import { processSaveQueue } from '../save/queue-service';
import { popupState, syncIfStale } from '../vault/sync-service';
import * as session from './keyring-session';
import { lockVault } from './lock-vault';

/** After an unlock: stale servers sync, and saves waiting for the key are tried. */
async function afterUnlock(): Promise<PopupState> {
  await syncIfStale((await loadSettings()).syncIntervalMinutes);
  void processSaveQueue();
  return popupState();
}

export const lockHandlers = {
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
} satisfies Partial<Handlers>;
