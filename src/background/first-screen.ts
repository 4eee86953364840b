/** The stored first screen's writer (src/first-screen/writer.ts), given the worker's vault. */
import { createFirstScreenWriter } from '../first-screen/writer';
import { noteError } from './diagnostics';
import { unlocked } from './lock/keyring-session';
import { loadVault } from './vault/loaded-vault';
import { popupState } from './vault/sync-service';

export const firstScreen = createFirstScreenWriter({
  unlocked: async () => (await unlocked()) !== undefined,
  memory: loadVault,
  popupState,
  noteError,
});
