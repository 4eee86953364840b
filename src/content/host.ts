/**
 * Loaded on demand into a frame that has something to offer or a password field to watch: the real classification
 * of the frame's fields (reported to the worker, which serves fills by it), icons in the login fields (when the
 * frame has matches), the inline menu, the filler for tickets and keyboard commands, the generator's fill, the
 * submit watcher and (top frame) the save prompt.
 */
import type { LoginField } from './find-login-fields';
import type { ToContent } from '../messages';
import { useEntered, type Entered } from './entered-values';
import { createFieldIcons, type FieldIcons } from './field-icons';
import { fillGroup } from './fill-fields';
import { loginFields } from './login-fields';
import { createInlineMenu, type InlineMenu } from './inline-menu-frame';
import { sendFromContent } from './send';
import { confirmationOf, constraintsOf, fillGenerated, generationTarget } from './generate-into-field';
import { createSavePrompt, type SavePromptFrame } from './save-prompt-frame';
import { shadowRootOf } from './shadow-root-of';
import { watchSubmits } from './submit-watch';

interface HostContext {
  /** The detector's latest rough look at the fields. */
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
/** The fields with their real roles, and the detector's look they were classified after. */
let fields: LoginField[] = [];
let rough: LoginField[] = [];
/** The roles last reported to the worker (undefined: none yet), and that report. */
let reported: string | undefined;
let reporting: Promise<unknown> = Promise.resolve();

/** The focused element, looking into shadow roots (closed ones too). */
function activeField(): HTMLElement | undefined {
  let el = document.activeElement;
  for (let root; el && (root = shadowRootOf(el))?.activeElement; ) el = root.activeElement;
  return el instanceof HTMLInputElement ? el : undefined;
}

const offered = (f: LoginField) => f.role !== 'new-password';

const isNewPassword = (el: HTMLElement | undefined) => !!el && fields.some((f) => f.el === el && f.role === 'new-password');

/** Classifies the fields again and tells the worker when their roles changed; resolves once the worker knows. */
function reclassify(): Promise<unknown> {
  fields = loginFields();
  const roles = [...new Set(fields.map((f) => f.role))].sort();
  if (String(roles) !== reported) {
    reported = String(roles);
    reporting = sendFromContent('fieldRoles', { roles }).then((r) => r?.matches && refresh(true));
  }
  return reporting;
}

const sameLook = (a: LoginField[], b: LoginField[]) => a.length === b.length && a.every((f, i) => f.el === b[i].el && f.role === b[i].role);

/** What a frame tells its parent about a menu the top frame is to show: the relay nonce, the field's box. */
interface MenuRelay {
  tpmspMenu: string;
  at: [number, number, number, number];
}

async function openMenu(anchor: HTMLElement | undefined): Promise<void> {
  // A new-password field's menu offers the generator.
  const session = await sendFromContent(isNewPassword(anchor) ? 'openGeneratorMenu' : 'openInlineMenu', {});
  if (!session) return;
  if (menu.fits(anchor)) return menu.open(anchor, session.token);
  // A frame too small for the menu (it would be cut, and refuse clicks as covered): the top frame shows it over
  // the field, whose place each frame on the way up adds its own offset to.
  const relay = await sendFromContent('relayMenu', { token: session.token });
  if (!relay) return;
  menu.hold(anchor);
  const r = anchor?.getBoundingClientRect() ?? new DOMRect();
  parent.postMessage({ tpmspMenu: relay.nonce, at: [r.x, r.y, r.width, r.height] } satisfies MenuRelay, '*');
}

/** A child frame's menu relay (see `openMenu`): passed up with this frame's offset, or shown here in the top frame. */
export async function relayMenu(e: MessageEvent): Promise<void> {
  const { tpmspMenu: nonce, at } = e.data as Partial<MenuRelay>;
  const child = [...document.querySelectorAll('iframe, frame')].find((f) => (f as HTMLIFrameElement).contentWindow === e.source);
  if (!child || typeof nonce !== 'string' || !Array.isArray(at) || at.length !== 4 || !at.every(Number.isFinite)) return;
  const box = child.getBoundingClientRect();
  const moved: MenuRelay['at'] = [at[0] + box.x + child.clientLeft, at[1] + box.y + child.clientTop, at[2], at[3]];
  if (window !== top) return parent.postMessage({ tpmspMenu: nonce, at: moved } satisfies MenuRelay, '*');
  const session = await sendFromContent('hostMenu', { nonce });
  if (session) menu.open(new DOMRect(...moved), session.token);
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
  refresh(); // classifies the fields the detector saw, and reports them
  void reporting.then(() => {
    if (fields.some(offered)) return fillOnLoad();
  });
}

/** Fill-on-load, when the user enabled it (the worker decides). */
async function fillOnLoad(): Promise<void> {
  const values = await sendFromContent('fillOnLoad', {});
  if (values) fillGroup(loginFields(), values);
}

/** Re-places icons after the detector's latest scan (classifying again if it saw a change); `offer`: matches. */
export function refresh(offer?: boolean): void {
  offering ||= offer === true;
  if (!sameLook(rough, ctx.fields())) {
    rough = ctx.fields();
    void reclassify();
  }
  icons.update(offering ? fields.filter(offered).map((f) => f.el) : []);
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
    await reclassify();
    const values = await sendFromContent('claimFill', { ticket: message.ticket });
    if (!values) return false; // refused: the menu stays open and says so
    const anchor = picked ?? activeField();
    menu.close();
    return fillGroup(loginFields(), values, anchor) > 0;
  }
  refresh(true); // the user asked for the menu here: offer the icons too
  await reclassify();
  const answer = await sendFromContent('commandFrame', { nonce: message.nonce });
  const anchor = activeField() ?? fields.find(offered)?.el;
  if (answer?.action === 'fill') return fillGroup(loginFields(), answer.values, anchor) > 0;
  if (answer?.action === 'menu') await openMenu(anchor);
  return false;
}
