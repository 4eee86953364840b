/**
 * Sets field values so that frameworks see them: the native value setter (React tracks values through it),
 * then the focus / key / input / change sequence a user's typing produces. Skips read-only and disabled fields
 * and respects `maxlength`. Spreads a one-time code over one-character boxes. Never submits, unless the user
 * enabled auto-submit.
 */
import type { FillValues } from '../messages';
import { noteAction, noteFilled } from './entered-values';
import { splitCode, valueFor } from './fill-values';
import { isVisible, type LoginField } from './find-login-fields';

const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;

/** A key event; a one-character value names its key (code-box scripts move the focus on the key they see). */
const key = (el: HTMLInputElement, type: string, text: string) =>
  el.dispatchEvent(
    new KeyboardEvent(type, { bubbles: true, composed: true, cancelable: true, ...(text.length === 1 ? { key: text } : {}) }),
  );

/** Fills one field like typing would; returns false when the field cannot take a value. */
export function fillField(el: HTMLInputElement, value: string): boolean {
  if (el.readOnly || el.disabled) return false;
  const text = el.maxLength > 0 ? value.slice(0, el.maxLength) : value;
  el.focus();
  el.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
  key(el, 'keydown', text);
  key(el, 'keypress', text);
  setValue.call(el, text);
  noteFilled(el);
  el.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertReplacementText', data: text }));
  key(el, 'keyup', text);
  el.dispatchEvent(new Event('change', { bubbles: true }));
  return true;
}

/** The page takes a pasted code into its first box and spreads it itself: true when its paste handler took it. */
function pasteCode(first: HTMLInputElement, code: string): boolean {
  const data = new DataTransfer();
  data.setData('text/plain', code);
  first.focus();
  const paste = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, composed: true, cancelable: true });
  return !first.dispatchEvent(paste);
}

/**
 * A code into several boxes: the whole code into the first box when that box takes it all (its page spreads it) or
 * when the page handles a paste of it; otherwise one part per box, each typed as a user would.
 */
function fillCode(boxes: HTMLInputElement[], code: string): number {
  const [first] = boxes;
  if (!(first.maxLength > 0 && first.maxLength < code.length)) return fillField(first, code) ? 1 : 0;
  if (pasteCode(first, code)) return boxes.length;
  let filled = 0;
  splitCode(
    code,
    boxes.map((b) => b.maxLength),
  ).forEach((part, i) => part && fillField(boxes[i], part) && filled++);
  return filled;
}

/**
 * Fills the group of `anchor` (the field the user acted on), or the first group with a password, or else the
 * first with a username, e-mail or code field. Returns how many fields took a value.
 */
export function fillGroup(fields: readonly LoginField[], values: FillValues, anchor?: Element | null): number {
  const besideUsername = (f: LoginField) => fields.some((u) => u.group === f.group && u.role === 'username');
  const fillable = fields.filter((f) => valueFor(f.role, values, besideUsername(f)) !== undefined);
  const group = fillable.find((f) => f.el === anchor)?.group ?? fillable.find((f) => f.role === 'password')?.group ?? fillable[0]?.group;
  let filled = 0;
  let last: HTMLInputElement | undefined;
  // Where the form posts before the fill: a page that points it elsewhere on our input events gets no auto-submit.
  const action = group instanceof HTMLFormElement ? group.action : undefined;
  const targets = fillable.filter(
    (f) => f.group === group && f.el.isConnected && isVisible(f.el) && !(values.onlyEmpty && f.el.value !== ''),
  );
  const boxes = targets.filter((f) => f.role === 'otp').map((f) => f.el);
  for (const f of targets) {
    if (f.role === 'otp' && boxes.length > 1) {
      if (f.el !== boxes[0]) continue;
      filled += fillCode(boxes, values.otp!);
      last = boxes.at(-1);
    } else if (fillField(f.el, valueFor(f.role, values, besideUsername(f))!)) {
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
