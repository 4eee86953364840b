/**
 * A ref that focuses its element when it mounts. Preact's `autoFocus` only sets the attribute, which browsers
 * honour at page load, not when a view appears later (details, forms, confirmations).
 */
export function focusOnMount(element: HTMLElement | null): void {
  element?.focus();
}
