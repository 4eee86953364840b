/**
 * A labelled whole-number input that reports only values in range: while the text is not one, it says why and
 * reports nothing (so an autosave never stores half-typed numbers). `managed`: a policy fixes it, shown disabled.
 */
import { useEffect, useState } from 'preact/hooks';
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
  const [text, setText] = useState(String(props.value));
  // A value set from outside (loaded, undone, bounded by a policy) replaces what is shown.
  useEffect(() => setText(String(props.value)), [props.value]);
  const number = /^\s*\d+\s*$/.test(text) ? Number(text) : NaN;
  const invalid = !(number >= props.min && number <= props.max);
  const hint = props.managed ? t('setByPolicy') : props.hint;
  const described = [hint && `${props.id}-hint`, invalid && `${props.id}-error`].filter(Boolean).join(' ');
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
        value={text}
        disabled={props.managed}
        aria-invalid={invalid ? 'true' : undefined}
        aria-describedby={described || undefined}
        onInput={(e) => {
          const next = e.currentTarget.value;
          setText(next);
          const value = Number(next);
          if (/^\d+$/.test(next.trim()) && value >= props.min && value <= props.max && value !== props.value) props.onChange(value);
        }}
      />
      {hint && (
        <small id={`${props.id}-hint`} class="hint">
          {hint}
        </small>
      )}
      {invalid && (
        <small id={`${props.id}-error`} class="error">
          {t('errorRange', [String(props.min), String(props.max)])}
        </small>
      )}
    </div>
  );
}
