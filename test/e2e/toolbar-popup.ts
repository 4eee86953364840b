/**
 * The toolbar button's own popup, opened as a click on the button opens it: DevTools' `Extensions.triggerAction`
 * (needs `--enable-unsafe-extension-debugging`; Playwright launches over a pipe, which that command requires).
 * Playwright does not list such popups as pages, so they are driven through a raw DevTools session.
 */
import type { BrowserContext, CDPSession, Page } from 'playwright-core';

type TargetInfo = { targetId: string; url: string };

/** A DevTools session on one target (a popup, the service worker), through the browser's session. */
export interface TargetSession {
  call<T = any>(method: string, params?: object): Promise<T>;
  detach(): Promise<void>;
}

export async function attachToTarget(browserSession: CDPSession, targetId: string): Promise<TargetSession> {
  const { sessionId } = await browserSession.send('Target.attachToTarget', { targetId, flatten: false });
  let nextId = 1;
  const call = <T>(method: string, params: object = {}) =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      const onMessage = (event: { sessionId?: string; message: string }) => {
        if (event.sessionId !== sessionId) return;
        const reply = JSON.parse(event.message);
        if (reply.id !== id) return;
        browserSession.off('Target.receivedMessageFromTarget', onMessage);
        if (reply.error) reject(new Error(`${method}: ${reply.error.message}`));
        else resolve(reply.result as T);
      };
      browserSession.on('Target.receivedMessageFromTarget', onMessage);
      void browserSession.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) }).catch(reject);
    });
  return { call, detach: () => browserSession.send('Target.detachFromTarget', { sessionId }).then(() => undefined) };
}

export interface ToolbarPopup {
  /** Evaluates an expression in the popup (awaiting a promise); returns its value. */
  evaluate<T>(expression: string): Promise<T>;
  /** Evaluates `expression` until it gives a value other than null/undefined/false, or fails after `timeoutMs`. */
  waitFor<T>(expression: string, timeoutMs?: number): Promise<T>;
  /** Closes the popup, as a click elsewhere does, and waits until it is gone. */
  close(): Promise<void>;
}

const sessions = new WeakMap<BrowserContext, Promise<CDPSession>>();

/** The browser-wide DevTools session of a launched context (one per context). */
export function browserSession(context: BrowserContext): Promise<CDPSession> {
  let session = sessions.get(context);
  if (!session) sessions.set(context, (session = context.browser()!.newBrowserCDPSession()));
  return session;
}

export interface OpenPopupOptions {
  /**
   * Asks the browser nothing for this long after the click. For measurements: finding the popup and polling it
   * keep the browser's and the popup's main threads busy while it loads, and slow it down (measured: 20–100 ms).
   */
  quietMs?: number;
}

/** Clicks the extension's toolbar button on the tab showing `tab` and returns the popup that opens. */
export async function openToolbarPopup(
  context: BrowserContext,
  extensionId: string,
  tab: Page,
  options: OpenPopupOptions = {},
): Promise<ToolbarPopup> {
  const cdp = await browserSession(context);
  // A click acts on the active tab. DevTools names tabs by their own targets, found here by URL.
  await tab.bringToFront();
  const tabs = (await cdp.send('Target.getTargets', { filter: [{ type: 'tab' }] } as never)).targetInfos as (TargetInfo & {
    embedderData?: { tabActive?: boolean };
  })[];
  const active = tabs.find((t) => t.url === tab.url() && t.embedderData?.tabActive);
  if (!active) throw new Error(`no active tab shows ${tab.url()}`);
  const origin = `chrome-extension://${extensionId}/`;
  const before = new Set((await cdp.send('Target.getTargets')).targetInfos.map((t) => t.targetId));
  await cdp.send('Extensions.triggerAction' as never, { id: extensionId, targetId: active.targetId } as never);
  if (options.quietMs) await new Promise((resolve) => setTimeout(resolve, options.quietMs));
  let targetId: string | undefined;
  for (const until = Date.now() + 10_000; !targetId; ) {
    if (Date.now() > until) throw new Error(`the toolbar popup did not open on ${tab.url()}`);
    targetId = (await cdp.send('Target.getTargets')).targetInfos.find(
      (t) => t.type === 'page' && t.url.startsWith(origin) && !before.has(t.targetId),
    )?.targetId;
  }
  const session = await attachToTarget(cdp, targetId);
  const evaluate = async <T>(expression: string): Promise<T> => {
    const { result, exceptionDetails } = await session.call('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true });
    if (exceptionDetails) throw new Error(`in the popup: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
    return result.value as T;
  };
  return {
    evaluate,
    waitFor: async <T>(expression: string, timeoutMs = 10_000): Promise<T> => {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const value = await evaluate<T>(expression);
        if (value !== null && value !== undefined && value !== false) return value;
        if (Date.now() > until) throw new Error(`timed out waiting in the popup for ${expression}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
    close: async () => {
      await evaluate('window.close()').catch(() => undefined);
      while ((await cdp.send('Target.getTargets')).targetInfos.some((t) => t.targetId === targetId))
        await new Promise((resolve) => setTimeout(resolve, 10));
    },
  };
}
