/** A labelled input with its error, wired for screen readers (aria-invalid, aria-describedby). */
import { focusOnMount } from '../focus-on-mount';
export interface TextFieldProps {
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  type?: 'text' | 'password' | 'url';
  error?: string;
  hint?: string;
  autoComplete?: string;
  required?: boolean;
  autoFocus?: boolean;
}

export function TextField(props: TextFieldProps) {
  const described = [props.hint && `${props.id}-hint`, props.error && `${props.id}-error`].filter(Boolean).join(' ');
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
        required={props.required}
        ref={props.autoFocus ? focusOnMount : undefined}
        spellcheck={false}
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
