/** Finds this frame's login fields, in its document and its open shadow roots, and gives each its role. */
import type { FieldRole } from '../messages';
import type { FieldFacts } from './classify-fields';
import { roughRoles } from './rough-roles';

/** Gives each field of a group a role (or null); `context` is a little text of the group. */
export type Classify = (fields: readonly FieldFacts[], context: string) => (FieldRole | null)[];

/** A field to offer and fill; `group` is its form, or the frame's document for fields outside any form. */
export interface LoginField {
  el: HTMLInputElement;
  role: FieldRole;
  group: HTMLFormElement | Document;
}

/** All inputs in tree order, shadow content at its host's place; reports each open shadow root found. */
function deepInputs(root: Document | ShadowRoot, onShadow: (root: ShadowRoot) => void, out: HTMLInputElement[] = []) {
  for (const el of root.querySelectorAll('*')) {
    if (el instanceof HTMLInputElement) out.push(el);
    const shadow = el.shadowRoot;
    if (shadow) {
      onShadow(shadow);
      deepInputs(shadow, onShadow, out);
    }
  }
  return out;
}

/** Honeypots hide with display, visibility, opacity, a tiny box or a position off the page. */
export function isVisible(el: HTMLElement): boolean {
  if (el.getAttribute('aria-hidden') === 'true') return false;
  const r = el.getBoundingClientRect();
  if (r.width < 8 || r.height < 8 || r.right + scrollX <= 0 || r.bottom + scrollY <= 0) return false;
  return el.checkVisibility ? el.checkVisibility({ opacityProperty: true, visibilityProperty: true }) : true;
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
  const attrs = group instanceof HTMLFormElement ? [group.id, group.className, group.getAttribute('action'), group.getAttribute('aria-label')] : [];
  return [(box?.textContent ?? '').slice(0, 400), ...submits, ...attrs].join(' ').toLowerCase();
}

/**
 * Finds the visible login fields of a frame; `onShadow` sees every open shadow root (to watch it too). The detector
 * takes the rough look; the on-demand host passes `classifyFields` for the real roles.
 */
export function findLoginFields(doc: Document, onShadow: (root: ShadowRoot) => void, classify: Classify = roughRoles): LoginField[] {
  const groups = new Map<HTMLFormElement | Document, HTMLInputElement[]>();
  for (const el of deepInputs(doc, onShadow)) {
    if (el.type === 'hidden' || !isVisible(el)) continue;
    const group = el.form ?? doc;
    groups.get(group)?.push(el) ?? groups.set(group, [el]);
  }
  const found: LoginField[] = [];
  for (const [group, els] of groups) {
    const roles = classify(els.map(facts), context(group, els[0]));
    roles.forEach((role, i) => role && found.push({ el: els[i], role, group }));
  }
  return found;
}
