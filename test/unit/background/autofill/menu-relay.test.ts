import { fakeBrowser } from '@webext-core/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Runtime } from 'webextension-polyfill';

vi.mock('webextension-polyfill', () => ({ default: fakeBrowser }));

const { autofillHandlers } = await import('../../../../src/background/autofill/handlers');

/** A content script's sender: frame `frameId` of tab `tabId`, its document `documentId`. */
const frame = (tabId: number, frameId: number, documentId = `doc-${tabId}-${frameId}`): Runtime.MessageSender =>
  ({
    id: 'ext-id',
    url: `https://sso.partner.example/login?f=${frameId}`,
    frameId,
    documentId,
    origin: 'https://sso.partner.example',
    tab: { id: tabId },
  }) as never;

describe('a subframe menu shown by the top frame', () => {
  beforeEach(() => fakeBrowser.reset());

  it('hands the session of the frame that opened it to the top frame of the same tab, once', async () => {
    const leaf = frame(7, 3);
    const { token } = await autofillHandlers.openInlineMenu({}, leaf);
    const relay = await autofillHandlers.relayMenu({ token }, leaf);
    expect(relay?.nonce).toMatch(/^[\w-]{16,64}$/);
    expect(await autofillHandlers.hostMenu({ nonce: relay!.nonce }, frame(7, 0))).toEqual({ token });
    // Once: the nonce is spent.
    expect(await autofillHandlers.hostMenu({ nonce: relay!.nonce }, frame(7, 0))).toBeNull();
  });

  it('refuses a relay asked by another frame or document than the one the session belongs to', async () => {
    const { token } = await autofillHandlers.openInlineMenu({}, frame(7, 3));
    expect(await autofillHandlers.relayMenu({ token }, frame(7, 2))).toBeNull();
    expect(await autofillHandlers.relayMenu({ token }, frame(7, 3, 'a-later-document'))).toBeNull();
    expect(await autofillHandlers.relayMenu({ token }, frame(8, 3))).toBeNull();
    expect(await autofillHandlers.relayMenu({ token: crypto.randomUUID() }, frame(7, 3))).toBeNull();
  });

  it('gives the session only to the top frame of that tab, and a subframe asking does not spend the nonce', async () => {
    const leaf = frame(7, 3);
    const { token } = await autofillHandlers.openInlineMenu({}, leaf);
    const { nonce } = (await autofillHandlers.relayMenu({ token }, leaf))!;
    expect(await autofillHandlers.hostMenu({ nonce }, frame(7, 1))).toBeNull();
    expect(await autofillHandlers.hostMenu({ nonce }, leaf)).toBeNull();
    expect(await autofillHandlers.hostMenu({ nonce }, frame(9, 0))).toBeNull();
    // The other tab's top frame took it: it is gone for this one too (one try only).
    expect(await autofillHandlers.hostMenu({ nonce }, frame(7, 0))).toBeNull();
  });

  it('refuses relays from sandboxed frames with an opaque origin', async () => {
    const opaque = { ...frame(7, 3), origin: 'null' } as Runtime.MessageSender;
    await expect(autofillHandlers.relayMenu({ token: crypto.randomUUID() }, opaque)).rejects.toMatchObject({ code: 'denied' });
  });
});
