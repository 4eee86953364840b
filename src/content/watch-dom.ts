/**
 * Knows the frame's document and shadow roots, and re-runs a scan after DOM changes that could add or reveal login
 * fields, at a cost that stays near zero on huge and busy pages: the observer only queues the elements added; one
 * run, when the browser is idle and at most once per `gapMs`, scans, and the scan's `inputs()` walks just those
 * (for new shadow roots). Light-DOM inputs are found by a query; shadow roots by walking: the page once at the
 * start, then what is added, at most `WALK` elements at a time (on a page bigger than that, shadow roots further
 * down are not looked for until they are added anew).
 */
import { LOGINISH, walk } from './find-login-fields';

const OPTIONS: MutationObserverInit = {
  childList: true,
  subtree: true,
  attributes: true,
  attributeFilter: ['class', 'style', 'hidden', 'open', 'type'],
};

const WALK = 50_000;

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
      for (const node of r.addedNodes) if (node instanceof Element) added.push(node), poke();
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

  // `toggle` (popover, details) does not bubble but is seen while capturing; focus finds fields CSS revealed.
  document.addEventListener('toggle', poke, { capture: true, signal });
  document.addEventListener('focusin', poke, { capture: true, signal });
  signal.addEventListener('abort', () => observer.disconnect());
  observer.observe(document, OPTIONS);

  return {
    inputs() {
      // Hundreds of inputs and none like a login's (a grid, a spreadsheet re-rendered whole): nothing to walk or
      // classify; a login shown later brings fields that look like one.
      if (document.querySelectorAll('input').length > 200 && !document.querySelector(LOGINISH)) {
        added = [];
        return [];
      }
      for (const el of waiting) if (el.matches(':defined')) waiting.delete(el), added.push(el);
      for (const node of added.splice(0)) {
        if (node.isConnected) walk(node, track, [], (el) => el.matches(':defined') || waiting.add(el), WALK);
      }
      // A custom element not defined yet gets its shadow root when upgraded, which no mutation shows: look again,
      // for 20 runs at most.
      if (waiting.size && checks++ < 20) setTimeout(poke, 500);
      const found = [...roots]
        .map((root) => (root.isConnected ? [...root.querySelectorAll('input')] : (roots.delete(root), [])))
        .filter((list) => list.length);
      // Inputs in several trees: their order (a user name before its password) is the order of a walk.
      return found.length > 1 ? walk(document, track) : (found[0] ?? []);
    },
  };
}
