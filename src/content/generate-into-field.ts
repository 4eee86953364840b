/**
 * The field a generated password goes into, what it accepts, and the fill of it and its confirmation field
 * (the next, else the previous, password field of the same form that is empty or also a new-password field).
 */
import type { FieldConstraints } from '../messages';
import { fillField } from './fill-fields';
import { isVisible } from './find-login-fields';
import { loginFields } from './login-fields';

const TEXTUAL = /^(?:password|text|email|tel|url|search|)$/;

const usable = (el: unknown): el is HTMLInputElement =>
  el instanceof HTMLInputElement && el.isConnected && TEXTUAL.test(el.type) && !el.readOnly && !el.disabled;

/** The focused element, looking into open shadow roots. */
function focusedInput(): HTMLInputElement | undefined {
  let el = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return usable(el) ? el : undefined;
}

/** The field the user meant: the menu's field, the right-clicked one, the focused one, else the first new-password field. */
export function generationTarget(...hints: unknown[]): HTMLInputElement | undefined {
  for (const hint of hints) if (usable(hint)) return hint;
  return focusedInput() ?? loginFields().find((f) => f.role === 'new-password' && usable(f.el))?.el;
}

/** The password fields of `el`'s form (or formless fields of its document), in order. */
function passwordFields(el: HTMLInputElement): HTMLInputElement[] {
  const root = el.form ?? el.getRootNode();
  if (!(root instanceof HTMLFormElement || root instanceof Document || root instanceof ShadowRoot)) return [el];
  return [...root.querySelectorAll('input')].filter(
    (f) => f === el || (f.type === 'password' && (f.form ?? null) === el.form && isVisible(f)),
  );
}

/** The confirmation field of a new-password field, if the form has one. */
export function confirmationOf(el: HTMLInputElement): HTMLInputElement | undefined {
  const fields = passwordFields(el);
  const i = fields.indexOf(el);
  const newOnes = new Set(
    loginFields()
      .filter((f) => f.role === 'new-password')
      .map((f) => f.el),
  );
  const next = fields[i + 1];
  if (next && (next.value === '' || newOnes.has(next))) return next;
  const previous = fields[i - 1];
  return previous && newOnes.has(previous) ? previous : undefined;
}

const positive = (n: number) => (n > 0 ? n : undefined);

/** What the field (and its confirmation) accept: the stricter limits of both. */
export function constraintsOf(el: HTMLInputElement, confirm?: HTMLInputElement): FieldConstraints {
  const c: FieldConstraints = {};
  const max = [el, confirm].map((f) => (f ? positive(f.maxLength) : undefined)).filter((n): n is number => n !== undefined);
  const min = [el, confirm].map((f) => (f ? positive(f.minLength) : undefined)).filter((n): n is number => n !== undefined);
  if (max.length) c.maxLength = Math.min(...max);
  if (min.length) c.minLength = Math.max(...min);
  const pattern = el.getAttribute('pattern') ?? confirm?.getAttribute('pattern');
  if (pattern) c.pattern = pattern;
  const rules = el.getAttribute('passwordrules') ?? confirm?.getAttribute('passwordrules');
  if (rules) c.rules = rules;
  return c;
}

/** Fills the field and its confirmation like typing would; true when the field took the value. */
export function fillGenerated(el: HTMLInputElement, confirm: HTMLInputElement | undefined, password: string): boolean {
  const filled = fillField(el, password);
  if (filled && confirm) fillField(confirm, password);
  if (filled) el.focus();
  return filled;
}
