/** What TPM's count probes and newest-first first pages tell about a list's changes since the last sync. */
import type { Entry } from './entry';

/** The lists' sizes as a probe sees them: shared passwords, and personal ones (`off` when disabled). */
export function fingerprint(shared: number, personal: number | undefined): string {
  return `passwords ${shared}, my_passwords ${personal ?? 'off'}`;
}

export function parseFingerprint(value: string): { shared: number; personal?: number } | undefined {
  const m = /^passwords (\d+), my_passwords (\d+|off)$/.exec(value);
  if (!m) return undefined;
  return m[2] === 'off' ? { shared: Number(m[1]) } : { shared: Number(m[1]), personal: Number(m[2]) };
}

/**
 * The additions on a newest-first page 1 of a list that grew from `before` to `after` items: its first
 * `after - before` items, when every item after them is one the vault holds and the page reaches back to one
 * (or holds the whole list); otherwise undefined. The first ones may be held already (a miss lookup brought them).
 */
export function newOnes<T extends { id: number }>(
  page: T[],
  known: readonly Entry[],
  kind: Entry['kind'],
  before: number,
  after: number,
): T[] | undefined {
  const grown = after - before;
  if (grown < 0 || grown > page.length) return undefined;
  const rest = page.slice(grown);
  if (rest.length === 0 && after > page.length) return undefined;
  const held = new Set(known.flatMap((e) => (e.kind === kind ? [e.remoteId] : [])));
  return rest.every((p) => held.has(p.id)) ? page.slice(0, grown) : undefined;
}
