/**
 * A login page that matches nothing locally asks the servers once, the way the official TPM extension asks on every
 * login page (`access:` search): an entry added on the server since the last full list is offered at the first
 * visit. Guarded so that a page cannot make the extension call the server repeatedly: only a frame with a login
 * form asks (the caller's rule), each domain once per hour per server, at most {@link MAX_PER_HOUR} lookups per
 * server and hour whatever the domains, never while the server is backing off or the policy turned it off.
 */
import { pageDomain } from '../../vault/match';
import type { Entry } from '../../vault/entry';
import { expiringRecords } from '../expiring-records';
import { unlocked } from '../lock/keyring-session';
import { loadServers, loadSettings } from '../settings/config-store';
import { readPolicy } from '../settings/managed-policy';
import { noteError } from '../diagnostics';
import { loadVault, updateEntries } from './loaded-vault';
import { sourceFor } from './server-registry';
import { syncState, timingOf } from './sync-service';
import { nextCheckAt } from './sync-timing';

const HOUR = 3_600_000;
/** A page of iframes of many sites still costs each server at most this many lookups an hour. */
export const MAX_PER_HOUR = 30;
/** A login page waits at most this long for the answer (the entries still arrive afterwards). */
const WAIT_MS = 4_000;

interface LookupRecords {
  /** `serverId|domain`: asked within the hour. */
  asked: true;
  /** `serverId`: the hour's window and its lookups. */
  window: { start: number; count: number };
}
const records = expiringRecords<LookupRecords>('lookup', { asked: HOUR, window: HOUR });

/** Takes one lookup of the server's hourly allowance; false when it is used up. */
async function takeAllowance(serverId: string, now: number): Promise<boolean> {
  const held = await records.get('window', serverId);
  const window = held && now - held.start < HOUR ? held : { start: now, count: 0 };
  if (window.count >= MAX_PER_HOUR) return false;
  await records.put('window', serverId, { start: window.start, count: window.count + 1 });
  return true;
}

/**
 * Asks the servers about a page that matched nothing; resolves once what they found is in the vault (at most
 * {@link WAIT_MS}). Returns whether anything was added or changed.
 */
export async function lookupMiss(pageUrl: string): Promise<boolean> {
  if (!/^https?:/.test(pageUrl) || !(await unlocked())) return false;
  const [policy, settings, servers] = await Promise.all([readPolicy(), loadSettings(), loadServers()]);
  const domain = pageDomain(pageUrl);
  if (policy.missLookups === false || settings.matchStrategy === 'never' || !domain) return false;
  const excluded = new Set(settings.excludedSourceIds ?? []);
  const timing = timingOf(settings, policy);
  const now = Date.now();
  const signal = AbortSignal.timeout(WAIT_MS);
  const found = await Promise.all(
    servers.map(async (server): Promise<Entry[]> => {
      if (excluded.has(server.id)) return [];
      const state = syncState(server.id);
      // A failing or rate-limiting server is left alone until its backoff is over.
      if (state?.lastError && nextCheckAt(state, timing) > now) return [];
      const key = `${server.id}|${domain}`;
      if (await records.get('asked', key)) return [];
      const source = await sourceFor(server).catch(() => undefined);
      if (!source?.lookup) return [];
      if (!(await takeAllowance(server.id, now))) return [];
      await records.put('asked', key, true);
      const mem = await loadVault();
      const known = { entries: mem.sourceEntries(server.id), projects: mem.sourceProjects(server.id) };
      return source.lookup(domain, known, { signal }).catch((error: unknown) => {
        noteError('missLookup', error);
        return [];
      });
    }),
  );
  const entries = found.flat();
  // Removed or locked meanwhile: nothing is merged.
  const still = new Set((await loadServers()).map((s) => s.id));
  const merged = entries.filter((e) => still.has(e.sourceId));
  if (merged.length === 0 || !(await unlocked())) return false;
  await updateEntries(merged);
  return true;
}
