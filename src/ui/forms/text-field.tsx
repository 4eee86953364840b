/** A labelled input with its hint and error, wired for screen readers (aria-invalid, aria-describedby). */
import type { ComponentChildren } from 'preact';
import { focusOnMount } from '../focus-on-mount';

export interface TextFieldProps {
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  type?: 'text' | 'password' | 'url';
  error?: string;
  hint?: ComponentChildren;
  autoComplete?: string;
  placeholder?: string;
  required?: boolean;
  autoFocus?: boolean;
  /** More ids that describe the field (e.g. a strength meter). */
  describedBy?: string;
}

export function TextField(props: TextFieldProps) {
  const described = [props.hint && `${props.id}-hint`, props.error && `${props.id}-error`, props.describedBy].filter(Boolean).join(' ');
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <input
        id={props.id}
        type={(props.type ?? 'text') as 'text'}
        value={props.value}
        onInput={(e) => props.onInput(e.currentTarget.value)}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={described || undefined}
        autoComplete={props.autoComplete ?? 'off'}
        placeholder={props.placeholder}
        inputMode={props.type === 'url' ? 'url' : undefined}
        required={props.required}
        ref={props.autoFocus ? focusOnMount : undefined}
        spellcheck={false}
        autoCapitalize="off"
      />
      {props.hint && (
        <small id={`${props.id}-hint`} class="hint">
          {props.hint}
        </small>
      )}
      {props.error && (
        <small id={`${props.id}-error`} class="error">
          {props.error}
        </small>
      )}
    </div>
  );
}
