/**
 * What the user did in this frame, as the save flow needs it: the value each field got from the user's own typing
 * (trusted `input` events) or from our fill, and when the user last clicked or pressed Enter. A page script can set
 * a field's value and submit, but it cannot make either of these: its guesses are never reported.
 */
const entered = new WeakMap<HTMLInputElement, string>();
let actedAt = -Infinity;

/** The field's value came from the user or from us. */
export function noteEntered(el: HTMLInputElement): void {
  entered.set(el, el.value);
}

/** The field still holds what the user typed or we filled (a page script has not changed it since). */
export function isEntered(el: HTMLInputElement): boolean {
  return entered.get(el) === el.value;
}

/** A trusted click or Enter, or our auto-submit: a submit event right after it is the user's. */
export function noteAction(): void {
  actedAt = performance.now();
}

/** True within a second of the last user action. */
export function actedRecently(): boolean {
  return performance.now() - actedAt < 1000;
}
