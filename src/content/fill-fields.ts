/**
 * Sets field values so that frameworks see them: the native value setter (React tracks values through it),
 * then the focus / key / input / change sequence a user's typing produces. Skips read-only and disabled fields
 * and respects `maxlength`. Never submits, unless the user enabled auto-submit.
 */
import type { FieldRole, FillValues } from '../messages';
import { noteAction, noteFilled } from './entered-values';
import { isVisible, type LoginField } from './find-login-fields';

const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;

const key = (el: HTMLInputElement, type: string) =>
  el.dispatchEvent(new KeyboardEvent(type, { bubbles: true, composed: true, cancelable: true }));

/** Fills one field like typing would; returns false when the field cannot take a value. */
export function fillField(el: HTMLInputElement, value: string): boolean {
  if (el.readOnly || el.disabled) return false;
  const text = el.maxLength > 0 ? value.slice(0, el.maxLength) : value;
  el.focus();
  el.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
  key(el, 'keydown');
  key(el, 'keypress');
  setValue.call(el, text);
  noteFilled(el);
  el.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertReplacementText', data: text }));
  key(el, 'keyup');
  el.dispatchEvent(new Event('change', { bubbles: true }));
  return true;
}

const valueFor = (role: FieldRole, v: FillValues) =>
  role === 'username' ? v.username : role === 'password' ? v.password : role === 'otp' ? v.otp : undefined;

/**
 * Fills the group of `anchor` (the field the user acted on), or the first group with a password, or else the
 * first with a username or code field. Returns how many fields took a value.
 */
export function fillGroup(fields: readonly LoginField[], values: FillValues, anchor?: Element | null): number {
  const fillable = fields.filter((f) => valueFor(f.role, values) !== undefined);
  const group =
    fillable.find((f) => f.el === anchor)?.group ??
    fillable.find((f) => f.role === 'password')?.group ??
    fillable[0]?.group;
  let filled = 0;
  let last: HTMLInputElement | undefined;
  // Where the form posts before the fill: a page that points it elsewhere on our input events gets no auto-submit.
  const action = group instanceof HTMLFormElement ? group.action : undefined;
  for (const f of fillable) {
    if (f.group !== group || !f.el.isConnected || !isVisible(f.el)) continue;
    if (values.onlyEmpty && f.el.value !== '') continue;
    if (fillField(f.el, valueFor(f.role, values)!)) {
      filled++;
      last = f.el;
    }
  }
  if (values.submit && last?.form && last.form === group && last.form.action === action) {
    noteAction();
    last.form.requestSubmit();
  }
  return filled;
}
