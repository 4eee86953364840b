/** Pages through a long list (`listEntries`) as the virtual list scrolls: only what comes into view is fetched. */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { EntryScope, EntrySummary } from '../../messages';
import { send } from '../client';

const pageSize = 100;

export interface EntryPages {
  /** One slot per entry; `undefined` until its page has arrived. */
  items: (EntrySummary | undefined)[];
  /** Call with the item range in view. */
  need: (first: number, last: number) => void;
  error?: unknown;
  loaded: boolean;
}

/** `initial` (e.g. the first screen's top of the list) fills the first slots without a request. */
export function useEntryPages(
  scope: EntryScope,
  enabled: boolean,
  refreshKey: unknown,
  initial?: { entries: EntrySummary[]; total: number },
): EntryPages {
  const [items, setItems] = useState<(EntrySummary | undefined)[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<unknown>();
  const requested = useRef(new Set<number>());

  const load = useCallback(
    (page: number) => {
      if (requested.current.has(page)) return;
      requested.current.add(page);
      const mine = requested.current;
      send('listEntries', { scope, offset: page * pageSize, limit: pageSize }).then(
        ({ entries, total }) => {
          if (mine !== requested.current) return; // a refresh started meanwhile: this reply is stale
          setItems((old) => {
            const next = old.length === total ? old.slice() : Array.from({ length: total }, (_, i) => old[i]);
            entries.forEach((entry, i) => (next[page * pageSize + i] = entry));
            return next;
          });
          setLoaded(true);
        },
        (caught: unknown) => mine === requested.current && (setError(caught), setLoaded(true)),
      );
    },
    [scope],
  );

  useEffect(() => {
    if (!enabled) return;
    requested.current = new Set();
    setError(undefined);
    if (initial) {
      // Keep the rows already shown (no flash) while the newer data replaces them.
      setItems((old) => Array.from({ length: initial.total }, (_, i) => initial.entries[i] ?? old[i]));
      setLoaded(true);
      for (let p = 0; p * pageSize < initial.entries.length; p++)
        if ((p + 1) * pageSize <= initial.entries.length) requested.current.add(p);
    } else load(0);
  }, [enabled, refreshKey, initial, load]);

  const need = useCallback(
    (first: number, last: number) => {
      for (let p = Math.floor(Math.max(0, first) / pageSize); p <= Math.floor(last / pageSize); p++) load(p);
    },
    [load],
  );
  return { items, need, error, loaded };
}
