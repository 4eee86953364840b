/** The two messages our in-page frames send their host: `close`, and their content `height`. */

/** Listens for them from `frame()`'s own window only: other windows (the page, its frames) are ignored. */
export function onFrameMessages(
  frame: () => HTMLIFrameElement | undefined,
  handlers: { close(): void; height(px: number): void },
  signal: AbortSignal,
): void {
  addEventListener(
    'message',
    (e: MessageEvent) => {
      const current = frame();
      if (!current || e.source !== current.contentWindow) return;
      const data = e.data as { type?: string; height?: number };
      if (data?.type === 'close') handlers.close();
      if (data?.type === 'height' && typeof data.height === 'number') handlers.height(data.height);
    },
    { signal },
  );
}
