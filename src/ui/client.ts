/** How our pages (popup, options, in-page frames) talk to the worker: one typed call per request kind. */
import browser from '../browser';
import { RemoteError } from '../errors';
import type { Body, Kind, Reply, Result } from '../messages';

/** Sends a request to the worker and returns its result, or throws a RemoteError with the worker's code. */
export async function send<K extends Kind>(kind: K, body: Body<K>): Promise<Result<K>> {
  const reply = (await browser.runtime.sendMessage({ kind, body })) as Reply<K> | undefined;
  if (!reply) throw new RemoteError('internal', 'The extension did not answer.');
  if (reply.ok) return reply.value;
  throw new RemoteError(reply.code, reply.message);
}

/**
 * Calls `listener` when the worker says something our pages show has changed (a sync's progress or result, a save).
 * Returns the unsubscribe function.
 */
export function onVaultChanged(listener: () => void): () => void {
  const onMessage = (message: unknown) => {
    if ((message as { event?: unknown } | null)?.event === 'vaultChanged') listener();
  };
  browser.runtime.onMessage.addListener(onMessage);
  return () => browser.runtime.onMessage.removeListener(onMessage);
}
