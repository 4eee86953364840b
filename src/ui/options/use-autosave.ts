/**
 * The settings as the page edits them: every change is saved by itself a moment after the last keystroke or
 * click (no Save button), and the last burst of changes can be undone.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { Settings } from '../../messages';
import { send } from '../client';
import { errorText } from '../error-text';

export type SaveStatus = { kind: 'saving' } | { kind: 'saved'; canUndo: boolean } | { kind: 'undone' } | { kind: 'failed'; text: string };

export interface Autosave {
  settings?: Settings;
  loadError?: string;
  status?: SaveStatus;
  update: (patch: Partial<Settings>) => void;
  undo: () => void;
  /** Read them again (after an import, an unlock). */
  reload: () => void;
}

/** Typing pauses this long before a save: one save per burst, not per keystroke. */
const SAVE_AFTER_MS = 400;

export function useAutosave(): Autosave {
  const [settings, setSettings] = useState<Settings>();
  const [loadError, setLoadError] = useState<string>();
  const [status, setStatus] = useState<SaveStatus>();
  const latest = useRef<Settings | undefined>(undefined);
  /** The settings before the current burst of changes: what Undo goes back to. */
  const before = useRef<Settings | undefined>(undefined);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  /** Counts edits, so a save's answer does not overwrite an edit made while it was on its way. */
  const edits = useRef(0);

  const show = (next: Settings) => ((latest.current = next), setSettings(next));
  const reload = useCallback(() => {
    send('getSettings', {}).then(
      (loaded) => (show(loaded), setLoadError(undefined)),
      (caught: unknown) => setLoadError(errorText(caught)),
    );
  }, []);
  useEffect(reload, [reload]);

  const save = async (next: Settings, after: SaveStatus) => {
    const edit = edits.current;
    setStatus({ kind: 'saving' });
    try {
      // The worker keeps the user's choices; what the policy fixes or bounds wins when settings are read.
      const stored = await send('saveSettings', { settings: next });
      if (edit === edits.current) show(stored);
      setStatus(after);
    } catch (caught) {
      setStatus({ kind: 'failed', text: errorText(caught) });
    }
  };

  const update = (patch: Partial<Settings>) => {
    if (!latest.current) return;
    if (!timer.current) before.current = latest.current;
    edits.current++;
    show({ ...latest.current, ...patch });
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      timer.current = undefined;
      void save(latest.current!, { kind: 'saved', canUndo: true });
    }, SAVE_AFTER_MS);
  };

  const undo = () => {
    const previous = before.current;
    if (!previous) return;
    clearTimeout(timer.current);
    timer.current = undefined;
    before.current = undefined;
    edits.current++;
    show(previous);
    void save(previous, { kind: 'undone' });
  };

  return { settings, loadError, status, update, undo, reload };
}
