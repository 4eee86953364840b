/** Diagnostics: a small ring buffer of handled errors in storage.session, with no message text and no data. */
import { fakeBrowser } from '@webext-core/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Runtime } from 'webextension-polyfill';
import { AppError } from '../../../src/errors';
import { createRouter, type Handlers } from '../../../src/background/router';

vi.mock('webextension-polyfill', () => ({ default: fakeBrowser }));
const { noteError, recentErrors, diagnosticsWritten, MAX_RECORDS } = await import('../../../src/background/diagnostics');

beforeEach(() => fakeBrowser.reset());

describe('diagnostics', () => {
  it('keeps code, class, place and time of an error, never its message', async () => {
    noteError('cache.write', new DOMException('quota for https://tpm.example.com/index.php user alice exceeded', 'QuotaExceededError'));
    noteError('save.places', new AppError('auth', 'Sign-in refused for alice at https://tpm.example.com'));
    await diagnosticsWritten();
    const records = await recentErrors();
    expect(records.map(({ at: _at, ...r }) => r)).toEqual([
      { where: 'cache.write', code: 'internal', name: 'QuotaExceededError', count: 1 },
      { where: 'save.places', code: 'auth', count: 1 },
    ]);
    const stored = JSON.stringify(await fakeBrowser.storage.session.get(null));
    expect(stored).not.toMatch(/alice|tpm\.example|quota for/);
  });

  it('counts the same error in a row on one line, and keeps only the latest records', async () => {
    for (let i = 0; i < 3; i++) noteError('generate.server', new AppError('network', 'offline'));
    for (let i = 0; i < MAX_RECORDS + 10; i++) noteError(`place.${i}`, new AppError('server', '503'));
    await diagnosticsWritten();
    const records = await recentErrors();
    expect(records).toHaveLength(MAX_RECORDS);
    expect(records[0].where).toBe('place.10');
    expect(records.at(-1)!.where).toBe(`place.${MAX_RECORDS + 9}`);
    fakeBrowser.reset();
    for (let i = 0; i < 3; i++) noteError('generate.server', new AppError('network', 'offline'));
    await diagnosticsWritten();
    expect((await recentErrors()).map((r) => [r.where, r.count])).toEqual([['generate.server', 3]]);
  });

  it('the router reports unexpected failures of a request (bugs), not refusals', async () => {
    const seen: string[] = [];
    const handlers = {
      getPopupState: async () => {
        throw new TypeError('cannot read properties of undefined');
      },
      lock: async () => {
        throw new AppError('vault_locked', 'locked');
      },
    } as Partial<Handlers> as Handlers;
    const route = createRouter(handlers, {
      extensionId: 'x',
      extensionOrigin: 'chrome-extension://x/',
      onInternalError: (kind) => seen.push(kind),
    });
    const page: Runtime.MessageSender = { id: 'x', url: 'chrome-extension://x/src/ui/popup/index.html' };
    expect(await route({ kind: 'getPopupState', body: {} }, page)).toMatchObject({ ok: false, code: 'internal' });
    expect(await route({ kind: 'lock', body: {} }, page)).toMatchObject({ ok: false, code: 'vault_locked' });
    expect(await route({ kind: 'nonsense', body: {} }, page)).toMatchObject({ ok: false, code: 'bad_message' });
    expect(seen).toEqual(['getPopupState']);
  });
});
