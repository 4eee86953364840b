/**
 * The worker's save queue: one `SaveQueue` per unlocked key over `storage.local` (encrypted like the cache),
 * processed on unlock, on worker start, on its alarm and right after each save; the alarm is re-armed for the
 * next due retry. Saved entries go into the vault at once.
 */
import browser from '../../browser';
import { SaveQueue, type ProcessResult } from '../../vault/save-queue';
import { localStore, requireUnlocked, unlocked } from '../lock/keyring-session';
import { noteError } from '../diagnostics';
import { sourceById } from '../vault/server-registry';
import { updateEntry } from '../vault/vault-service';
import { vaultChanged } from '../vault/vault-events';

export const SAVE_QUEUE_ALARM = 'save-queue';

let current: { key: CryptoKey; queue: SaveQueue } | undefined;

/** The queue of the unlocked vault (throws `vault_locked` while locked). */
export async function saveQueue(): Promise<SaveQueue> {
  const keyring = await requireUnlocked();
  if (current?.key !== keyring.key) current = { key: keyring.key, queue: new SaveQueue({ store: localStore, key: keyring.key }) };
  return current.queue;
}

/** Tries every due save once; nothing while locked. Never throws (a damaged queue shows in the popup instead). */
export async function processSaveQueue(): Promise<ProcessResult | undefined> {
  if (!(await unlocked())) return undefined;
  try {
    const result = await (await saveQueue()).process(sourceById);
    for (const { entry } of result.saved) await updateEntry(entry).catch((error) => noteError('saveQueue.entry', error));
    if (result.nextAttemptAt === undefined) await browser.alarms.clear(SAVE_QUEUE_ALARM);
    else await browser.alarms.create(SAVE_QUEUE_ALARM, { when: Math.max(result.nextAttemptAt, Date.now() + 1000) });
    if (result.saved.length || result.failed.length) vaultChanged();
    return result;
  } catch (error) {
    noteError('saveQueue.process', error);
    return undefined;
  }
}

/** Processes until the given job has been tried (a run already going may have started before it was queued). */
export async function processUntilTried(jobId: string): Promise<ProcessResult | undefined> {
  for (let i = 0; i < 2; i++) {
    const result = await processSaveQueue();
    if (!result) return undefined;
    if (result.saved.some((s) => s.save.id === jobId) || result.failed.some((f) => f.id === jobId)) return result;
  }
  return undefined;
}
