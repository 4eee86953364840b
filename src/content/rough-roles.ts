/**
 * The detector's cheap first look at a frame's fields: a role for every field that may be a login field, so the
 * worker knows whether this frame has something to offer (and submits to watch). It may say too much, never too
 * little: the on-demand host decides the real roles with `classifyFields` and reports them (`fieldRoles`).
 */
import type { FieldRole } from '../messages';
import type { FieldFacts } from './classify-fields';
import { LOGIN, MAIL, OTP_STRONG, OTP_WEAK, SEARCH, SIGNUP, TEXTUAL, USER } from './field-words';

export function roughRoles(fields: readonly FieldFacts[], context: string): (FieldRole | null)[] {
  // Without a password field, a form that reads like a sign-up or newsletter has nothing for a stored login.
  const quiet = !fields.some((f) => f.type === 'password') && SIGNUP.test(context) && !LOGIN.test(context);
  return fields.map((f) =>
    f.type === 'password'
      ? /new-password/.test(f.auto)
        ? 'new-password'
        : 'password'
      : quiet || !TEXTUAL.test(f.type) || SEARCH.test(f.hints)
        ? null
        : /one-time-code/.test(f.auto) || f.max === 1 || OTP_STRONG.test(f.hints) || OTP_WEAK.test(f.hints)
          ? 'otp'
          : /username|email/.test(f.auto) || f.type === 'email' || USER.test(f.hints) || MAIL.test(f.hints)
            ? 'username'
            : null,
  );
}
