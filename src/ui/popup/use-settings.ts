/** The user's settings, for the popup's few needs (clipboard delay); defaults until (or unless) they arrive. */
import { useEffect, useState } from 'preact/hooks';
import { send } from '../client';

const defaultClipboardClearSeconds = 30;

export function useClipboardClearSeconds(): number {
  const [seconds, setSeconds] = useState(defaultClipboardClearSeconds);
  useEffect(() => {
    send('getSettings', {}).then(
      (settings) => setSeconds(settings.clipboardClearSeconds),
      () => undefined,
    );
  }, []);
  return seconds;
}
