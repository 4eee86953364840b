/** A labelled whole-number input; `disabled` with a note when a policy fixes the value. */
import { t } from '../i18n';

export interface NumberFieldProps {
  id: string;
  label: string;
  value: number;
  min: number;
  max: number;
  onChange: (value: number) => void;
  hint?: string;
  managed?: boolean;
}

export function NumberField(props: NumberFieldProps) {
  const hint = props.managed ? t('setByPolicy') : props.hint;
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <input
        id={props.id}
        type="number"
        inputMode="numeric"
        min={props.min}
        max={props.max}
        step={1}
        value={props.value}
        disabled={props.managed}
        aria-describedby={hint ? `${props.id}-hint` : undefined}
        onInput={(e) => {
          const value = Math.round(Number(e.currentTarget.value));
          if (Number.isFinite(value)) props.onChange(Math.min(props.max, Math.max(props.min, value)));
        }}
      />
      {hint && (
        <small id={`${props.id}-hint`} class="hint">
          {hint}
        </small>
      )}
    </div>
  );
}
