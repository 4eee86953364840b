/**
 * Decides the role of each field of one form (or of the formless fields of a frame) from plain facts about the
 * fields, so the rules test in Node without a DOM. Runs in the on-demand host (the every-page detector only takes
 * a rough look, `roughRoles`). Leaves alone search boxes, newsletter and sign-up fields, fields for a new or
 * repeated e-mail or user name, codes that are not one-time codes (postal, promo, area, card codes), codes typed
 * into password fields, and new-password fields (the generator's business, not the filler's).
 */
import type { FieldRole } from '../messages';
import { LOGIN, MAIL, OTP_STRONG, OTP_WEAK, SEARCH, SIGNUP, TEXTUAL, USER } from './field-words';

/** What the classifier knows of one visible, enabled field. All strings lower-case. */
export interface FieldFacts {
  /** `input.type`: text, email, tel, password, number, search… */
  type: string;
  /** The `autocomplete` attribute's tokens. */
  auto: string;
  /** name, id, label text, placeholder, aria-label, title: joined. */
  hints: string;
  /** `maxLength`; -1 when the field has none. */
  max: number;
  /** `inputMode`: numeric, text… ('' when not set). */
  mode: string;
}

/** Codes that are not one-time codes, named in a field's hints or autocomplete tokens. */
const NOT_OTP = new RegExp(
  'post|zip|plz|promo|coupon|voucher|gift|discount|rabatt|gutschein|country|area|dial|vorwahl|l[aä]nd|region|' +
    'cc-|card|karte|cvc|cvv|csc|iban|swift|\\bbic\\b|tax|vat|steuer|captcha|referr|invit',
);
/** A form about a payment card: its "security code" is the card's. */
const CARD = /card|karte|cvc|cvv/;
/** A value being chosen: a new password, e-mail address or user name. */
const NEW = /\bnew|\bneu/;
/** A repetition: of a new value (sign-up, change), or of the current password (re-authentication). */
const CONFIRM = /confirm|repeat|retype|again|verif|wiederhol|bestätig|erneut/;
const CURRENT = /current|old|\balt|bisherig|aktuell|existing/;

/** 'confirm': a password field that repeats something; which thing, the rest of the form tells. */
type Guess = 'otp' | 'password' | 'new-password' | 'confirm' | 'pw?' | 'user' | 'mail' | 'text' | null;

const numericShort = (f: FieldFacts) => f.mode === 'numeric' || f.type === 'tel' || f.type === 'number' || (f.max > 0 && f.max <= 8);

/**
 * A one-time code: words only such a field uses, or words other codes share (code, token, verification) on a short
 * numeric field or in a form about two-factor sign-in, and never a postal, promo, area or card code.
 */
function isOtp(f: FieldFacts, context: string): boolean {
  if (NOT_OTP.test(`${f.hints} ${f.auto}`)) return false;
  if (OTP_STRONG.test(f.hints)) return true;
  return OTP_WEAK.test(f.hints) && (numericShort(f) || OTP_STRONG.test(context)) && !CARD.test(context);
}

function guess(f: FieldFacts, context: string): Guess {
  if (/one-time-code/.test(f.auto)) return 'otp';
  if (f.type === 'password') {
    if (/new-password/.test(f.auto)) return 'new-password';
    if (/current-password/.test(f.auto)) return 'password';
    // A code in a password field (a hardware key types it) is neither the password nor, from a label alone, a TOTP.
    if ((OTP_STRONG.test(f.hints) || OTP_WEAK.test(f.hints)) && !/pass|kennw/.test(f.hints)) return null;
    return NEW.test(f.hints) ? 'new-password' : CONFIRM.test(f.hints) ? 'confirm' : CURRENT.test(f.hints) ? 'password' : 'pw?';
  }
  if (!TEXTUAL.test(f.type) || SEARCH.test(f.hints)) return null;
  if (isOtp(f, context)) return 'otp';
  // A new or repeated e-mail address or user name (a change-of-e-mail form) is not the stored one.
  if (NEW.test(f.hints) || CONFIRM.test(f.hints)) return null;
  // The browser refuses anything but an e-mail address in type=email, whatever its label says.
  if (f.type === 'email') return 'mail';
  if (USER.test(f.hints)) return 'user';
  if (MAIL.test(f.hints) || /\bemail\b/.test(f.auto)) return 'mail';
  if (/\busername\b/.test(f.auto)) return 'user';
  return f.type === 'number' ? null : 'text';
}

/** Four or more one-character boxes in a row, about a code: each takes a part of the code. */
function markCodeBoxes(fields: readonly FieldFacts[], guesses: Guess[], context: string): void {
  for (let i = 0; i < fields.length; ) {
    let end = i;
    while (end < fields.length && fields[end].max === 1 && TEXTUAL.test(fields[end].type)) end++;
    const run = guesses.slice(i, end);
    const aboutCode = run.includes('otp') || ((OTP_STRONG.test(context) || OTP_WEAK.test(context)) && !CARD.test(context));
    if (run.length >= 4 && aboutCode) guesses.fill('otp', i, end);
    i = Math.max(end, i + 1);
  }
}

/**
 * Password fields: explicit tokens and words first; then the shape of the form. An unnamed password field is the
 * current one when it stands alone (outside a sign-up), or when a new password and its confirmation follow it (or
 * one that says "new"); otherwise it is a new password (a sign-up's password and confirmation): when unsure, never
 * the stored password. A "confirm" field repeats a new password when the form has one, else it is the current
 * password asked again (re-authentication).
 */
function passwordRoles(fields: readonly FieldFacts[], guesses: readonly Guess[], roles: (FieldRole | null)[], context: string): void {
  const passwords = guesses.flatMap((g, i) => (g === 'password' || g === 'new-password' || g === 'confirm' || g === 'pw?' ? [i] : []));
  const unknown = passwords.filter((i) => guesses[i] === 'pw?');
  const signup = SIGNUP.test(context) && !LOGIN.test(context);
  unknown.forEach((i, n) => {
    const after = passwords.filter((j) => j > i && guesses[j] !== 'password');
    const current =
      n === 0 &&
      !guesses.includes('password') &&
      (passwords.length === 1 ? !signup : after.length >= 2 || after.some((j) => NEW.test(fields[j].hints)));
    roles[i] = current ? 'password' : 'new-password';
  });
  for (const i of passwords) {
    if (guesses[i] === 'confirm') roles[i] = roles.includes('new-password') ? 'new-password' : 'password';
  }
}

/**
 * Returns one role (or null: leave alone) per field, in order. `context` is a little text of the form (its
 * buttons, heading, id), which tells a login step from a newsletter box and a two-factor step from a checkout.
 */
export function classifyFields(fields: readonly FieldFacts[], context: string): (FieldRole | null)[] {
  const guesses = fields.map((f) => guess(f, context));
  markCodeBoxes(fields, guesses, context);
  const roles: (FieldRole | null)[] = guesses.map((g) => (g === 'otp' || g === 'password' || g === 'new-password' ? g : null));
  passwordRoles(fields, guesses, roles, context);

  const identifier = (i: number): FieldRole => (guesses[i] === 'mail' ? 'email' : 'username');
  const lastBefore = (end: number, ...kinds: Guess[]) => {
    for (let i = end - 1; i >= 0; i--) if (kinds.includes(guesses[i])) return i;
    return -1;
  };
  const firstPassword = roles.indexOf('password');
  if (firstPassword >= 0) {
    // The login's identifier is before the password: a user name, else an e-mail address, else a plain text field.
    const user = lastBefore(firstPassword, 'user');
    const pick = user >= 0 ? user : ([lastBefore(firstPassword, 'mail'), lastBefore(firstPassword, 'text')].find((i) => i >= 0) ?? -1);
    if (pick >= 0) roles[pick] = identifier(pick);
    // An e-mail address asked beside the user name.
    const mail = user >= 0 ? lastBefore(firstPassword, 'mail') : -1;
    if (mail >= 0) roles[mail] = 'email';
  } else if (!roles.includes('new-password')) {
    // A step without a password (user name, e-mail address, then password): its one user name and/or one e-mail
    // field, on a form that reads like a login (or whose field says `autocomplete=username`).
    const ids = guesses.flatMap((g, i) => (g === 'user' || g === 'mail' ? [i] : []));
    const users = ids.filter((i) => guesses[i] === 'user').length;
    const strong = ids.some((i) => /\busername\b/.test(fields[i].auto));
    const step = ids.length > 0 && users <= 1 && ids.length - users <= 1 && !guesses.includes('text');
    if (step && !SIGNUP.test(context) && (strong || LOGIN.test(context))) for (const i of ids) roles[i] = identifier(i);
  }
  return roles;
}
