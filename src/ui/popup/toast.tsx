/**
 * What just happened in the popup, where the eye is (the bottom of the view): "Password copied" with a countdown to
 * when the clipboard is cleared, then "Clipboard cleared". The sentence is announced once; the countdown is not.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { t } from '../i18n';

export interface ToastMessage {
  text: string;
  /** A secret was copied: when the clipboard clear is due (ms since the epoch). */
  clearsAt?: number;
  error?: boolean;
}

export function useToast(): [ToastMessage | undefined, (text: string, options?: { clearSeconds?: number; error?: boolean }) => void] {
  const [toast, setToast] = useState<ToastMessage>();
  const show = useCallback((text: string, options: { clearSeconds?: number; error?: boolean } = {}) => {
    setToast({ text, error: options.error, clearsAt: options.clearSeconds ? Date.now() + options.clearSeconds * 1000 : undefined });
  }, []);
  return [toast, show];
}

/** The text for a copied secret: when the clipboard is cleared, or that it is not. */
export function copiedText(what: 'password' | 'secret', clearSeconds: number): string {
  const copied = t(what === 'password' ? 'passwordCopiedToast' : 'secretCopiedToast');
  return `${copied} ${clearSeconds > 0 ? t('clipboardClearsIn', String(clearSeconds)) : t('clipboardNotCleared')}`;
}

export function Toast(props: { toast?: ToastMessage }) {
  const { toast } = props;
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (!toast?.clearsAt) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [toast]);
  const left = toast?.clearsAt ? Math.ceil((toast.clearsAt - now) / 1000) : undefined;
  const cleared = left !== undefined && left <= 0;
  return (
    <div class={`toast ${toast ? (toast.error ? 'shown error' : 'shown') : ''}`}>
      <span role="status" aria-live="polite">
        {cleared ? t('clipboardCleared') : toast?.text}
      </span>
      {left !== undefined && !cleared && (
        <span class="countdown" aria-hidden="true">
          {left} s
        </span>
      )}
    </div>
  );
}
