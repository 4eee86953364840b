/**
 * What the user did in this frame, as the save flow needs it: the value each field got from the user's own typing
 * (trusted `input` events) or from our fill, and when the user last clicked or pressed Enter. A page script can set
 * a field's value and submit, but it can make neither of these: its guesses are never reported.
 */

/** Per field, the value it had after the user's last keystroke in it (or our last fill of it). */
export type Entered = WeakMap<EventTarget, string>;

/**
 * Started by the detector on every page (the user may type before the host loads), which hands the map to the host.
 * The host has its own copy of this module, so the map travels as a value.
 */
export function watchEntered(signal: AbortSignal): Entered {
  const entered: Entered = new WeakMap();
  addEventListener(
    'input',
    (e) => {
      const el = e.composedPath()[0];
      if (e.isTrusted && el instanceof HTMLInputElement) entered.set(el, el.value);
    },
    { capture: true, signal },
  );
  return entered;
}

let entered: Entered = new WeakMap();
let actedAt = -Infinity;

/** The host uses the detector's map. */
export function useEntered(map: Entered): void {
  entered = map;
}

/** We filled the field. */
export function noteFilled(el: HTMLInputElement): void {
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
