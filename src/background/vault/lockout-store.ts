/**
 * sysPass lockouts ("Attempts exceeded"), by server endpoint, in `storage.session`: a restarted worker, a sync, a
 * save and *Test connection* all see the same one and make no call until it ends. Not a secret, and not tied to
 * the vault's lock: locking the vault keeps it (the server keeps counting whatever we do).
 */
import browser from '../../browser';
import * as v from 'valibot';
import type { LockoutStore } from '../../api/syspass/lockout';

const KEY = 'syspassLockouts';

async function all(): Promise<Record<string, number>> {
  const parsed = v.safeParse(v.record(v.string(), v.number()), (await browser.storage.session.get(KEY))[KEY]);
  return parsed.success ? parsed.output : {};
}

export const syspassLockouts: LockoutStore = {
  async get(endpoint) {
    const until = (await all())[endpoint];
    return typeof until === 'number' ? until : 0;
  },
  async set(endpoint, until) {
    const now = Date.now();
    // Ended lockouts are dropped on each write, so the record stays small.
    const kept = Object.fromEntries(Object.entries(await all()).filter(([, t]) => t > now));
    await browser.storage.session.set({ [KEY]: { ...kept, [endpoint]: until } });
  },
};
