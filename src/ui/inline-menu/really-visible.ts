/**
 * Clickjacking guard: the menu (and the save prompt) acts only while it has been really visible (not covered, not
 * transparent, not transformed) for a moment, as IntersectionObserver v2 (`trackVisibility`) reports it across
 * frames. Where the browser has no v2 (Firefox), the frame's host in the page reports it instead, with the frame's
 * session token (content/frame-visibility.ts).
 */
export const STEADY_MS = 400;
/** The host reports every 100 ms: a report older than this means it stopped. */
const REPORT_MAX_AGE_MS = 350;

/** Watches `el` in the frame that got `token`; the returned function says whether a click now may act. */
export function watchReallyVisible(el: Element, token: string): () => boolean {
  let since = 0;
  let last = 0;
  const seen = (visible: boolean) => (since = visible ? since || performance.now() : 0);
  if ('isVisible' in IntersectionObserverEntry.prototype) {
    const observer = new IntersectionObserver(
      (entries) => entries.forEach((entry) => seen((entry as IntersectionObserverEntry & { isVisible?: boolean }).isVisible === true)),
      { threshold: [0.5], trackVisibility: true, delay: 100 } as IntersectionObserverInit,
    );
    observer.observe(el);
    return () => since > 0 && performance.now() - since >= STEADY_MS;
  }
  addEventListener('message', (e: MessageEvent) => {
    const data = e.data as { type?: string; token?: unknown; visible?: unknown };
    if (e.source !== parent || data?.type !== 'visible' || data.token !== token) return;
    last = performance.now();
    seen(data.visible === true);
  });
  return () => since > 0 && performance.now() - since >= STEADY_MS && performance.now() - last <= REPORT_MAX_AGE_MS;
}
