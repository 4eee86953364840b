/** A new passphrase, typed twice, with a live strength hint under the first field. */
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n';
import { MIN_LENGTH, MIN_SCORE, passphraseScore } from './passphrase-strength';
import { TextField } from './text-field';

export interface NewPassphraseProps {
  next: string;
  confirm: string;
  onNext: (value: string) => void;
  onConfirm: (value: string) => void;
  /** Shown after a submit: what keeps the passphrase from being accepted. */
  errors: { next?: string; confirm?: string };
  autoFocus?: boolean;
}

const labels = ['strength0', 'strength1', 'strength2', 'strength3', 'strength4'];

export function NewPassphraseFields(props: NewPassphraseProps) {
  const [score, setScore] = useState<number>();
  useEffect(() => {
    if (!props.next) return setScore(undefined);
    let current = true;
    void passphraseScore(props.next).then((s) => current && setScore(s));
    return () => void (current = false);
  }, [props.next]);
  const weak = score !== undefined && score < MIN_SCORE;
  return (
    <>
      <TextField
        id="pass-next"
        type="password"
        label={t('passphraseNew')}
        value={props.next}
        onInput={props.onNext}
        autoComplete="new-password"
        error={props.errors.next}
        describedBy="pass-strength"
        autoFocus={props.autoFocus}
      />
      <div id="pass-strength" class={`strength ${score === undefined ? '' : weak ? 'weak' : 'good'}`} aria-live="polite">
        <meter min={0} max={4} low={MIN_SCORE} high={3} optimum={4} value={score ?? 0} aria-hidden="true" />
        <span>
          {score === undefined ? t('strengthHint', String(MIN_LENGTH)) : `${t(labels[score])} ${weak ? t('strengthWeakHint') : ''}`}
        </span>
      </div>
      <TextField
        id="pass-confirm"
        type="password"
        label={t('passphraseConfirm')}
        value={props.confirm}
        onInput={props.onConfirm}
        autoComplete="new-password"
        error={props.errors.confirm}
      />
    </>
  );
}

/** What keeps a new passphrase from being accepted (message texts), checked on submit. */
export async function newPassphraseErrors(next: string, confirm: string): Promise<NewPassphraseProps['errors']> {
  if (next.length < MIN_LENGTH) return { next: t('passphraseTooShort', String(MIN_LENGTH)) };
  if ((await passphraseScore(next)) < MIN_SCORE) return { next: t('passphraseTooWeak') };
  if (next !== confirm) return { confirm: t('passphraseMismatch') };
  return {};
}
