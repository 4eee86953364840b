/** Step 1: the unlock passphrase, what it protects, how strong it is (or unlock, when one is set and locked). */
import { useState } from 'preact/hooks';
import type { PopupState } from '../../messages';
import { send } from '../client';
import { errorText } from '../error-text';
import { NewPassphraseFields, newPassphraseErrors, type NewPassphraseProps } from '../forms/new-passphrase-fields';
import { UnlockForm } from '../forms/unlock-form';
import { t } from '../i18n';
import { AlertText } from '../error-note';

export function PassphraseStep(props: { state: PopupState; onDone: (state: PopupState) => void }) {
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<NewPassphraseProps['errors']>({});
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);
  if (props.state.hasPassphrase) return <UnlockForm class="setup-form" level={2} onUnlocked={props.onDone} />;

  const submit = async (event: Event) => {
    event.preventDefault();
    setFailure(undefined);
    const found = await newPassphraseErrors(next, confirm);
    setErrors(found);
    if (found.next || found.confirm) {
      document.getElementById(found.next ? 'pass-next' : 'pass-confirm')?.focus();
      return;
    }
    setBusy(true);
    try {
      props.onDone(await send('setPassphrase', { passphrase: next }));
    } catch (caught) {
      setFailure(errorText(caught));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="setup-form" onSubmit={submit} aria-labelledby="passphrase-title" noValidate>
      <h2 id="passphrase-title">{t('welcomePassphraseTitle')}</h2>
      <p>{t('welcomePassphraseText')}</p>
      <p class="muted">{t('welcomePassphraseForgot')}</p>
      <NewPassphraseFields
        next={next}
        confirm={confirm}
        onNext={(value) => (setNext(value), setErrors({}))}
        onConfirm={(value) => (setConfirm(value), setErrors({}))}
        errors={errors}
        autoFocus
      />
      <AlertText text={failure} />
      <div class="actions">
        <button type="submit" disabled={busy}>
          {t('continue')}
        </button>
      </div>
    </form>
  );
}
