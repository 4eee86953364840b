/** The unlock passphrase: set the first one, unlock, or change it. It encrypts server credentials at rest. */
import { useState } from 'preact/hooks';
import type { PopupState } from '../../messages';
import { send } from '../client';
import { errorText } from '../error-text';
import { t } from '../i18n';
import { TextField } from './text-field';

const minLength = 8;

export function PassphraseSection(props: { state: PopupState; onState: (state: PopupState) => void; onChanged: () => void }) {
  const { hasPassphrase, locked } = props.state;
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [message, setMessage] = useState<{ error: boolean; text: string }>();
  const mode = !hasPassphrase ? 'set' : locked ? 'unlock' : 'change';
  const needsNext = mode !== 'unlock';
  const tooShort = needsNext && next.length > 0 && next.length < minLength;
  const mismatch = needsNext && confirm.length > 0 && next !== confirm;

  const submit = async (event: Event) => {
    event.preventDefault();
    if (needsNext && (next.length < minLength || next !== confirm)) {
      setMessage({ error: true, text: next.length < minLength ? t('passphraseTooShort', String(minLength)) : t('passphraseMismatch') });
      return;
    }
    try {
      if (mode === 'set') props.onState(await send('setPassphrase', { passphrase: next }));
      else if (mode === 'unlock') props.onState(await send('unlock', { passphrase: current }));
      else await send('changePassphrase', { current, next }).then(props.onChanged);
      setMessage({ error: false, text: mode === 'change' ? t('passphraseChanged') : mode === 'set' ? t('passphraseSet') : t('unlocked') });
      setCurrent('');
      setNext('');
      setConfirm('');
    } catch (error) {
      setMessage({ error: true, text: errorText(error) });
    }
  };

  return (
    <section aria-labelledby="passphrase-heading">
      <h2 id="passphrase-heading">{t('passphraseHeading')}</h2>
      <p class="muted">{mode === 'set' ? t('passphraseSetText') : mode === 'unlock' ? t('popupLockedText') : t('passphraseChangeText')}</p>
      <form class="card" onSubmit={submit} noValidate>
        {mode !== 'set' && <TextField id="pass-current" type="password" label={t('passphraseCurrent')} value={current} onInput={setCurrent} autoComplete="current-password" />}
        {needsNext && (
          <>
            <TextField id="pass-next" type="password" label={t('passphraseNew')} value={next} onInput={setNext} autoComplete="new-password" error={tooShort ? t('passphraseTooShort', String(minLength)) : undefined} />
            <TextField id="pass-confirm" type="password" label={t('passphraseConfirm')} value={confirm} onInput={setConfirm} autoComplete="new-password" error={mismatch ? t('passphraseMismatch') : undefined} />
          </>
        )}
        {message && (
          <p class={message.error ? 'error' : 'ok'} role={message.error ? 'alert' : 'status'}>
            {message.text}
          </p>
        )}
        <button type="submit">{mode === 'set' ? t('passphraseSetAction') : mode === 'unlock' ? t('unlock') : t('passphraseChangeAction')}</button>
      </form>
    </section>
  );
}
