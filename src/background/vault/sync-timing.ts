/**
 * When a server may be asked again. Pure functions of a source's sync state, so the sync service, the alarm and
 * the settings page's "next sync" give the same answer.
 */
import type { SyncState } from '../../vault/sync';

export interface SyncTiming {
  /** Shortest time between two checks of a server (the sync interval; a probe where the server has one). */
  probeMs: number;
  /** The full list is read again after this long even when no probe shows a change (the full-sync period). */
  fullMs: number;
}

/** The first wait after a failure; it doubles with each failure in a row, up to the full-sync period. */
export const FIRST_RETRY_MS = 60_000;

/** The earliest time (ms) a failed source is tried again: its backoff, and never before the server's `Retry-After`. */
function retryAt(state: SyncState, timing: SyncTiming): number {
  const failedAt = Date.parse(state.lastError!.at);
  const backoff = Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, (state.failures ?? 1) - 1), Math.max(timing.fullMs, FIRST_RETRY_MS));
  return Math.max(failedAt + backoff, state.retryAt ? Date.parse(state.retryAt) : 0);
}

/** When a user's action (popup opened, unlock) may check this source again: the probe interval after the last check. */
export function nextCheckAt(state: SyncState | undefined, timing: SyncTiming): number {
  if (!state) return 0;
  if (state.lastError) return retryAt(state, timing);
  return state.lastSyncAt ? Date.parse(state.lastSyncAt) + timing.probeMs : 0;
}

/**
 * When scheduled work (no user waiting) next asks this source: where the server has a probe, only when the full
 * list is due, since the user's own actions probe and a login page without a local match asks the server itself;
 * without a probe (sysPass, whose one search is the whole list) every probe interval. A failure waits its backoff.
 */
export function nextScheduledAt(state: SyncState | undefined, timing: SyncTiming): number {
  if (!state) return 0;
  if (state.lastError) return retryAt(state, timing);
  if (state.fingerprint === undefined || !state.lastFullSyncAt) return nextCheckAt(state, timing);
  return Date.parse(state.lastFullSyncAt) + timing.fullMs;
}
