/**
 * Loaded on demand into a frame that has something to offer: icons in the login fields, the inline menu,
 * and the filler for tickets and keyboard commands.
 */
import type { LoginField } from './find-login-fields';
import type { ToContent } from '../messages';
import { createFieldIcons, type FieldIcons } from './field-icons';
import { fillGroup } from './fill-fields';
import { findLoginFields } from './find-login-fields';
import { createInlineMenu, type InlineMenu } from './inline-menu-frame';
import { sendFromContent } from './send';

interface HostContext {
  fields(): LoginField[];
  signal: AbortSignal;
}

let ctx: HostContext;
let icons: FieldIcons;
let menu: InlineMenu;

/** The focused element, looking into open shadow roots. */
function activeField(): HTMLElement | undefined {
  let el = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el instanceof HTMLInputElement ? el : undefined;
}

const offered = (f: LoginField) => f.role !== 'new-password';
const freshFields = () => findLoginFields(document, () => undefined);

async function openMenu(anchor: HTMLElement | undefined): Promise<void> {
  const session = await sendFromContent('openInlineMenu', {});
  if (session) menu.open(anchor, session.token);
}

export function startHost(context: HostContext): void {
  ctx = context;
  menu = createInlineMenu(ctx.signal);
  icons = createFieldIcons((field) => void openMenu(field), ctx.signal);
  refresh();
  if (ctx.fields().some(offered)) {
    void sendFromContent('fillOnLoad', {}).then((values) => values && fillGroup(freshFields(), values));
  }
}

/** Re-places icons after the detector's latest scan. */
export function refresh(): void {
  icons.update(ctx.fields().filter(offered).map((f) => f.el));
}

/** Handles a message from the worker; the reply tells the worker whether something was filled. */
export async function handle(message: ToContent): Promise<boolean> {
  if (message.t === 'close-menu') {
    menu.close();
    return true;
  }
  if (message.t === 'fill') {
    const values = await sendFromContent('claimFill', { ticket: message.ticket });
    if (!values) return false; // refused: the menu stays open and says so
    const anchor = menu.anchor() ?? activeField();
    menu.close();
    return fillGroup(freshFields(), values, anchor) > 0;
  }
  const answer = await sendFromContent('commandFrame', { nonce: message.nonce });
  const anchor = activeField() ?? ctx.fields().find(offered)?.el;
  if (answer?.action === 'fill') return fillGroup(freshFields(), answer.values, anchor) > 0;
  if (answer?.action === 'menu') await openMenu(anchor);
  return false;
}
