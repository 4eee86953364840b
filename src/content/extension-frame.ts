/**
 * One of our pages framed in a web page (the inline menu, the save prompt): an extension-origin iframe in a layer
 * element, which gets its session token by postMessage to the extension origin only once loaded. Where the browser
 * has no IntersectionObserver v2 (Firefox), the frame cannot see for itself whether the page covers or fades it: its
 * host then reports that to it (frame-visibility.ts).
 */
import { needsVisibilityReports, reportVisibility } from './frame-visibility';
import type { LayerElement } from './page-layer';

export interface ExtensionFrameOptions {
  path: string;
  title: string;
  width: number;
  height: number;
  token: string;
  allow?: string;
}

/** Creates the frame in `layer`; `stop` ends what runs for it (call it when the frame goes). */
export function createExtensionFrame(layer: LayerElement, options: ExtensionFrameOptions): { iframe: HTMLIFrameElement; stop(): void } {
  const iframe = document.createElement('iframe');
  iframe.src = chrome.runtime.getURL(options.path);
  if (options.allow) iframe.allow = options.allow;
  iframe.title = options.title;
  iframe.setAttribute(
    'style',
    `all:initial;display:block;border:0;width:${options.width}px;height:${options.height}px;color-scheme:normal`,
  );
  // To our origin only: if the page navigated this frame elsewhere, the token is not delivered.
  const origin = chrome.runtime.getURL('').slice(0, -1);
  iframe.addEventListener('load', () => iframe.contentWindow?.postMessage({ type: 'token', token: options.token }, origin), { once: true });
  layer.root.append(iframe);
  const stop = needsVisibilityReports ? reportVisibility(layer.host, iframe, options.token, origin) : () => undefined;
  return { iframe, stop };
}
