/**
 * Re-runs a scan after DOM changes that could add or reveal login fields, at near zero cost on pages that churn:
 * the observer only marks the frame dirty; one scan runs when the browser is idle, at most once per `gapMs`,
 * and nothing is observed while the page is hidden.
 */
const OPTIONS: MutationObserverInit = {
  childList: true,
  subtree: true,
  attributes: true,
  attributeFilter: ['class', 'style', 'hidden', 'open', 'type'],
};

export interface DomWatch {
  /** Also watches a shadow root (a document-level observer does not see inside it). */
  observe(root: Node): void;
  /** Schedules a scan now (e.g. a field got focus that the last scan did not know). */
  poke(): void;
}

export function watchDom(scan: () => void, signal: AbortSignal, gapMs = 1000): DomWatch {
  const roots = new Set<Node>([document]);
  let dirty = false;
  let last = 0;
  const run = () => {
    dirty = false;
    last = performance.now();
    scan();
  };
  const poke = () => {
    if (dirty) return;
    dirty = true;
    const wait = Math.max(0, last + gapMs - performance.now());
    setTimeout(() => (typeof requestIdleCallback === 'function' ? requestIdleCallback(run, { timeout: gapMs }) : run()), wait);
  };
  const observer = new MutationObserver((records) => {
    if (!dirty && records.some((r) => r.type === 'attributes' || r.addedNodes.length > 0)) poke();
  });
  const connect = () => roots.forEach((root) => observer.observe(root, OPTIONS));
  const onVisibility = () => {
    if (document.hidden) observer.disconnect();
    else {
      connect();
      poke();
    }
  };
  document.addEventListener('visibilitychange', onVisibility, { signal });
  // `toggle` (popover, details) does not bubble but is seen while capturing; focus finds fields CSS revealed.
  document.addEventListener('toggle', poke, { capture: true, signal });
  document.addEventListener('focusin', poke, { capture: true, signal });
  signal.addEventListener('abort', () => observer.disconnect());
  if (!document.hidden) connect();
  return {
    observe(root) {
      if (roots.has(root)) return;
      roots.add(root);
      if (!document.hidden) observer.observe(root, OPTIONS);
    },
    poke,
  };
}
