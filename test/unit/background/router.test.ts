import { describe, expect, it } from 'vitest';
import type { Runtime } from 'webextension-polyfill';
import { createRouter, joinHandlers, type Handlers } from '../../../src/background/router';

const ctx = { extensionId: 'ext-id', extensionOrigin: 'chrome-extension://ext-id/' };
const calls: string[] = [];
// Only the kinds these tests send; the router looks a handler up by kind.
const handlers = {
  getPopupState: async () => {
    calls.push('getPopupState');
    return { configured: true, hasPassphrase: true, locked: false, sources: [] };
  },
  loginFormDetected: async (body, sender) => {
    calls.push(`loginFormDetected ${sender.url} ${body.roles.join(',')}`);
    return { matches: 2 };
  },
} as Partial<Handlers> as Handlers;
const route = createRouter(handlers, ctx);

const popup: Runtime.MessageSender = { id: 'ext-id', url: 'chrome-extension://ext-id/src/ui/popup/index.html' };
const contentScript: Runtime.MessageSender = {
  id: 'ext-id',
  url: 'https://login.example.com/signin',
  frameId: 0,
  tab: { id: 7, index: 0, highlighted: true, active: true, pinned: false, incognito: false },
};

describe('createRouter', () => {
  it('answers a well-formed page request from our own page', async () => {
    expect(await route({ kind: 'getPopupState', body: {} }, popup)).toEqual({
      ok: true,
      value: { configured: true, hasPassphrase: true, locked: false, sources: [] },
    });
  });

  it('answers a content request with the sender frame passed to the handler', async () => {
    calls.length = 0;
    expect(await route({ kind: 'loginFormDetected', body: { roles: ['username', 'password'] } }, contentScript)).toEqual({
      ok: true,
      value: { matches: 2 },
    });
    expect(calls).toEqual(['loginFormDetected https://login.example.com/signin username,password']);
  });

  it('rejects page requests that come from a content script', async () => {
    calls.length = 0;
    expect(await route({ kind: 'getPopupState', body: {} }, contentScript)).toMatchObject({ ok: false, code: 'denied' });
    expect(calls).toEqual([]);
  });

  it('rejects content requests that come without a tab or from a non-web frame', async () => {
    const noTab = { ...contentScript, tab: undefined };
    const fileFrame = { ...contentScript, url: 'file:///etc/passwd' };
    expect(await route({ kind: 'loginFormDetected', body: { roles: [] } }, noTab)).toMatchObject({ ok: false, code: 'denied' });
    expect(await route({ kind: 'loginFormDetected', body: { roles: [] } }, fileFrame)).toMatchObject({ ok: false, code: 'denied' });
    expect(await route({ kind: 'loginFormDetected', body: { roles: [] } }, popup)).toMatchObject({ ok: false, code: 'denied' });
  });

  it('rejects messages from another extension', async () => {
    expect(await route({ kind: 'getPopupState', body: {} }, { ...popup, id: 'other' })).toMatchObject({ ok: false, code: 'denied' });
  });

  it.each([
    ['a string', 'getPopupState'],
    ['null', null],
    ['an unknown kind', { kind: 'dumpVault', body: {} }],
    ['an inherited property as kind', { kind: 'toString', body: {} }],
    ['extra body fields', { kind: 'getPopupState', body: { all: true } }],
    ['a wrong body type', { kind: 'loginFormDetected', body: { roles: 'password' } }],
    ['an unknown role', { kind: 'loginFormDetected', body: { roles: ['credit-card'] } }],
  ])('rejects %s as a bad message', async (_name, message) => {
    const sender =
      typeof message === 'object' && message && (message as { kind: string }).kind === 'loginFormDetected' ? contentScript : popup;
    expect(await route(message, sender)).toMatchObject({ ok: false, code: 'bad_message' });
  });

  it('turns a handler failure into a typed error reply', async () => {
    const failing = createRouter(
      {
        ...handlers,
        getPopupState: async () => {
          throw new Error('boom');
        },
      },
      ctx,
    );
    expect(await failing({ kind: 'getPopupState', body: {} }, popup)).toEqual({ ok: false, code: 'internal', message: 'boom' });
  });
});

describe('joinHandlers', () => {
  const lock = { lock: async () => null } satisfies Partial<Handlers>;
  const otherLock = { lock: async () => null, getSettings: handlers.getSettings } satisfies Partial<Handlers>;
  const popup = { getPopupState: handlers.getPopupState } satisfies Partial<Handlers>;

  it('joins areas that answer different kinds', () => {
    const joined = joinHandlers(lock, popup);
    expect(Object.keys(joined).sort()).toEqual(['getPopupState', 'lock']);
  });

  it('does not compile when two areas answer the same kind (a merge would keep the last one silently)', () => {
    // @ts-expect-error `lock` is answered by two areas. `npm run typecheck` fails if this ever compiles.
    const joined = joinHandlers(lock, popup, otherLock);
    expect(joined.lock).toBe(otherLock.lock);
  });

  it("does not compile as the router's handlers when a kind has no answer", () => {
    // @ts-expect-error Every other kind is missing.
    const all: Handlers = joinHandlers(lock, popup);
    expect(Object.keys(all)).toHaveLength(2);
  });
});
