/**
 * The content script's only channel to the worker. It uses `chrome.runtime` directly (Chromium and Firefox both
 * return promises in MV3) instead of webextension-polyfill, which would cost more than the whole detector budget.
 */
import type { Body, ContentRequests, Reply, Result } from '../messages';

type ContentKind = keyof ContentRequests;

export async function sendFromContent<K extends ContentKind>(kind: K, body: Body<K>): Promise<Result<K> | undefined> {
  try {
    const reply = (await chrome.runtime.sendMessage({ kind, body })) as Reply<K> | undefined;
    return reply?.ok ? reply.value : undefined;
  } catch {
    // The extension was reloaded or updated under this page: stay silent.
    return undefined;
  }
}
