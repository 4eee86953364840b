/**
 * Notices logins the user submits: a trusted click on a submit button (or on a login-like button of a page that
 * logs in with fetch/XHR), Enter in a field, and a form's `submit` right after either. The values are read at that
 * moment (a page may clear or remove the form right after) and sent to the worker, which decides whether to offer
 * a save. What a page script does on its own (`requestSubmit()`, a dispatched `submit`, a synthetic click, a
 * password it typed into a field) is never reported: the page cannot ask the worker about its guesses.
 */
import type { SubmittedLogin } from '../messages';
import { actedRecently, isEntered, noteAction } from './entered-values';
import { isVisible, type LoginField } from './find-login-fields';
import { loginFields } from './login-fields';
import { sendFromContent } from './send';

/** Button texts of pages that submit without a form submit (fetch/XHR logins, sign-ups, changes). */
const ACTION =
  /log.?in|sign.?(?:in|up|on)|anmeld|einlog|submit|continue|weiter|next|save|speicher|regist|create|join|change|ändern|update/i;
const USERISH = /user|login|benutzer|nutzer|account|konto/i;
const TEXTUAL = /^(?:text|email|tel|)$/;

type Group = HTMLFormElement | Document;

/** The username of a group: its username field, else the text field before the first password that names a user, else the last one. */
function usernameOf(group: Group, fields: LoginField[]): string | undefined {
  const known = fields.find((f) => f.role === 'username' && f.el.value.trim());
  if (known) return known.el.value.trim();
  const before: HTMLInputElement[] = [];
  for (const el of group.querySelectorAll('input')) {
    if (el.type === 'password') break;
    if (TEXTUAL.test(el.type) && el.value.trim() && isVisible(el) && (el.form ?? document) === group) before.push(el);
  }
  const pick = before.find((el) => USERISH.test(`${el.name} ${el.id} ${el.autocomplete}`)) ?? before.at(-1);
  return pick?.value.trim();
}

/** The login of the group around `from` (or of the first group with a filled password). */
function readLogin(from: Element | undefined): SubmittedLogin | undefined {
  const all = loginFields();
  const form = from instanceof HTMLInputElement || from instanceof HTMLButtonElement ? from.form : from?.closest('form');
  // A password counts only as the user typed it or we filled it.
  const filled = (f: LoginField) => (f.role === 'password' || f.role === 'new-password') && f.el.value !== '' && isEntered(f.el);
  const group = (form && all.some((f) => f.group === form && filled(f)) ? form : undefined) ?? all.find(filled)?.group;
  if (!group) return undefined;
  const fields = all.filter((f) => f.group === group);
  const login: SubmittedLogin = {};
  const password = fields.find((f) => f.role === 'password' && filled(f))?.el.value;
  const newPassword = fields.find((f) => f.role === 'new-password' && filled(f))?.el.value;
  if (password) login.password = password.slice(0, 4096);
  if (newPassword) login.newPassword = newPassword.slice(0, 4096);
  const username = usernameOf(group, fields);
  if (username) login.username = username.slice(0, 512);
  return login;
}

function submitter(target: Element | null): Element | undefined {
  const el = target?.closest('button, input[type=submit], input[type=image], input[type=button], [role=button]');
  if (!el) return undefined;
  if (el instanceof HTMLInputElement && (el.type === 'submit' || el.type === 'image')) return el;
  if (el instanceof HTMLButtonElement && el.type === 'submit' && el.form) return el;
  const text = `${el.textContent ?? ''} ${el instanceof HTMLInputElement ? el.value : ''} ${el.getAttribute('aria-label') ?? ''}`;
  return ACTION.test(text.slice(0, 200)) ? el : undefined;
}

export function watchSubmits(signal: AbortSignal): void {
  let last = '';
  let lastAt = 0;
  const report = (from: Element | undefined) => {
    const login = readLogin(from);
    if (!login || (!login.password && !login.newPassword)) return;
    const key = JSON.stringify(login);
    // A click on a submit button is followed by the form's submit event: report the values once.
    if (key === last && Date.now() - lastAt < 3000) return;
    last = key;
    lastAt = Date.now();
    void sendFromContent('loginSubmitted', login);
  };
  const path0 = (e: Event) => (e.composedPath()[0] instanceof Element ? (e.composedPath()[0] as Element) : undefined);
  const options = { capture: true, signal };
  // A submit a script causes is trusted too (`requestSubmit()`): it counts only right after the user's click or Enter.
  addEventListener('submit', (e) => actedRecently() && report(path0(e)), options);
  addEventListener(
    'click',
    (e) => {
      if (!e.isTrusted) return;
      noteAction();
      const el = submitter(path0(e) ?? null);
      if (el) report(el);
    },
    options,
  );
  addEventListener(
    'keydown',
    (e) => {
      const el = path0(e);
      if (!e.isTrusted || e.key !== 'Enter') return;
      noteAction();
      if (el instanceof HTMLInputElement) report(el);
    },
    options,
  );
}
