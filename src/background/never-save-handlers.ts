/** The settings page's list of "Never for this site" origins, and the way back from it. */
import { AppError } from '../errors';
import { addNeverSave, listNeverSave, removeNeverSave, saveOrigin } from '../vault/never-save';
import { localStore } from './keyring-session';

export const neverSaveHandlers = {
  listNeverSave: () => listNeverSave(localStore),

  async setNeverSave({ origin, never }: { origin: string; never: boolean }) {
    if (saveOrigin(origin) !== origin) throw new AppError('bad_request', 'Not a web origin.');
    await (never ? addNeverSave(localStore, origin) : removeNeverSave(localStore, origin));
    return listNeverSave(localStore);
  },
};
