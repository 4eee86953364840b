/**
 * The clickjacking guard of our in-page frames where the browser has no IntersectionObserver v2 (`trackVisibility`,
 * https://github.com/w3c/IntersectionObserver/pull/523; Chromium has it, Firefox 153 ESR has no `isVisible`): while
 * a frame is shown, its host looks every 100 ms whether the page covers, fades, hides or distorts it, and tells the
 * frame, with the frame's session token, to our origin only (the page knows neither). The frame acts only after
 * steady "visible" reports (ui/inline-menu/really-visible.ts). What it cannot see: a page element in the top layer
 * inside a closed shadow root, opened after the frame and letting clicks through.
 */

/** True where frames cannot see their own visibility. */
export const needsVisibilityReports =
  typeof IntersectionObserverEntry !== 'undefined' && !('isVisible' in IntersectionObserverEntry.prototype);

const TOP_LAYER = ':popover-open, :modal, :fullscreen';
const EVERY_MS = 100;

/** Starts the reports for `iframe` in the layer element `host`; returns the function that stops them. */
export function reportVisibility(host: HTMLElement, iframe: HTMLIFrameElement, token: string, origin: string): () => void {
  // What is in the top layer now lies under our frame; anything opened later lies over it.
  const under = new Set(document.querySelectorAll(TOP_LAYER));
  const onToggle = (e: Event) => (e as ToggleEvent).newState === 'open' && under.delete(e.target as Element);
  document.addEventListener('toggle', onToggle, true);
  const timer = setInterval(() => {
    iframe.contentWindow?.postMessage({ type: 'visible', token, visible: reallyVisible(host, iframe, under) }, origin);
  }, EVERY_MS);
  return () => {
    clearInterval(timer);
    document.removeEventListener('toggle', onToggle, true);
  };
}

function reallyVisible(host: HTMLElement, iframe: HTMLIFrameElement, under: Set<Element>): boolean {
  if (!iframe.isConnected || !host.matches(':popover-open')) return false;
  for (const el of document.querySelectorAll(TOP_LAYER)) if (el !== host && !el.contains(host) && !under.has(el)) return false;
  // Faded, hidden or distorted: the frame, its host and everything around them.
  for (let el: Element | null = iframe; el; el = el.parentNode instanceof ShadowRoot ? el.parentNode.host : el.parentElement) {
    const style = getComputedStyle(el);
    const ours = el === iframe || el === host;
    if (Number(style.opacity) < 1 || style.filter !== 'none' || style.mixBlendMode !== 'normal') return false;
    if (ours && (style.visibility !== 'visible' || style.transform !== 'none' || style.clipPath !== 'none' || style.maskImage !== 'none'))
      return false;
  }
  // Covered: what is on top at the frame's centre and near its corners must be the frame.
  const r = iframe.getBoundingClientRect();
  if (r.width < 20 || r.height < 20) return false;
  const xs = [r.left + 4, r.left + r.width / 2, r.right - 4];
  const ys = [r.top + 4, r.top + r.height / 2, r.bottom - 4];
  return xs.every((x) => ys.every((y) => document.elementFromPoint(x, y) === host));
}
