/**
 * The save flow's decision (save, update or nothing) as a page could probe it: it never reads a secret, offers an
 * update only against what the user filled in the tab or on a change-password form, honours "https entry, http
 * page: ask first", and prompts at most once a minute per tab. The vault and the save targets are stand-ins; the
 * records, the hashes and the prompt messages are the real ones.
 */
import { fakeBrowser } from '@webext-core/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Runtime } from 'webextension-polyfill';
import type { Entry } from '../../../../src/vault/entry';
import { testEntry } from '../../test-entry';

vi.mock('webextension-polyfill', () => ({ default: fakeBrowser }));

/** The site's entries; `secret` counts server reads of a password (there must be none). */
const site: { entry: Entry; askFirst: boolean }[] = [];
const secret = vi.fn(async () => 'Stored-Pass-1');
vi.mock('../../../../src/background/vault/loaded-vault', () => ({
  loadVault: async () => ({
    matchUrl: (url: string) =>
      site
        .filter(() => /\.bank\.test/.test(url))
        .map(({ entry, askFirst }) => ({ entry, match: { entryId: entry.id, quality: 'host', askFirst } })),
  }),
}));
vi.mock('../../../../src/background/vault/vault-service', () => ({
  entryById: async (id: string) => ({ entry: site.find((s) => s.entry.id === id)?.entry, source: { secret } }),
}));
vi.mock('../../../../src/background/save/targets', () => ({
  writableServers: async () => [{ id: 'tpm1', name: 'TPM', kind: 'tpm', places: [{ id: 'tpm1:personal', kind: 'personal', path: [] }] }],
}));
vi.mock('../../../../src/background/lock/keyring-session', async (actual) => ({
  ...(await actual<typeof import('../../../../src/background/lock/keyring-session')>()),
  unlocked: async () => ({}),
}));

const { onLoginSubmitted } = await import('../../../../src/background/save/flow');
const { rememberFill } = await import('../../../../src/background/save/filled-logins');
const records = await import('../../../../src/background/save/records');

const entry = (id: string, username: string): Entry =>
  testEntry({ id, sourceId: 'tpm1', name: id, username, urls: ['https://www.bank.test'] });

let tabSeq = 10;
/** A frame of a fresh tab at `url`, as the browser names the sender. */
function frameAt(url: string): Runtime.MessageSender {
  return { id: 'ext', url, frameId: 0, tab: { id: ++tabSeq, index: 0, highlighted: true, active: true, pinned: false, incognito: false } };
}
const prompts: { tabId: number; mode?: string }[] = [];

beforeEach(async () => {
  fakeBrowser.reset();
  site.length = 0;
  secret.mockClear();
  prompts.length = 0;
  vi.spyOn(fakeBrowser.tabs, 'get').mockImplementation(async (id) => ({ id, status: 'complete' }) as never);
  vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation(async (tabId: number) => {
    prompts.push({ tabId, mode: (await records.get('pending', String(tabId)))?.mode });
    return true;
  });
});

describe('deciding on a submitted login', () => {
  it('offers nothing for a known user name typed by hand, right or wrong password, and reads no password', async () => {
    site.push({ entry: entry('alice', 'alice'), askFirst: false });
    for (const password of ['Stored-Pass-1', 'wrong guess', 'another guess']) {
      await onLoginSubmitted({ username: 'Alice', password }, frameAt('https://www.bank.test/login'));
    }
    expect(prompts).toEqual([]);
    expect(secret).not.toHaveBeenCalled();
  });

  it('offers an update when the tab was filled from the entry and the password submitted is another one', async () => {
    site.push({ entry: entry('alice', 'alice'), askFirst: false });
    const same = frameAt('https://www.bank.test/login');
    await rememberFill({ tabId: same.tab!.id!, frameId: 0, url: same.url! }, 'alice', 'Stored-Pass-1');
    await onLoginSubmitted({ username: 'alice', password: 'Stored-Pass-1' }, same);
    expect(prompts).toEqual([]);

    const changed = frameAt('https://www.bank.test/login');
    await rememberFill({ tabId: changed.tab!.id!, frameId: 0, url: changed.url! }, 'alice', 'Stored-Pass-1');
    await onLoginSubmitted({ username: 'alice', password: 'New-Pass-2' }, changed);
    expect(prompts).toEqual([{ tabId: changed.tab!.id!, mode: 'update' }]);
    expect((await records.get('pending', String(changed.tab!.id!)))?.entryId).toBe('alice');
    expect(secret).not.toHaveBeenCalled();
  });

  it('keeps what was filled as a salted hash only', async () => {
    const frame = frameAt('https://www.bank.test/login');
    await rememberFill({ tabId: frame.tab!.id!, frameId: 0, url: frame.url! }, 'alice', 'Stored-Pass-1');
    const stored = JSON.stringify(await fakeBrowser.storage.session.get(null));
    expect(stored).toContain('"entryId":"alice"');
    expect(stored).not.toContain('Stored-Pass-1');
  });

  it('does not count a fill made on another origin of the site (a subdomain page cannot ride on it)', async () => {
    site.push({ entry: entry('alice', 'alice'), askFirst: false });
    const frame = frameAt('https://evil.bank.test/login');
    await rememberFill({ tabId: frame.tab!.id!, frameId: 0, url: 'https://www.bank.test/login' }, 'alice', 'Stored-Pass-1');
    await onLoginSubmitted({ username: 'alice', password: 'guess' }, frame);
    expect(prompts).toEqual([]);
  });

  it('offers to save a user name no entry of the site has', async () => {
    site.push({ entry: entry('alice', 'alice'), askFirst: false });
    const frame = frameAt('https://www.bank.test/signup');
    await onLoginSubmitted({ username: 'bob', newPassword: 'Bobs-Pass-1' }, frame);
    expect(prompts).toEqual([{ tabId: frame.tab!.id!, mode: 'save' }]);
  });

  it('without a user name, saves only on a site without entries', async () => {
    const empty = frameAt('https://www.bank.test/pin');
    await onLoginSubmitted({ password: 'just-a-pin' }, empty);
    expect(prompts).toEqual([{ tabId: empty.tab!.id!, mode: 'save' }]);
    site.push({ entry: entry('alice', 'alice'), askFirst: false });
    await onLoginSubmitted({ password: 'just-a-pin' }, frameAt('https://www.bank.test/pin'));
    expect(prompts).toHaveLength(1);
  });

  it('offers an update on a change-password form for a known user name, but not for an https entry on an http page', async () => {
    site.push({ entry: entry('alice', 'alice'), askFirst: false });
    const https = frameAt('https://www.bank.test/change');
    await onLoginSubmitted({ username: 'alice', password: 'old', newPassword: 'New-Pass-3' }, https);
    expect(prompts).toEqual([{ tabId: https.tab!.id!, mode: 'update' }]);

    site[0].askFirst = true;
    await onLoginSubmitted({ username: 'alice', password: 'old', newPassword: 'New-Pass-3' }, frameAt('http://www.bank.test/change'));
    expect(prompts).toHaveLength(1);
    expect(secret).not.toHaveBeenCalled();
  });

  it('prompts at most once a minute per tab', async () => {
    const frame = frameAt('https://www.bank.test/signup');
    await onLoginSubmitted({ username: 'first', newPassword: 'Pass-One-1' }, frame);
    await onLoginSubmitted({ username: 'second', newPassword: 'Pass-Two-2' }, frame);
    expect(prompts).toEqual([{ tabId: frame.tab!.id!, mode: 'save' }]);
    expect((await records.get('pending', String(frame.tab!.id!)))?.username).toBe('first');
    // Another tab is not held back.
    const other = frameAt('https://www.bank.test/signup');
    await onLoginSubmitted({ username: 'second', newPassword: 'Pass-Two-2' }, other);
    expect(prompts).toHaveLength(2);
  });
});
