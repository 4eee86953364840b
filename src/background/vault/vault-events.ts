/**
 * The one way the worker says that what our pages show has changed: listeners in the worker (the stored first
 * screen) hear it at once, open pages (popup, options) get a `vaultChanged` message and ask again for what they
 * show. Nothing polls.
 */
import browser from '../../browser';

/** `loaded`: entries came from the cache into memory (unlock, worker start); `changed`: anything pages show changed. */
export type VaultEvent = 'loaded' | 'changed';

/** Pages are told at most this often during a sync: each message wakes every open page. */
const NOTIFY_EVERY_MS = 250;
let notifyTimer: ReturnType<typeof setTimeout> | undefined;
const listeners: ((event: VaultEvent) => void)[] = [];

export function onVaultEvent(listener: (event: VaultEvent) => void): void {
  listeners.push(listener);
}

/** Entries were loaded into memory: only the worker's listeners care (nothing changed for pages). */
export function vaultLoaded(): void {
  for (const listener of listeners) listener('loaded');
}

/** Something pages show changed (a sync's progress or result, an entry, a server, a pending save). */
export function vaultChanged(): void {
  for (const listener of listeners) listener('changed');
  if (notifyTimer !== undefined) return;
  notifyTimer = setTimeout(() => {
    notifyTimer = undefined;
    browser.runtime.sendMessage({ event: 'vaultChanged' }).catch(() => undefined);
  }, NOTIFY_EVERY_MS);
}
