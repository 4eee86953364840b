/**
 * Injected into every page and frame: finds login fields and tells the worker "a login form is in this frame"
 * (roles only). The filler and in-page UI (`host.ts`) load only when the worker has matches for this frame or
 * a keyboard command reaches it. It also keeps what the user types into which field from the start, for the
 * host's submit watch (a value a page script put there is never reported). Sandboxed frames are left alone.
 */
import type { ToContent } from '../messages';
import { watchEntered } from './entered-values';
import { findLoginFields, type LoginField } from './find-login-fields';
import { sendFromContent } from './send';
import { watchDom } from './watch-dom';

type Host = typeof import('./host');

function sandboxed(): boolean {
  try {
    return origin === 'null' || !!frameElement?.hasAttribute('sandbox');
  } catch {
    return false;
  }
}

/** The innermost frame that has focus: a shortcut is meant for it. */
const focused = () => document.hasFocus() && !(document.activeElement instanceof HTMLIFrameElement);

function start(): void {
  const abort = new AbortController();
  let fields: LoginField[] = [];
  let reported = '';
  let upgradeChecks = 0;
  let loading: Promise<Host> | undefined;
  let clicked: EventTarget | undefined;
  addEventListener('contextmenu', (e) => (clicked = e.composedPath()[0]), { capture: true, signal: abort.signal });
  const entered = watchEntered(abort.signal);
  const host = () =>
    (loading ??= import('./host').then((h) => {
      h.startHost({ fields: () => fields, clicked: () => clicked, entered, signal: abort.signal });
      return h;
    }));

  const scan = () => {
    if (!chrome.runtime?.id) return abort.abort(); // the extension was reloaded under this page
    fields = findLoginFields(document, (root) => watch.observe(root));
    // A custom element upgraded later gets its shadow root without any DOM mutation we could observe.
    if (!fields.length && upgradeChecks < 20 && document.querySelector(':not(:defined)')) {
      upgradeChecks++;
      setTimeout(watch.poke, 500);
    }
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

if (!sandboxed()) start();
