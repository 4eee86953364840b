/**
 * Knows the frame's document and shadow roots, and re-runs a scan after DOM changes that could add or reveal login
 * fields, at a cost that stays near zero on huge and busy pages: the observer only queues the elements added; one
 * run, when the browser is idle and at most once per `gapMs`, scans, and the scan's `inputs()` walks just those
 * (for new shadow roots). Light-DOM inputs are found by a query; shadow roots by walking: the page once at the
 * start, then what is added, at most `WALK` elements at a time (on a 200,000-element page, a shadow root past
 * that is found when one of its fields gets focus).
 */
import { loginish, walk } from './find-login-fields';

const OPTIONS: MutationObserverInit = {
  childList: true,
  subtree: true,
  attributes: true,
  attributeFilter: ['class', 'style', 'hidden', 'open', 'type'],
};

const WALK = 20_000;

export interface DomWatch {
  /** The inputs of the document and of every shadow root seen, in tree order (shadow content at its host's place). */
  inputs(): HTMLInputElement[];
}

export function watchDom(scan: () => void, signal: AbortSignal, gapMs = 1000): DomWatch {
  const roots = new Set<Document | ShadowRoot>([document]);
  const waiting = new Set<Element>();
  let added: Node[] = [document];
  let dirty = false;
  let last = 0;
  let checks = 0;

  const observer = new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'attributes') poke();
      for (const node of r.addedNodes) if (node instanceof Element) (added.push(node), poke());
    }
  });
  const track = (root: ShadowRoot) => {
    if (roots.has(root)) return;
    roots.add(root);
    observer.observe(root, OPTIONS);
  };
  const run = () => {
    dirty = false;
    last = performance.now();
    scan();
  };
  function poke() {
    if (dirty) return;
    dirty = true;
    setTimeout(() => requestIdleCallback(run, { timeout: gapMs }), Math.max(0, last + gapMs - performance.now()));
  }

  // `toggle` (popover, details) does not bubble but is seen while capturing; focus finds fields CSS revealed, and
  // the shadow root of a field no walk reached.
  document.addEventListener('toggle', poke, { capture: true, signal });
  document.addEventListener(
    'focusin',
    (e) => {
      const root = (e.composedPath()[0] as Node).getRootNode();
      if (root instanceof ShadowRoot && !roots.has(root)) added.push(root);
      poke();
    },
    { capture: true, signal },
  );
  signal.addEventListener('abort', () => observer.disconnect());
  observer.observe(document, OPTIONS);

  const collect = () =>
    [...roots].map((root) => (root.isConnected ? [...root.querySelectorAll('input')] : (roots.delete(root), []))).filter((list) => list.length);

  return {
    inputs() {
      const light = collect().flat();
      // Hundreds of inputs and none like a login's (a grid, a spreadsheet re-rendered whole): nothing to walk or
      // classify; a login shown later brings fields that look like one.
      if (light.length > 200 && !light.some(loginish)) {
        added = [];
        return [];
      }
      for (const el of waiting) if (el.matches(':defined')) (waiting.delete(el), added.push(el));
      for (const node of added.splice(0)) {
        if (node instanceof ShadowRoot) track(node);
        if (node.isConnected) walk(node, track, [], (el) => el.matches(':defined') || (waiting.add(el), (checks = 0)), WALK);
      }
      // A custom element not defined yet gets its shadow root when upgraded, which no mutation shows: look again.
      if (waiting.size && checks++ < 20) setTimeout(poke, gapMs / 2);
      const found = collect();
      // Inputs in several trees: their order (a user name before its password) is the order of a walk.
      return found.length > 1 ? walk(document, track) : (found[0] ?? []);
    },
  };
}
