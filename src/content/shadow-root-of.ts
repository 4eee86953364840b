/**
 * An element's shadow root, closed ones too: pages cannot reach a closed root, content scripts can, each browser
 * its own way (Chromium: `chrome.dom.openOrClosedShadowRoot`, Firefox: `element.openOrClosedShadowRoot()`). The
 * one place that knows the difference. Closed roots are looked for on custom elements only (a name with a dash,
 * where components put them): asking the browser about every element of a 200,000-element page takes a second.
 */
type FirefoxElement = Element & { openOrClosedShadowRoot?(): ShadowRoot | null };

const closedRoot: (el: HTMLElement) => ShadowRoot | null | undefined =
  chrome.dom?.openOrClosedShadowRoot ?? ((el) => (el as FirefoxElement).openOrClosedShadowRoot?.());

export const shadowRootOf = (el: Element): ShadowRoot | null | undefined =>
  el.shadowRoot ?? (el.localName.includes('-') ? closedRoot(el as HTMLElement) : null);
