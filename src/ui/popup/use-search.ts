/** Search as you type: the worker searches its index; a reply to an older keystroke is dropped. */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { EntrySummary } from '../../messages';
import { send } from '../client';

export interface SearchState {
  results?: EntrySummary[];
  error?: unknown;
}

export function useSearch(text: string, tabId: number | undefined, refreshKey: unknown): SearchState {
  const [state, setState] = useState<SearchState>({});
  const latest = useRef(0);
  useEffect(() => {
    const mine = ++latest.current;
    if (!text.trim()) {
      setState({});
      return;
    }
    send('search', { text: text.slice(0, 200), tabId, limit: 500 }).then(
      (results) => mine === latest.current && setState({ results }),
      (error: unknown) => mine === latest.current && setState({ error }),
    );
  }, [text, tabId, refreshKey]);
  return state;
}
