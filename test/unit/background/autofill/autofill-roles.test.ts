import { fakeBrowser } from '@webext-core/fake-browser';
import type { Runtime } from 'webextension-polyfill';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { EntrySummary } from '../../../../src/vault/entry';

vi.mock('webextension-polyfill', () => ({ default: fakeBrowser }));

const { autofillHandlers } = await import('../../../../src/background/autofill/handlers');
const { rolesOf, valuesFor } = await import('../../../../src/background/autofill/fill-rules');
const { setAutofillVault } = await import('../../../../src/background/autofill/autofill-vault');

const url = 'https://shop.example/account';
const sender = (documentId = 'doc-1') => ({ id: 'ext', tab: { id: 7 }, frameId: 0, url, documentId }) as unknown as Runtime.MessageSender;
const frame = (documentId = 'doc-1') => ({ tabId: 7, frameId: 0, url, documentId });

const loginFor = vi.fn(async () => ({ username: 'jdoe', email: 'jdoe@shop.example', password: 'stored-secret' }));
const entry: EntrySummary = {
  id: 'e1',
  sourceId: 's',
  kind: 'shared',
  name: 'Shop',
  projectPath: [],
  tags: [],
  favorite: false,
  archived: false,
  lockedType: 0,
  hasOtp: true,
};

describe('the roles a fill serves', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    loginFor.mockClear();
    setAutofillVault({
      locked: async () => false,
      matchUrl: async () => [{ entry, askFirst: false }],
      loginFor,
      otpFor: async () => '123456',
      options: async () => ({ fillOnLoad: false, autoSubmit: false }),
    });
  });

  it("serves the host's classification over the detector's rough look, whichever reported last", async () => {
    await autofillHandlers.loginFormDetected({ roles: ['otp', 'password', 'username'] }, sender());
    expect(await rolesOf(frame())).toEqual(['otp', 'password', 'username']);
    expect(await autofillHandlers.fieldRoles({ roles: ['new-password'] }, sender())).toEqual({ matches: 0 });
    expect(await rolesOf(frame())).toEqual(['new-password']);
    await autofillHandlers.loginFormDetected({ roles: ['password', 'username'] }, sender());
    expect(await rolesOf(frame())).toEqual(['new-password']);
  });

  it('never serves the classification of an earlier document of the frame', async () => {
    await autofillHandlers.fieldRoles({ roles: ['password'] }, sender('doc-1'));
    await autofillHandlers.loginFormDetected({ roles: ['username'] }, sender('doc-2'));
    expect(await rolesOf(frame('doc-2'))).toEqual(['username']);
    expect(await rolesOf(frame('doc-3'))).toEqual([]);
  });

  it('counts matches for the classification the host reports', async () => {
    expect(await autofillHandlers.fieldRoles({ roles: ['email', 'password'] }, sender())).toEqual({ matches: 1 });
    expect(await autofillHandlers.fieldRoles({ roles: [] }, sender())).toEqual({ matches: 0 });
  });

  it('fetches nothing for a sign-up, and gives an e-mail field the user name and the e-mail to choose from', async () => {
    expect(await valuesFor(7, 'e1', ['new-password'])).toEqual({});
    expect(loginFor).not.toHaveBeenCalled();
    expect(await valuesFor(7, 'e1', ['email'])).toEqual({ username: 'jdoe', email: 'jdoe@shop.example' });
    expect(await valuesFor(7, 'e1', ['email', 'password'])).toEqual({
      username: 'jdoe',
      email: 'jdoe@shop.example',
      password: 'stored-secret',
    });
    expect(await valuesFor(7, 'e1', ['username', 'password'])).toEqual({ username: 'jdoe', password: 'stored-secret' });
    expect(await valuesFor(7, 'e1', ['otp'])).toEqual({ otp: '123456' });
  });
});
