/**
 * The product's one order of names (the entry list, a project's entries, the search's ties, save places): case
 * and accents ignored ("zürich" next to "Zurich"), then an id when one is given, so the order is total and a
 * list kept sorted by insertion equals one sorted from scratch.
 */
import { foldText } from './search-text';

/** What a name sorts by. */
function nameKey(name: string): string {
  return foldText(name);
}

/** Sorted copy in name order; ties by `idOf` when given, else in their order. Each key is computed once. */
export function sortByName<T>(items: readonly T[], nameOf: (item: T) => string, idOf?: (item: T) => string): T[] {
  const keyed = items.map((item) => ({ item, key: nameKey(nameOf(item)), id: idOf?.(item) ?? '' }));
  keyed.sort((a, b) => compare(a.key, a.id, b.key, b.id));
  return keyed.map((k) => k.item);
}

/** Compares two named items in name order, then by id (for a few items: the keys are not kept). */
export function compareByName(a: { name: string; id: string }, b: { name: string; id: string }): number {
  return compare(nameKey(a.name), a.id, nameKey(b.name), b.id);
}

/** Where `item` goes in a list sorted by {@link sortByName} with the same `nameOf` and `idOf`: binary search. */
export function nameIndex<T>(sorted: readonly T[], item: T, nameOf: (item: T) => string, idOf: (item: T) => string): number {
  const key = nameKey(nameOf(item));
  const id = idOf(item);
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const other = sorted[mid]!;
    if (compare(nameKey(nameOf(other)), idOf(other), key, id) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function compare(aKey: string, aId: string, bKey: string, bId: string): number {
  if (aKey !== bKey) return aKey < bKey ? -1 : 1;
  return aId < bId ? -1 : aId > bId ? 1 : 0;
}
