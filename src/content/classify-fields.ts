/**
 * Decides the role of each field of one form (or of the formless fields of a frame) from plain facts about the
 * fields, so the rules test in Node without a DOM. Refuses search boxes, newsletter and sign-up e-mail fields,
 * and new-password fields (the generator's business, not the filler's).
 */
import type { FieldRole } from '../messages';

/** What the classifier knows of one visible, enabled field. All strings lower-case. */
export interface FieldFacts {
  /** `input.type`: text, email, tel, password, number, search… */
  type: string;
  /** The `autocomplete` attribute's tokens. */
  auto: string;
  /** name, id, label text, placeholder, aria-label, title: joined. */
  hints: string;
}

const TEXTUAL = /^(?:text|email|tel|number|url|)$/;
const SEARCH = /search|query|such|\bq\b|filter/;
const OTP = /one.?time|\botp\b|totp|2fa|mfa|two.?factor|verification|auth.?code|security.?code|\bcode\b|token|tan\b/;
const USER = /user|login|e.?mail|account|benutzer|anmelde|konto|ident|nutzer|\buid\b|member/;
const NEW_PW = /new|confirm|repeat|retype|again|neu|wiederhol|bestätig|erneut/;
const CURRENT_PW = /current|old|\balt|bisherig/;
/** Words that mark a form as a login step (for username-only forms, which could also be a newsletter). */
const LOGIN = /log.?in|sign.?in|anmeld|einlogg|continue|next|weiter/;
const SIGNUP = /sign.?up|regist|create.{0,12}account|join|subscribe|newsletter|abonn|konto erstellen/;

type Guess = FieldRole | 'pw?' | 'user!' | 'user?' | 'text' | null;

function guess(f: FieldFacts): Guess {
  if (/one-time-code/.test(f.auto)) return 'otp';
  if (f.type === 'password') {
    if (/new-password/.test(f.auto)) return 'new-password';
    if (/current-password/.test(f.auto)) return 'password';
    if (OTP.test(f.hints) && !/pass|kennw/.test(f.hints)) return 'otp';
    if (NEW_PW.test(f.hints)) return 'new-password';
    if (CURRENT_PW.test(f.hints)) return 'password';
    return 'pw?';
  }
  if (!TEXTUAL.test(f.type) || SEARCH.test(f.hints)) return null;
  if (OTP.test(f.hints) && !USER.test(f.hints)) return 'otp';
  if (/\busername\b/.test(f.auto)) return 'user!';
  if (f.type === 'email' || /\bemail\b/.test(f.auto) || USER.test(f.hints)) return 'user?';
  return f.type === 'number' ? null : 'text';
}

/**
 * Returns one role (or null: leave alone) per field, in order. `context` is a little text of the form (its
 * buttons, heading, id), which tells a username step from a newsletter box.
 */
export function classifyFields(fields: readonly FieldFacts[], context: string): (FieldRole | null)[] {
  const guesses = fields.map(guess);
  const roles: (FieldRole | null)[] = guesses.map((g) => (g === 'otp' || g === 'password' || g === 'new-password' ? g : null));
  const unknown = guesses.flatMap((g, i) => (g === 'pw?' ? [i] : []));
  const explicitNew = guesses.includes('new-password');
  const signup = SIGNUP.test(context) && !LOGIN.test(context);
  if (unknown.length >= 3) {
    // Current, new, confirm.
    unknown.forEach((i, n) => (roles[i] = n === 0 ? 'password' : 'new-password'));
  } else if (unknown.length === 2 || (unknown.length === 1 && signup)) {
    // Password + confirmation (a sign-up), or new + confirmation beside a known current password.
    for (const i of unknown) roles[i] = 'new-password';
  } else if (unknown.length === 1) {
    // One unnamed password beside a new one: it comes before it (current) or after it (confirmation).
    const firstNew = guesses.indexOf('new-password');
    roles[unknown[0]] = explicitNew && firstNew < unknown[0] ? 'new-password' : 'password';
  }

  const firstPassword = roles.indexOf('password');
  if (firstPassword >= 0) {
    // The username is the last user-like (or else text) field before the password.
    let pick = -1;
    for (let i = firstPassword - 1; i >= 0 && pick < 0; i--) if (guesses[i] === 'user!' || guesses[i] === 'user?') pick = i;
    for (let i = firstPassword - 1; i >= 0 && pick < 0; i--) if (guesses[i] === 'text') pick = i;
    if (pick >= 0) roles[pick] = 'username';
  } else if (!roles.includes('new-password')) {
    // Step 1 of a two-step login: one username field, and a form that reads like a login.
    const users = guesses.flatMap((g, i) => (g === 'user!' || g === 'user?' ? [i] : []));
    const texts = guesses.filter((g) => g === 'text').length;
    if (users.length === 1 && texts === 0) {
      const strong = guesses[users[0]] === 'user!';
      if ((strong && !SIGNUP.test(context)) || (LOGIN.test(context) && !SIGNUP.test(context))) roles[users[0]] = 'username';
    }
  }
  return roles;
}
