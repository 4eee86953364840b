import { describe, expect, it } from 'vitest';
import { FIRST_RETRY_MS, nextCheckAt, nextScheduledAt } from '../../../../src/background/vault/sync-timing';
import type { SyncState } from '../../../../src/vault/sync';

const MIN = 60_000;
const HOUR = 60 * MIN;
const timing = { probeMs: 10 * MIN, fullMs: 8 * HOUR };
const t0 = Date.parse('2026-12-01T09:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();
const synced: SyncState = { entryCount: 10, lastSyncAt: iso(t0), lastFullSyncAt: iso(t0), fingerprint: 'passwords 9, my_passwords 1' };

describe('when a server is asked again', () => {
  it('a server never synced is due at once', () => {
    expect(nextCheckAt(undefined, timing)).toBe(0);
    expect(nextScheduledAt(undefined, timing)).toBe(0);
  });

  it("the user's actions check again a probe interval after the last check", () => {
    expect(nextCheckAt({ ...synced, lastSyncAt: iso(t0 + HOUR) }, timing)).toBe(t0 + HOUR + 10 * MIN);
  });

  it('scheduled work on a server with a probe waits for the full-sync period, counted from the last full list', () => {
    expect(nextScheduledAt({ ...synced, lastSyncAt: iso(t0 + HOUR) }, timing)).toBe(t0 + 8 * HOUR);
    expect(nextScheduledAt(synced, { ...timing, fullMs: 2 * HOUR })).toBe(t0 + 2 * HOUR);
  });

  it('scheduled work on a server without a probe (sysPass) follows the probe interval', () => {
    expect(nextScheduledAt({ entryCount: 3, lastSyncAt: iso(t0) }, timing)).toBe(t0 + 10 * MIN);
  });

  it('failures back off exponentially from a minute, up to the full-sync period', () => {
    const failed = (failures: number): SyncState => ({ ...synced, failures, lastError: { code: 'server', message: 'x', at: iso(t0) } });
    expect(nextCheckAt(failed(1), timing)).toBe(t0 + FIRST_RETRY_MS);
    expect(nextCheckAt(failed(2), timing)).toBe(t0 + 2 * FIRST_RETRY_MS);
    expect(nextScheduledAt(failed(5), timing)).toBe(t0 + 16 * FIRST_RETRY_MS);
    expect(nextCheckAt(failed(30), timing)).toBe(t0 + 8 * HOUR);
  });

  it("a server's Retry-After wins over a shorter backoff", () => {
    const state: SyncState = {
      ...synced,
      failures: 1,
      lastError: { code: 'server', message: '503', at: iso(t0) },
      retryAt: iso(t0 + 30 * MIN),
    };
    expect(nextCheckAt(state, timing)).toBe(t0 + 30 * MIN);
    expect(nextScheduledAt(state, timing)).toBe(t0 + 30 * MIN);
  });
});
