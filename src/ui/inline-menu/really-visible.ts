/**
 * Clickjacking guard: the menu acts only while it has been really visible (not covered, not transparent, not
 * transformed) for a moment, as IntersectionObserver v2 (`trackVisibility`) reports it across frames.
 */
export const STEADY_MS = 400;

/** Watches `el`; the returned function says whether a click now may act. */
export function watchReallyVisible(el: Element): () => boolean {
  let since = 0;
  const observer = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        const visible = (entry as IntersectionObserverEntry & { isVisible?: boolean }).isVisible === true;
        since = visible ? since || performance.now() : 0;
      }
    },
    { threshold: [0.5], trackVisibility: true, delay: 100 } as IntersectionObserverInit,
  );
  observer.observe(el);
  return () => since > 0 && performance.now() - since >= STEADY_MS;
}
