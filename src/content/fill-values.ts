/** Which value a field of a given role takes, and how a code spreads over boxes. Pure: tested in Node. */
import type { FieldRole, FillValues } from '../messages';

const isEmail = (text: string | undefined): text is string => !!text && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text);

/**
 * What an e-mail field takes: never a user name that is not an e-mail address. Beside a user-name field, the
 * entry's e-mail; where it is the login's only identifier (an "E-mail" login, an e-mail step), the user name when
 * that is an e-mail address (it is the login people saved), else the entry's e-mail.
 */
export function emailFor(values: FillValues, besideUsername: boolean): string | undefined {
  const username = isEmail(values.username) ? values.username : undefined;
  return besideUsername ? (values.email ?? username) : (username ?? values.email);
}

/** The value for a field of `role`; `besideUsername`: its group also has a user-name field. */
export function valueFor(role: FieldRole, values: FillValues, besideUsername: boolean): string | undefined {
  if (role === 'email') return emailFor(values, besideUsername);
  return role === 'username' ? values.username : role === 'password' ? values.password : role === 'otp' ? values.otp : undefined;
}

/** One part of the code per box, as much as each box takes (the last takes the rest). */
export function splitCode(code: string, maxLengths: readonly number[]): string[] {
  let rest = code;
  return maxLengths.map((max, i) => {
    const part = i === maxLengths.length - 1 || max <= 0 ? rest : rest.slice(0, max);
    rest = rest.slice(part.length);
    return part;
  });
}
