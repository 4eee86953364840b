/**
 * Injected into every page and frame: finds login fields and tells the worker "a login form is in this frame"
 * (roles only). The filler and in-page UI (`host.ts`) load only when the worker has matches for this frame or
 * a keyboard command reaches it. It also keeps what the user types into which field from the start, for the
 * host's submit watch (a value a page script put there is never reported). Sandboxed frames are left alone, unless
 * they kept the top page's origin.
 */
import type { ToContent } from '../messages';
import { watchEntered } from './entered-values';
import { loginFieldsOf, type LoginField } from './find-login-fields';
import { sendFromContent } from './send';
import { watchDom } from './watch-dom';

type Host = typeof import('./host');

/**
 * A sandbox without allow-same-origin gives the frame an opaque origin: never ours to fill. One that kept its
 * origin and runs scripts is its page's in all but name: filled when it has the top page's origin.
 */
function refused(): unknown {
  try {
    return origin === 'null' || (frameElement?.hasAttribute('sandbox') && top!.location.origin !== origin);
  } catch {
    return true;
  }
}

/** The innermost frame that has focus: a shortcut is meant for it. */
const focused = () => document.hasFocus() && !(document.activeElement instanceof HTMLIFrameElement);

function start(): void {
  const abort = new AbortController();
  let fields: LoginField[] = [];
  let reported = '';
  let loading: Promise<Host> | undefined;
  let clicked: EventTarget | undefined;
  addEventListener('contextmenu', (e) => (clicked = e.composedPath()[0]), { capture: true, signal: abort.signal });
  const entered = watchEntered(abort.signal);
  // A subframe's inline menu on its way to the top frame (too small a frame to show it): see host.ts.
  addEventListener('message', (e) => e.data?.tpmspMenu && host().then((h) => h.relayMenu(e)), { signal: abort.signal });
  const host = () =>
    (loading ??= import('./host').then((h) => {
      h.startHost({ fields: () => fields, clicked: () => clicked, entered, signal: abort.signal });
      return h;
    }));

  const scan = () => {
    if (!chrome.runtime?.id) return abort.abort(); // the extension was reloaded under this page
    fields = loginFieldsOf(watch.inputs(), document);
    const roles = [...new Set(fields.map((f) => f.role))].sort();
    const key = `${roles}|${location.href}`;
    if (roles.length && key !== reported) {
      reported = key;
      void sendFromContent('loginFormDetected', { roles }).then((r) => {
        if (r?.matches || r?.watch) void host().then((h) => h.refresh(r.matches > 0));
      });
    } else if (loading) void loading.then((h) => h.refresh());
  };
  const watch = watchDom(scan, abort.signal);
  scan();

  chrome.runtime.onMessage.addListener((message: ToContent, _sender, reply) => {
    if (abort.signal.aborted || (message.t === 'cmd' && !focused())) return false;
    void host()
      .then((h) => h.handle(message))
      .then(reply, () => reply(false));
    return true;
  });
}

if (!refused()) start();
