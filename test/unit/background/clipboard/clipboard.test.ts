/**
 * Firefox's clipboard clear (no offscreen documents there): it must happen even when Firefox unloads the idle
 * background page before it is due (after about 30 s), taking every timer with it. Here the "page" is the module;
 * unloading it is dropping the module and its timers, and Firefox waking it for an alarm is a fresh import that
 * gets the alarm. The clipboard itself (a DOM) is stood in for by `clearIfUnchanged`.
 */
import { fakeBrowser } from '@webext-core/fake-browser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('webextension-polyfill', () => ({ default: fakeBrowser }));
const cleared = vi.fn(async (_salt: string, _hash: string) => 'cleared' as const);
vi.mock('../../../../src/ui/offscreen/clear-if-unchanged', async (actual) => ({
  ...(await actual<typeof import('../../../../src/ui/offscreen/clear-if-unchanged')>()),
  clearIfUnchanged: cleared,
}));

const load = () => import('../../../../src/background/clipboard/clear-clipboard');

describe('clearing the clipboard in Firefox', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    cleared.mockClear();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  });
  afterEach(() => vi.useRealTimers());

  it('clears by alarm after the background page was unloaded before the delay ran out', async () => {
    const clipboard = await load();
    await clipboard.scheduleClipboardClear('Copied-Secret-1', 45_000);
    const alarm = await fakeBrowser.alarms.get(clipboard.CLIPBOARD_ALARM);
    expect(alarm?.scheduledTime).toBe(Date.now() + 45_000);
    expect(JSON.stringify(await fakeBrowser.storage.session.get(null))).not.toContain('Copied-Secret-1');

    // 30 s idle: Firefox unloads the page; its timers are gone.
    vi.advanceTimersByTime(30_000);
    vi.clearAllTimers();
    vi.resetModules();
    // The alarm wakes a fresh page when the clear is due.
    vi.setSystemTime(alarm!.scheduledTime);
    const woken = await load();
    await woken.clearWhenDue();
    expect(cleared).toHaveBeenCalledTimes(1);
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
  });

  it('clears once, by the timer while the page lives (the alarm then finds nothing to do), and only when due', async () => {
    const clipboard = await load();
    await clipboard.scheduleClipboardClear('Copied-Secret-2', 20_000);
    await clipboard.clearWhenDue(); // an early wake-up changes nothing
    expect(cleared).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(20_000);
    expect(cleared).toHaveBeenCalledTimes(1);
    await clipboard.clearWhenDue();
    expect(cleared).toHaveBeenCalledTimes(1);
  });
});
