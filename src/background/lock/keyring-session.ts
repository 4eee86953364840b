/**
 * The lock: the unlocked data key lives in memory and in `storage.session` only (so a worker restart does not
 * lock; a browser restart does). Auto-lock after the configured idle time, measured from the last request of
 * one of our pages.
 */
import browser from '../../browser';
import { AppError } from '../../errors';
import {
  changePassphrase,
  createKeyring,
  exportSessionKey,
  hasKeyring,
  importSessionKey,
  unlockKeyring,
  type KeyValueStore,
  type UnlockedKeyring,
} from '../../vault/keyring';
import { noteError } from '../diagnostics';

const SESSION_KEY = 'sessionKey';
const ACTIVITY_KEY = 'lastActivity';

/** `storage.local` as the keyring's store. */
export const localStore: KeyValueStore = {
  get: (key) => browser.storage.local.get(key),
  set: (items) => browser.storage.local.set(items),
};

let current: UnlockedKeyring | undefined;
let restoring: Promise<UnlockedKeyring | undefined> | undefined;

/** The unlocked keyring, restored from the session after a worker restart; undefined while locked. */
export async function unlocked(): Promise<UnlockedKeyring | undefined> {
  if (current) return current;
  restoring ??= (async () => {
    const { [SESSION_KEY]: saved } = await browser.storage.session.get(SESSION_KEY);
    if (typeof saved !== 'string') return undefined;
    current = await importSessionKey(saved).catch((error) => (noteError('session.restore', error), undefined));
    return current;
  })().finally(() => (restoring = undefined));
  return restoring;
}

export async function requireUnlocked(): Promise<UnlockedKeyring> {
  const keyring = await unlocked();
  if (!keyring) throw new AppError('vault_locked', 'The vault is locked. Unlock it with your passphrase.');
  return keyring;
}

export function keyringExists(): Promise<boolean> {
  return hasKeyring(localStore);
}

export async function setFirstPassphrase(passphrase: string): Promise<UnlockedKeyring> {
  return remember(await createKeyring(localStore, passphrase));
}

export async function unlock(passphrase: string): Promise<UnlockedKeyring> {
  return remember(await unlockKeyring(localStore, passphrase));
}

export async function replacePassphrase(currentPassphrase: string, next: string): Promise<void> {
  await remember(await changePassphrase(localStore, currentPassphrase, next));
}

export async function lock(): Promise<void> {
  current = undefined;
  await browser.storage.session.remove([SESSION_KEY, ACTIVITY_KEY]);
}

/** Records that the user did something, for auto-lock. */
export async function touch(now = Date.now()): Promise<void> {
  await browser.storage.session.set({ [ACTIVITY_KEY]: now });
}

/** True when the vault is unlocked and has been idle longer than `minutes` (0 = never auto-lock). */
export async function idleTooLong(minutes: number, now = Date.now()): Promise<boolean> {
  if (minutes <= 0 || !(await unlocked())) return false;
  const { [ACTIVITY_KEY]: last } = await browser.storage.session.get(ACTIVITY_KEY);
  return typeof last === 'number' && now - last > minutes * 60_000;
}

async function remember(keyring: UnlockedKeyring): Promise<UnlockedKeyring> {
  current = keyring;
  await browser.storage.session.set({ [SESSION_KEY]: exportSessionKey(keyring), [ACTIVITY_KEY]: Date.now() });
  return keyring;
}
