/** The unlock passphrase: set the first one, or change it (unlocking is the page's own card, above every section). */
import { useState } from 'preact/hooks';
import type { PopupState } from '../../messages';
import { send } from '../client';
import { errorText } from '../error-text';
import { NewPassphraseFields, newPassphraseErrors, type NewPassphraseProps } from '../forms/new-passphrase-fields';
import { TextField } from '../forms/text-field';
import { t } from '../i18n';

export function PassphraseSection(props: { state: PopupState; onState: (state: PopupState) => void }) {
  const setting = !props.state.hasPassphrase;
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<NewPassphraseProps['errors']>({});
  const [message, setMessage] = useState<{ error: boolean; text: string }>();

  const submit = async (event: Event) => {
    event.preventDefault();
    setMessage(undefined);
    const found = await newPassphraseErrors(next, confirm);
    setErrors(found);
    if (found.next || found.confirm) return document.getElementById(found.next ? 'pass-next' : 'pass-confirm')?.focus();
    try {
      if (setting) props.onState(await send('setPassphrase', { passphrase: next }));
      else await send('changePassphrase', { current, next });
      setMessage({ error: false, text: setting ? t('passphraseSet') : t('passphraseChanged') });
      setCurrent('');
      setNext('');
      setConfirm('');
    } catch (error) {
      setMessage({ error: true, text: errorText(error) });
    }
  };

  return (
    <section class="card" aria-labelledby="passphrase-heading">
      <h3 id="passphrase-heading">{t('passphraseHeading')}</h3>
      <p class="muted">{setting ? t('passphraseSetText') : t('passphraseChangeText')}</p>
      {props.state.locked ? (
        <p>{t('passphraseUnlockFirst')}</p>
      ) : (
        <form onSubmit={submit} noValidate>
          {!setting && (
            <TextField
              id="pass-current"
              type="password"
              label={t('passphraseCurrent')}
              value={current}
              onInput={setCurrent}
              autoComplete="current-password"
            />
          )}
          <NewPassphraseFields
            next={next}
            confirm={confirm}
            onNext={(v) => (setNext(v), setErrors({}))}
            onConfirm={(v) => (setConfirm(v), setErrors({}))}
            errors={errors}
          />
          {message && (
            <p class={message.error ? 'error' : 'ok'} role={message.error ? 'alert' : 'status'}>
              {message.text}
            </p>
          )}
          <button type="submit">{setting ? t('passphraseSetAction') : t('passphraseChangeAction')}</button>
        </form>
      )}
    </section>
  );
}
