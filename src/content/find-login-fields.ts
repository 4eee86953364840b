/** Finds this frame's login fields, in its document and its shadow roots (closed ones too), and gives each its role. */
import type { FieldRole } from '../messages';
import type { FieldFacts } from './classify-fields';
import { roughRoles } from './rough-roles';
import { shadowRootOf } from './shadow-root-of';

/** Gives each field of a group a role (or null); `context` is a little text of the group. */
export type Classify = (fields: readonly FieldFacts[], context: string) => (FieldRole | null)[];

/** A field to offer and fill; `group` is its form, or the frame's document for fields outside any form. */
export interface LoginField {
  el: HTMLInputElement;
  role: FieldRole;
  group: HTMLFormElement | Document;
}

const WORDS = ['user', 'log', 'mail', 'pass', 'ident', 'otp', 'code', 'benutz'];
/** Fields whose own type, name, id or autocomplete look like a login's: a cheap look, one native query per page. */
export const LOGINISH = `input:is([type=password],[type=email],${WORDS.map((w) => `[name*=${w} i],[id*=${w} i],[autocomplete*=${w}]`)})`;

/**
 * Walks `root` (a document, a shadow root or an element with its subtree) in tree order, shadow content at its
 * host's place: collects the inputs into `out`, reports each shadow root to `onShadow`, and each custom element
 * without a shadow root (not upgraded yet, perhaps) to `onBare`. Stops after `limit` elements of `root`'s own tree.
 */
export function walk(
  root: Node,
  onShadow: (root: ShadowRoot) => void,
  out: HTMLInputElement[] = [],
  onBare?: (el: Element) => void,
  limit = Infinity,
) {
  const walker = document.createTreeWalker(root, 1 /* elements */);
  for (
    let el = (root instanceof Element ? root : walker.nextNode()) as Element | null;
    el && limit--;
    el = walker.nextNode() as Element | null
  ) {
    if (el instanceof HTMLInputElement) out.push(el);
    const shadow = shadowRootOf(el);
    if (shadow) {
      onShadow(shadow);
      walk(shadow, onShadow, out, onBare);
    } else if (el.localName.includes('-')) onBare?.(el);
  }
  return out;
}

/** The parent in the rendered (flat) tree: the slot a child is shown in, or the host of a shadow root. */
const flatParent = (n: Element): Element | null => n.assignedSlot ?? n.parentElement ?? (n.parentNode as ShadowRoot | null)?.host ?? null;

/**
 * A field hidden only by transparency is still seen when a visible label rests over it: Material text fields keep
 * their input transparent under the resting label (which lets clicks through to it) until it has a value or focus.
 * A transparent honeypot has no visible text on it.
 */
function labelledOver(el: HTMLInputElement, r: DOMRect): boolean {
  // The label is beside the transparent part, in the first visible box around it: a few elements, not the page.
  let box = flatParent(el);
  while (box && !box.checkVisibility({ opacityProperty: true })) box = flatParent(box);
  let looked = 0;
  for (const other of box?.querySelectorAll<HTMLElement>('*') ?? []) {
    if (looked++ > 50) break;
    const o = other.getBoundingClientRect();
    if (other.textContent?.trim() && isVisible(other) && o.left >= r.left && o.right <= r.right && o.top >= r.top && o.bottom <= r.bottom)
      return true;
  }
  return false;
}

/** Honeypots hide with display, visibility, opacity, a tiny box or a position off the page. */
export function isVisible(el: HTMLElement): boolean {
  if (el.getAttribute('aria-hidden') === 'true') return false;
  const r = el.getBoundingClientRect();
  if (r.width < 8 || r.height < 8 || r.right + scrollX <= 0 || r.bottom + scrollY <= 0) return false;
  // checkVisibility: Chromium 105, Firefox 106 (the manifest asks for 120 and 142).
  if (el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) return true;
  return el instanceof HTMLInputElement && el.checkVisibility({ visibilityProperty: true }) && labelledOver(el, r);
}

const text = (node: Element | null | undefined) => (node?.textContent ?? '').slice(0, 80);

function facts(el: HTMLInputElement): FieldFacts {
  const labelled = el.getAttribute('aria-labelledby');
  const labels = [...(el.labels ?? [])].map(text).join(' ');
  const before = el.previousElementSibling;
  const hints = [
    el.name,
    el.id,
    el.placeholder,
    el.title,
    el.getAttribute('aria-label'),
    labelled && text((el.getRootNode() as Document | ShadowRoot).getElementById?.(labelled)),
    labels || (before && !(before instanceof HTMLInputElement) ? text(before) : ''),
  ];
  return {
    type: el.type,
    auto: (el.getAttribute('autocomplete') ?? '').toLowerCase(),
    hints: hints.join(' ').toLowerCase(),
    max: el.maxLength,
    mode: el.inputMode,
  };
}

/** A little text around a group: its buttons and headings tell a login step from a newsletter box. */
function context(group: HTMLFormElement | Document, first: HTMLInputElement): string {
  let box: Element | null = group instanceof HTMLFormElement ? group : first;
  for (let i = 0; i < 3 && box && !(group instanceof HTMLFormElement); i++) box = box.parentElement;
  const submits = [...(box?.querySelectorAll<HTMLInputElement>('input[type=submit],input[type=button]') ?? [])].map((b) => b.value);
  const attrs =
    group instanceof HTMLFormElement ? [group.id, group.className, group.getAttribute('action'), group.getAttribute('aria-label')] : [];
  return [(box?.textContent ?? '').slice(0, 400), ...submits, ...attrs].join(' ').toLowerCase();
}

/**
 * The login fields among `inputs` (a frame's inputs in tree order). The detector takes the rough look; the
 * on-demand host passes `classifyFields` for the real roles.
 */
export function loginFieldsOf(inputs: HTMLInputElement[], doc: Document, classify: Classify = roughRoles): LoginField[] {
  const groups = new Map<HTMLFormElement | Document, HTMLInputElement[]>();
  for (const el of inputs) {
    if (el.type === 'hidden') continue;
    const group = el.form ?? doc;
    groups.get(group)?.push(el) ?? groups.set(group, [el]);
  }
  const found: LoginField[] = [];
  for (const [group, all] of groups) {
    // A frame with hundreds of inputs (a grid, a spreadsheet): only forms that look like logins get a closer look.
    if (inputs.length > 200 && !all.some((el) => el.matches(LOGINISH))) continue;
    const els = all.filter(isVisible);
    if (!els.length) continue;
    const roles = classify(els.map(facts), context(group, els[0]));
    roles.forEach((role, i) => role && found.push({ el: els[i], role, group }));
  }
  return found;
}

/** Finds the visible login fields of a frame; `onShadow` sees every shadow root (to watch it too). */
export function findLoginFields(doc: Document, onShadow: (root: ShadowRoot) => void, classify: Classify = roughRoles): LoginField[] {
  return loginFieldsOf(walk(doc, onShadow), doc, classify);
}
