/** A secret (password, secret custom field): masked until revealed. The parent fetches it through the lock gate. */
import { t } from '../i18n';

export interface SecretFieldProps {
  label: string;
  /** The revealed value; undefined while masked. */
  value?: string;
  onReveal: () => void;
  onHide: () => void;
  onCopy: () => void;
  disabled?: boolean;
}

export function SecretField(props: SecretFieldProps) {
  const shown = props.value !== undefined;
  return (
    <div class="field-row">
      <dt>{props.label}</dt>
      <dd>
        <span class={shown ? 'secret' : 'masked'}>{shown ? props.value : '••••••••'}</span>
        <button
          type="button"
          class="small secondary"
          onClick={shown ? props.onHide : props.onReveal}
          disabled={props.disabled}
          aria-label={`${shown ? t('hide') : t('reveal')}: ${props.label}`}
        >
          {shown ? t('hide') : t('reveal')}
        </button>
        <button
          type="button"
          class="small secondary"
          onClick={props.onCopy}
          disabled={props.disabled}
          aria-label={`${t('copy')}: ${props.label}`}
        >
          {t('copy')}
        </button>
      </dd>
    </div>
  );
}
