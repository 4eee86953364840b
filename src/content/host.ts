/**
 * Loaded on demand into a frame that has something to offer or a password field to watch: icons in the login
 * fields (when the frame has matches), the inline menu, the filler for tickets and keyboard commands, the
 * generator's fill, the submit watcher and (top frame) the save prompt.
 */
import type { LoginField } from './find-login-fields';
import type { ToContent } from '../messages';
import { useEntered, type Entered } from './entered-values';
import { createFieldIcons, type FieldIcons } from './field-icons';
import { fillGroup } from './fill-fields';
import { findLoginFields } from './find-login-fields';
import { createInlineMenu, type InlineMenu } from './inline-menu-frame';
import { sendFromContent } from './send';
import { confirmationOf, constraintsOf, fillGenerated, generationTarget } from './generate-into-field';
import { createSavePrompt, type SavePromptFrame } from './save-prompt-frame';
import { watchSubmits } from './submit-watch';

interface HostContext {
  fields(): LoginField[];
  /** The element the user last right-clicked (the context menu's field). */
  clicked(): EventTarget | undefined;
  /** What the user typed into which field (kept since the page loaded). */
  entered: Entered;
  signal: AbortSignal;
}

let ctx: HostContext;
let icons: FieldIcons;
let menu: InlineMenu;
let prompt: SavePromptFrame | undefined;
/** The worker reported matches for this frame (or a command came): show the icons. */
let offering = false;

/** The focused element, looking into open shadow roots. */
function activeField(): HTMLElement | undefined {
  let el = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el instanceof HTMLInputElement ? el : undefined;
}

const offered = (f: LoginField) => f.role !== 'new-password';
const freshFields = () => findLoginFields(document, () => undefined);

const isNewPassword = (el: HTMLElement | undefined) => !!el && ctx.fields().some((f) => f.el === el && f.role === 'new-password');

async function openMenu(anchor: HTMLElement | undefined): Promise<void> {
  // A new-password field's menu offers the generator.
  const session = await sendFromContent(isNewPassword(anchor) ? 'openGeneratorMenu' : 'openInlineMenu', {});
  if (session) menu.open(anchor, session.token);
}

/** Generates into the field the user meant (the menu's, the right-clicked or the focused one) and its confirmation. */
async function generate(nonce: string): Promise<boolean> {
  const field = generationTarget(menu.anchor(), ctx.clicked());
  if (!field) return false;
  const confirm = confirmationOf(field);
  const answer = await sendFromContent('generateForField', { nonce, constraints: constraintsOf(field, confirm) });
  menu.close();
  return answer ? fillGenerated(field, confirm, answer.password) : false;
}

export function startHost(context: HostContext): void {
  ctx = context;
  useEntered(ctx.entered);
  menu = createInlineMenu(ctx.signal);
  icons = createFieldIcons((field) => void openMenu(field), ctx.signal);
  watchSubmits(ctx.signal);
  refresh();
  if (ctx.fields().some(offered)) {
    void sendFromContent('fillOnLoad', {}).then((values) => values && fillGroup(freshFields(), values));
  }
}

/** Re-places icons after the detector's latest scan; `offer` when the worker reported matches. */
export function refresh(offer?: boolean): void {
  offering ||= offer === true;
  icons.update(offering ? ctx.fields().filter(offered).map((f) => f.el) : []);
}

/** Handles a message from the worker; the reply tells the worker whether something was filled. */
export async function handle(message: ToContent): Promise<boolean> {
  if (message.t === 'close-menu') {
    menu.close();
    return true;
  }
  if (message.t === 'gen') return generate(message.nonce);
  if (message.t === 'save-prompt') {
    if (window !== top) return false;
    (prompt ??= createSavePrompt(ctx.signal)).show(message.token);
    return true;
  }
  if (message.t === 'fill') {
    // The field the menu was opened from is gone (the page swapped it out): no fill rather than some other field.
    const picked = menu.anchor();
    if (picked && !picked.isConnected) return false;
    const values = await sendFromContent('claimFill', { ticket: message.ticket });
    if (!values) return false; // refused: the menu stays open and says so
    const anchor = picked ?? activeField();
    menu.close();
    return fillGroup(freshFields(), values, anchor) > 0;
  }
  refresh(true); // the user asked for the menu here: offer the icons too
  const answer = await sendFromContent('commandFrame', { nonce: message.nonce });
  const anchor = activeField() ?? ctx.fields().find(offered)?.el;
  if (answer?.action === 'fill') return fillGroup(freshFields(), answer.values, anchor) > 0;
  if (answer?.action === 'menu') await openMenu(anchor);
  return false;
}
