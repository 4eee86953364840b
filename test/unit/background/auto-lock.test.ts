import { fakeBrowser } from '@webext-core/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('webextension-polyfill', () => ({ default: fakeBrowser }));

const { onAlarm } = await import('../../../src/background/alarms');
const session = await import('../../../src/background/keyring-session');

describe('auto-lock', () => {
  beforeEach(async () => {
    fakeBrowser.reset();
    await session.lock();
  });

  it('locks after the configured idle time, and keeps the key out of storage.local', async () => {
    await session.setFirstPassphrase('idle test passphrase');
    const { sessionKey } = await fakeBrowser.storage.session.get('sessionKey');
    expect(JSON.stringify(await fakeBrowser.storage.local.get())).not.toContain(sessionKey);
    await fakeBrowser.storage.local.set({ settings: { autoLockMinutes: 5 } });
    await session.touch(Date.now() - 4 * 60_000);
    await onAlarm({ name: 'autolock' });
    expect(await session.unlocked()).toBeDefined();

    await session.touch(Date.now() - 6 * 60_000);
    await onAlarm({ name: 'autolock' });
    expect(await session.unlocked()).toBeUndefined();
    expect(await fakeBrowser.storage.session.get()).toEqual({});
  });

  it('never locks by idle time when auto-lock is off (0 minutes)', async () => {
    await session.setFirstPassphrase('idle test passphrase');
    await fakeBrowser.storage.local.set({ settings: { autoLockMinutes: 0 } });
    await session.touch(Date.now() - 24 * 3_600_000);
    await onAlarm({ name: 'autolock' });
    expect(await session.unlocked()).toBeDefined();
  });

  it('survives a worker restart through storage.session, and locks when the session is gone (browser restart)', async () => {
    await session.setFirstPassphrase('restart passphrase');
    const { sessionKey } = await fakeBrowser.storage.session.get('sessionKey');
    expect(typeof sessionKey).toBe('string');
    vi.resetModules();
    const restarted = await import('../../../src/background/keyring-session');
    expect(await restarted.unlocked()).toBeDefined();
    vi.resetModules();
    await fakeBrowser.storage.session.clear();
    const afterBrowserRestart = await import('../../../src/background/keyring-session');
    expect(await afterBrowserRestart.unlocked()).toBeUndefined();
    expect(await afterBrowserRestart.keyringExists()).toBe(true);
  });
});
