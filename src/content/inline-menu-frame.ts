/**
 * Hosts the inline menu: an extension-origin iframe (the page cannot read it, extension-frame.ts) below the field.
 * The host accepts messages only from that iframe's window. In the top frame it may show the menu of a field in a
 * subframe too small to hold it, at the field's place (`DOMRect` in the top frame's viewport).
 */
import { createExtensionFrame } from './extension-frame';
import { onFrameMessages } from './frame-messages';
import { createLayerElement, type LayerElement } from './page-layer';

const WIDTH = 320;
const MENU_PATH = 'src/ui/inline-menu/index.html';

export interface InlineMenu {
  open(anchor: HTMLElement | DOMRect | undefined, token: string): void;
  close(): void;
  /** The field the open menu belongs to. */
  anchor(): HTMLElement | undefined;
  /** Whether this frame can show the whole menu at `anchor` (the top frame always can). */
  fits(anchor: HTMLElement | undefined): boolean;
  /** Remembers `anchor` as the menu's field while another frame shows the menu. */
  hold(anchor: HTMLElement | undefined): void;
}

export function createInlineMenu(signal: AbortSignal): InlineMenu {
  let layer: LayerElement | undefined;
  let frame: HTMLIFrameElement | undefined;
  let anchorEl: HTMLElement | undefined;
  let at: DOMRect | undefined;
  let height = 180;

  const rectOf = (anchor: HTMLElement | undefined) =>
    anchor?.getBoundingClientRect() ?? at ?? new DOMRect(innerWidth - WIDTH - 16, 8, WIDTH, 0);
  /** Below the field, or above it when there is room only there. */
  const spot = (r: DOMRect) => {
    const below = r.bottom + 4;
    return {
      left: Math.max(4, Math.min(r.left, innerWidth - WIDTH - 4)),
      top: below + height > innerHeight && r.top > height + 4 ? r.top - height - 4 : below,
    };
  };
  const place = () => {
    if (!layer) return;
    const { left, top } = spot(rectOf(anchorEl));
    layer.place(left, top, WIDTH, height);
  };
  let stopFrame = () => {};
  const close = () => {
    stopFrame();
    layer?.remove();
    layer = frame = anchorEl = at = undefined;
  };

  onFrameMessages(
    () => frame,
    {
      close,
      height: (px) => {
        height = Math.max(60, Math.min(400, px));
        if (frame) frame.style.height = `${height}px`;
        place();
      },
    },
    signal,
  );
  addEventListener('resize', place, { passive: true, signal });
  addEventListener('scroll', place, { capture: true, passive: true, signal });
  addEventListener('keydown', (e) => e.isTrusted && e.key === 'Escape' && close(), { capture: true, signal });
  addEventListener(
    'pointerdown',
    (e) => e.isTrusted && layer && !e.composedPath().includes(layer.host) && e.target !== anchorEl && close(),
    { capture: true, signal },
  );
  signal.addEventListener('abort', close);

  return {
    open(anchor, token) {
      close();
      if (anchor instanceof DOMRect) at = anchor;
      else anchorEl = anchor;
      layer = createLayerElement('tpmsp-autofill-menu', anchorEl);
      const title = chrome.i18n.getMessage('autofillMenuTitle') || 'Logins';
      ({ iframe: frame, stop: stopFrame } = createExtensionFrame(layer, {
        path: MENU_PATH,
        title,
        width: WIDTH,
        height,
        token,
        allow: 'clipboard-write',
      }));
      place();
    },
    close,
    anchor: () => anchorEl,
    fits(anchor) {
      const { left, top } = spot(rectOf(anchor));
      return window === window.top || (left + WIDTH <= innerWidth && top >= 0 && top + height <= innerHeight);
    },
    hold(anchor) {
      close();
      anchorEl = anchor;
    },
  };
}
