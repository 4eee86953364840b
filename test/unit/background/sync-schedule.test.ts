import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from '@webext-core/fake-browser';

vi.mock('webextension-polyfill', () => ({ default: fakeBrowser }));
const { nextSyncAt } = await import('../../../src/background/sync-schedule');

const minute = 60_000;
const t0 = Date.parse('2026-03-02T10:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();
/** The sync alarm ticks every 10 minutes; its next tick is at 10:03. */
const alarm = { scheduledTime: t0 + 3 * minute, periodMs: 10 * minute };

describe('nextSyncAt', () => {
  it('is the first alarm tick after the data is older than the interval', () => {
    // Synced at 09:58: stale after 10:08, so the 10:13 tick syncs (10:03 finds it fresh).
    expect(nextSyncAt({ lastSyncAt: iso(t0 - 2 * minute) }, alarm, 10 * minute)).toBe(t0 + 13 * minute);
    // Synced long ago: the next tick.
    expect(nextSyncAt({ lastSyncAt: iso(t0 - 60 * minute) }, alarm, 10 * minute)).toBe(t0 + 3 * minute);
    expect(nextSyncAt({}, alarm, 10 * minute)).toBe(t0 + 3 * minute);
  });

  it('waits out the pause after a failure, and has nothing planned while a sync runs', () => {
    // Failed at 10:02:30: the 10:03 tick is within the minute's pause, so 10:13.
    const failed = { lastSyncAt: iso(t0 - 60 * minute), lastError: { code: 'network' as const, message: 'x', at: iso(t0 + 2.5 * minute) } };
    expect(nextSyncAt(failed, alarm, 10 * minute)).toBe(t0 + 13 * minute);
    expect(nextSyncAt({ progress: { done: 1, total: 5 } }, alarm, 10 * minute)).toBeUndefined();
  });
});
