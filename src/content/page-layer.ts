/**
 * Puts our in-page elements (icon, menu frame) where the page cannot hide or disable them by accident: in the
 * top layer (`popover="manual"`), inside the field's open `<dialog>` or popover when it has one (a modal
 * dialog makes everything outside it inert), with page styles shut out by a closed shadow root.
 */

const HOST_STYLE =
  'all:initial;position:fixed;z-index:2147483647;margin:0;padding:0;border:0;inset:auto;overflow:visible;' +
  'background:transparent;display:block';

/** The nearest open dialog or popover around `el` (crossing shadow roots), else the document element. */
function layerParent(el: Element | undefined): Element {
  let node: Node | null = el ?? null;
  while (node) {
    if (node instanceof HTMLDialogElement && node.open) return node;
    if (node instanceof HTMLElement && node.hasAttribute('popover') && node.matches(':popover-open')) return node;
    node = node instanceof ShadowRoot ? node.host : node.parentNode;
  }
  return document.documentElement;
}

export interface LayerElement {
  host: HTMLElement;
  root: ShadowRoot;
  /** Moves the element to viewport coordinates. */
  place(left: number, top: number, width: number, height: number): void;
  remove(): void;
}

/** Creates an element in the top layer next to `anchor`; its content goes into the closed `root`. */
export function createLayerElement(tag: string, anchor: Element | undefined): LayerElement {
  const host = document.createElement(tag);
  host.setAttribute('style', HOST_STYLE);
  host.setAttribute('popover', 'manual');
  const root = host.attachShadow({ mode: 'closed' });
  layerParent(anchor).append(host);
  try {
    host.showPopover();
  } catch {
    // Without popover support the fixed position and z-index still apply.
  }
  return {
    host,
    root,
    place(left, top, width, height) {
      host.style.setProperty('left', `${Math.round(left)}px`, 'important');
      host.style.setProperty('top', `${Math.round(top)}px`, 'important');
      host.style.setProperty('width', `${width}px`, 'important');
      host.style.setProperty('height', `${height}px`, 'important');
    },
    remove: () => host.remove(),
  };
}
