import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from '@webext-core/fake-browser';

vi.mock('webextension-polyfill', () => ({ default: fakeBrowser }));
const { tickAfter } = await import('../../../src/background/alarms');

const minute = 60_000;
const t0 = Date.parse('2026-03-02T10:00:00Z');
/** The sync alarm ticks every 10 minutes; its next tick is at 10:03. */
const alarm = { scheduledTime: t0 + 3 * minute, periodMs: 10 * minute };

describe('tickAfter', () => {
  it('is the alarm’s first tick at or after the time', () => {
    // Due from 10:08: the 10:03 tick is too early, 10:13 is the one.
    expect(tickAfter(alarm, t0 + 8 * minute)).toBe(t0 + 13 * minute);
    // Due long ago: the next tick.
    expect(tickAfter(alarm, t0 - 60 * minute)).toBe(t0 + 3 * minute);
    // Due exactly at a tick: the scheduled check runs at its due time (now >= due), so that tick.
    expect(tickAfter(alarm, t0 + 13 * minute)).toBe(t0 + 13 * minute);
  });
});
