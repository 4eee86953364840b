/** The locked state: one passphrase field; `onUnlocked` gets the worker's state once the keyring is open. */
import { useState } from 'preact/hooks';
import type { PopupState } from '../../messages';
import { send } from '../client';
import { errorText } from '../error-text';
import { t } from '../i18n';
import { AlertText } from '../error-note';

export function UnlockForm(props: { onUnlocked: (state: PopupState) => void; class?: string; level?: 1 | 2 }) {
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const Heading = props.level === 2 ? 'h2' : 'h1';

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!passphrase) return;
    setBusy(true);
    setError(undefined);
    try {
      props.onUnlocked(await send('unlock', { passphrase }));
    } catch (caught) {
      setError(errorText(caught));
      setBusy(false);
    }
  };

  return (
    <form class={props.class ?? 'state'} onSubmit={submit} aria-labelledby="unlock-title">
      <Heading id="unlock-title">{t('popupLockedTitle')}</Heading>
      <p>{t('popupLockedText')}</p>
      <label class="field">
        <span>{t('passphrase')}</span>
        <input
          type="password"
          autoComplete="current-password"
          value={passphrase}
          onInput={(e) => setPassphrase(e.currentTarget.value)}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? 'unlock-error' : undefined}
          autoFocus
          required
        />
      </label>
      <AlertText id="unlock-error" text={error} />
      <button type="submit" disabled={busy}>
        {busy ? t('unlocking') : t('unlock')}
      </button>
    </form>
  );
}
