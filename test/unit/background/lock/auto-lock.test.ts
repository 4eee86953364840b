import { fakeBrowser } from '@webext-core/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('webextension-polyfill', () => ({ default: fakeBrowser }));

const { onAlarm } = await import('../../../../src/background/alarms');
const session = await import('../../../../src/background/lock/keyring-session');
const { lockVault } = await import('../../../../src/background/lock/lock-vault');
const saveRecords = await import('../../../../src/background/save/records');
const autofillRecords = await import('../../../../src/background/autofill/records');

/** One record of every kind the save flow and autofill keep, as a session after a fill, a generation and a submit has them. */
async function putEveryRecord(): Promise<void> {
  const frame = { tabId: 3, frameId: 0, url: 'https://bank.example/login' };
  await saveRecords.put('pending', '3', {
    token: 't',
    tabId: 3,
    frameUrl: frame.url,
    username: 'alice',
    password: 'Pending-Secret-1',
    mode: 'save',
    dueUntil: Date.now() + 60_000,
  });
  await saveRecords.put('generated', '3|https://bank.example', { password: 'Generated-Secret-2' });
  await saveRecords.put('nonce', 'n1', { tabId: 3, frameId: 0, profile: 'default' });
  await saveRecords.put('filled', '3', { entryId: 'e1', origin: 'https://bank.example', salt: 's', hash: 'h' });
  await saveRecords.put('prompted', '3', { at: Date.now() });
  await autofillRecords.put('ticket', 'ticket-1', { ...frame, entryId: 'e1', confirmed: false });
  await autofillRecords.put('menu', 'menu-1', frame);
  await autofillRecords.put('nonce', 'cmd-1', { tabId: 3, cmd: 'fill-best-match' });
  await autofillRecords.put('last', '3', { entryId: 'e1' });
  await autofillRecords.put('frame', '3:0', { ...frame, roles: ['username', 'password'] });
}

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

  it('locking (by hand or idle) removes every record that holds or leads to a secret, and keeps the frames seen', async () => {
    for (const lock of [() => lockVault(), async () => (await session.touch(Date.now() - 6 * 60_000), onAlarm({ name: 'autolock' }))]) {
      await session.setFirstPassphrase('lock test passphrase');
      await fakeBrowser.storage.local.set({ settings: { autoLockMinutes: 5 } });
      await putEveryRecord();
      await lock();
      expect(await session.unlocked()).toBeUndefined();
      expect(Object.keys(await fakeBrowser.storage.session.get())).toEqual(['af:frame:3:0']);
      fakeBrowser.reset();
    }
  });

  it('sweeps expired records on the auto-lock alarm while unlocked', async () => {
    await session.setFirstPassphrase('sweep test passphrase');
    await putEveryRecord();
    await fakeBrowser.storage.session.set({
      'sv:generated:9|https://old.example': { value: { password: 'Old-Secret-3' }, exp: Date.now() - 1 },
    });
    await fakeBrowser.storage.session.set({ 'af:ticket:old-ticket': { value: {}, exp: Date.now() - 1 } });
    await onAlarm({ name: 'autolock' });
    const left = Object.keys(await fakeBrowser.storage.session.get());
    expect(left).not.toContain('sv:generated:9|https://old.example');
    expect(left).not.toContain('af:ticket:old-ticket');
    expect(left).toContain('sv:pending:3'); // not expired yet
    // Half an hour later every generated password, pending login and fill record has expired and is gone.
    vi.useFakeTimers({ now: Date.now() + 31 * 60_000, toFake: ['Date'] });
    try {
      await session.touch();
      await onAlarm({ name: 'autolock' });
    } finally {
      vi.useRealTimers();
    }
    expect(Object.keys(await fakeBrowser.storage.session.get()).filter((k) => /^(sv|af):/.test(k))).toEqual(['af:frame:3:0']);
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
    const restarted = await import('../../../../src/background/lock/keyring-session');
    expect(await restarted.unlocked()).toBeDefined();
    vi.resetModules();
    await fakeBrowser.storage.session.clear();
    const afterBrowserRestart = await import('../../../../src/background/lock/keyring-session');
    expect(await afterBrowserRestart.unlocked()).toBeUndefined();
    expect(await afterBrowserRestart.keyringExists()).toBe(true);
  });
});
