/**
 * Hosts the save prompt in the top frame: an extension-origin iframe (the page cannot read or script it,
 * extension-frame.ts) in the top layer, at the top right. The host accepts messages only from that iframe's window.
 */
import { createExtensionFrame } from './extension-frame';
import { onFrameMessages } from './frame-messages';
import { createLayerElement, type LayerElement } from './page-layer';

const WIDTH = 380;
const PROMPT_PATH = 'src/ui/save-prompt/index.html';

export interface SavePromptFrame {
  show(token: string): void;
  close(): void;
}

export function createSavePrompt(signal: AbortSignal): SavePromptFrame {
  let layer: LayerElement | undefined;
  let frame: HTMLIFrameElement | undefined;
  let shown = '';
  let height = 320;
  const place = () => layer?.place(Math.max(4, innerWidth - WIDTH - 16), 12, WIDTH, height);
  let stopFrame = () => {};
  const close = () => {
    stopFrame();
    layer?.remove();
    layer = frame = undefined;
  };
  onFrameMessages(
    () => frame,
    {
      close,
      height: (px) => {
        height = Math.max(80, Math.min(600, px));
        if (frame) frame.style.height = `${height}px`;
        place();
      },
    },
    signal,
  );
  addEventListener('resize', place, { passive: true, signal });
  signal.addEventListener('abort', close);
  return {
    show(token) {
      if (token === shown && layer) return; // the same prompt, asked again (submit seen twice, page load)
      close();
      shown = token;
      layer = createLayerElement('tpmsp-save-prompt', undefined);
      const title = chrome.i18n.getMessage('savePromptTitle') || 'Save login';
      ({ iframe: frame, stop: stopFrame } = createExtensionFrame(layer, { path: PROMPT_PATH, title, width: WIDTH, height, token }));
      place();
    },
    close,
  };
}
