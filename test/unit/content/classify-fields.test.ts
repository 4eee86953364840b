import { describe, expect, it } from 'vitest';
import { classifyFields, type FieldFacts } from '../../../src/content/classify-fields';
import { roughRoles } from '../../../src/content/rough-roles';
import type { FieldRole } from '../../../src/messages';

const f = (type: string, hints = '', auto = '', max = -1, mode = ''): FieldFacts => ({ type, hints, auto, max, mode });
const box = (n: number, hints = '', auto = '') =>
  Array.from({ length: n }, (_, i) => f('text', hints && `${hints} ${i + 1}`, i === 0 ? auto : '', 1, 'numeric'));

const fillable = (r: FieldRole | null) => r === 'username' || r === 'email' || r === 'password' || r === 'otp';
const passwordish = (r: FieldRole | null) => r === 'password' || r === 'new-password';

/**
 * The host's roles; also checks the detector's rough look says at least as much (the host only loads, and icons
 * only show, where the rough look reported something fillable; submits are watched where it saw a password).
 */
function classify(fields: FieldFacts[], context = ''): (FieldRole | null)[] {
  const roles = classifyFields(fields, context);
  const rough = roughRoles(fields, context);
  if (roles.some(fillable)) expect(rough.some(fillable), 'the rough look misses a fillable form').toBe(true);
  if (roles.some(passwordish)) expect(rough.some(passwordish), 'the rough look misses a password field').toBe(true);
  return roles;
}

describe('classifyFields', () => {
  it('finds user name and password in a classic form', () => {
    expect(classify([f('text', 'username'), f('password', 'password')], 'sign in')).toEqual(['username', 'password']);
  });
  it('takes the text field before the password as user name even without hints', () => {
    expect(classify([f('text', 'f1'), f('password', '')], '')).toEqual(['username', 'password']);
  });
  it('accepts a lone user field on a login step and refuses a newsletter box', () => {
    expect(classify([f('text', 'identifier email or user name')], 'sign in next')).toEqual(['username']);
    expect(classify([f('email', 'your e-mail')], 'our newsletter subscribe')).toEqual([null]);
    expect(classify([f('text', 'a1', 'username')], '')).toEqual(['username']);
  });
  it('refuses search boxes', () => {
    expect(classify([f('search', 'q')], 'search')).toEqual([null]);
    expect(classify([f('text', 'query filter results')], '')).toEqual([null]);
  });
  it('marks sign-up and change-password forms as new passwords, keeping the current one', () => {
    expect(
      classify([f('text', 'username'), f('email', 'email'), f('password', 'password'), f('password', 'password2')], 'sign up'),
    ).toEqual([null, null, 'new-password', 'new-password']);
    expect(
      classify([f('password', 'current password'), f('password', 'new password'), f('password', 'repeat new password')], 'change'),
    ).toEqual(['password', 'new-password', 'new-password']);
    expect(classify([f('password', 'x', 'new-password')], '')).toEqual(['new-password']);
  });
});

describe('classifyFields: a sign-up with a confirmation field (class 1)', () => {
  it('takes an unnamed password followed by a new-password "confirm" field as two new passwords', () => {
    const signup = [
      f('text', 'name full name'),
      f('email', 'email e-mail'),
      f('password', 'password password'),
      f('password', 'confirm confirm password', 'new-password'),
    ];
    expect(classify(signup, 'create your account continue')).toEqual([null, null, 'new-password', 'new-password']);
    // The same step with a login-like button ("Continue") and no heading.
    expect(classify([f('password', 'pw password'), f('password', 'pw2 repeat password', 'new-password')], 'continue')).toEqual([
      'new-password',
      'new-password',
    ]);
    expect(classify([f('password', 'passwort'), f('password', 'passwort bestätigen', 'new-password')], 'weiter')).toEqual([
      'new-password',
      'new-password',
    ]);
  });
  it('keeps an unnamed password current before a field that says "new", or before a new password and its confirmation', () => {
    expect(classify([f('password', 'password'), f('password', 'new password', 'new-password')], 'change')).toEqual([
      'password',
      'new-password',
    ]);
    expect(classify([f('password', 'pw'), f('password', 'x', 'new-password'), f('password', 'y', 'new-password')], '')).toEqual([
      'password',
      'new-password',
      'new-password',
    ]);
  });
  it('never offers the stored password when an unnamed password is followed by one unnamed new-password field', () => {
    expect(classify([f('text', 'username'), f('password', 'password'), f('password', 'password2', 'new-password')], '')).toEqual([
      null,
      'new-password',
      'new-password',
    ]);
  });
  it('takes an unnamed password after a new one as its confirmation', () => {
    expect(classify([f('password', 'a', 'new-password'), f('password', 'b')], '')).toEqual(['new-password', 'new-password']);
  });
});

describe('classifyFields: codes that are not one-time codes (class 2)', () => {
  it('leaves postal, ZIP, promo, coupon, voucher, country, area and card codes alone', () => {
    const address = [
      f('text', 'name'),
      f('text', 'street'),
      f('text', 'postalcode postal code', '', 10),
      f('text', 'city'),
      f('tel', 'country code', '', 4),
    ];
    expect(classify(address, 'shipping address save')).toEqual([null, null, null, null, null]);
    for (const hints of [
      'zip zip code',
      'promo promo code',
      'coupon coupon code',
      'voucher voucher code',
      'gutscheincode',
      'area code',
      'plz postleitzahl',
      'referral code',
      'invite code',
    ]) {
      expect(classify([f('text', hints, '', 6, 'numeric')], 'apply'), hints).toEqual([null]);
    }
    expect(classify([f('text', 'postal', 'postal-code', 5, 'numeric')], '')).toEqual([null]);
    // A card's "security code" in a payment form.
    const card = [
      f('text', 'cardnumber card number', 'cc-number'),
      f('text', 'exp expiry'),
      f('text', 'securitycode security code', '', 4, 'numeric'),
    ];
    expect(classify(card, 'card number expiry security code pay')).toEqual([null, null, null]);
  });
  it('needs more than the word "code" for a one-time code: a short numeric field, or a two-factor form', () => {
    expect(classify([f('text', 'code enter code')], 'sign in continue')).toEqual([null]);
    expect(classify([f('text', 'verification code')], '')).toEqual([null]);
    expect(classify([f('text', 'code verification code', '', 6)], '')).toEqual(['otp']);
    expect(classify([f('text', 'code', '', -1, 'numeric')], 'verify')).toEqual(['otp']);
    expect(classify([f('text', 'code enter the code')], 'two-factor authentication verify')).toEqual(['otp']);
    expect(classify([f('text', 'totp authenticator app code')], '')).toEqual(['otp']);
    expect(classify([f('text', 'otp', 'one-time-code')], 'verify')).toEqual(['otp']);
  });
  it('keeps the login of a form that also asks for a promo code', () => {
    expect(classify([f('email', 'email'), f('password', 'password'), f('text', 'promo code', '', 8)], 'log in')).toEqual([
      'email',
      'password',
      null,
    ]);
  });
});

describe('classifyFields: a code typed into a password field (class 3)', () => {
  it('gives a password-typed "verification code" field neither the password nor a TOTP', () => {
    expect(classify([f('password', 'otp verification code', 'off')], 'security key verify')).toEqual([null]);
    expect(
      classify([f('text', 'username'), f('password', 'password'), f('password', 'yubikey verification code', 'off')], 'sign in'),
    ).toEqual(['username', 'password', null]);
  });
  it('still takes a password-typed field marked one-time-code, and a password named "passcode"', () => {
    expect(classify([f('password', 'code', 'one-time-code')], '')).toEqual(['otp']);
    expect(classify([f('text', 'user'), f('password', 'passcode')], '')).toEqual(['username', 'password']);
  });
});

describe('classifyFields: a new e-mail address or user name (class 4)', () => {
  it('gives nothing to the new and the repeated e-mail of a change-of-e-mail form, and keeps its password', () => {
    const form = [
      f('email', 'newemail new e-mail address'),
      f('email', 'confirmemail confirm new e-mail address'),
      f('password', 'password current password'),
    ];
    expect(classify(form, 'change your e-mail address save')).toEqual([null, null, 'password']);
    expect(classify([f('email', 'current e-mail'), ...form], 'change e-mail')).toEqual(['email', null, null, 'password']);
    expect(classify([f('email', 'neue e-mail-adresse'), f('password', 'passwort')], 'e-mail ändern')).toEqual([null, 'password']);
  });
  it('gives nothing to a new user name', () => {
    expect(classify([f('text', 'new_username new user name'), f('password', 'password')], 'change user name')).toEqual([null, 'password']);
    expect(classify([f('text', 'new user name')], 'continue')).toEqual([null]);
  });
});

describe('classifyFields: e-mail fields (class 5)', () => {
  it('tells an e-mail field from a user-name field', () => {
    expect(classify([f('email', 'em e-mail'), f('password', 'password')], 'log in')).toEqual(['email', 'password']);
    expect(classify([f('text', 'email e-mail address'), f('password', 'password')], 'log in')).toEqual(['email', 'password']);
    expect(classify([f('text', 'login email or user name'), f('password', 'password')], 'log in')).toEqual(['username', 'password']);
    // type=email takes only an e-mail address, whatever its autocomplete token says.
    expect(classify([f('email', 'login', 'username'), f('password', 'password')], '')).toEqual(['email', 'password']);
  });
  it('fills a user name and an e-mail asked side by side', () => {
    expect(classify([f('text', 'username'), f('email', 'email'), f('password', 'password')], 'sign in')).toEqual([
      'username',
      'email',
      'password',
    ]);
    expect(classify([f('email', 'email'), f('text', 'account'), f('password', 'password')], 'sign in')).toEqual([
      'email',
      'username',
      'password',
    ]);
  });
  it('recognises each step of a user name, e-mail, password login', () => {
    expect(classify([f('text', 'username user name')], 'sign in next')).toEqual(['username']);
    expect(classify([f('email', 'email e-mail address')], 'verify it is you continue')).toEqual(['email']);
    expect(classify([f('password', 'password')], 'sign in')).toEqual(['password']);
    expect(classify([f('text', 'username'), f('email', 'email')], 'sign in next')).toEqual(['username', 'email']);
  });
});

describe('classifyFields: re-authentication (class 6)', () => {
  it('takes "enter your password to confirm" as the current password when nothing new is being confirmed', () => {
    expect(classify([f('password', 'password enter your password to confirm')], 'confirm access confirm')).toEqual(['password']);
    expect(classify([f('password', 'passwort bestätigen')], 'bestätigen')).toEqual(['password']);
    expect(classify([f('text', 'username', 'username'), f('password', 'confirm password')], 'confirm')).toEqual(['username', 'password']);
  });
  it('still takes "confirm password" after a new password as its confirmation', () => {
    expect(classify([f('password', 'password'), f('password', 'confirm password')], 'sign up')).toEqual(['new-password', 'new-password']);
    expect(classify([f('password', 'password'), f('password', 'confirm password')], '')).toEqual(['new-password', 'new-password']);
    expect(classify([f('password', 'x', 'new-password'), f('password', 'confirm password')], '')).toEqual(['new-password', 'new-password']);
  });
});

describe('classifyFields: one-character code boxes (class 10)', () => {
  it('takes every box of a code as a code field', () => {
    expect(classify(box(6, 'digit'), 'enter the 6-digit code we sent you verify')).toEqual(Array(6).fill('otp'));
    expect(classify(box(6), 'two-step verification')).toEqual(Array(6).fill('otp'));
    expect(classify(box(6, '', 'one-time-code'), '')).toEqual(Array(6).fill('otp'));
    expect(classify(box(4, 'code digit'), '')).toEqual(Array(4).fill('otp'));
  });
  it('leaves one-character fields alone that are not about a code', () => {
    expect(classify(box(6), 'pick six letters')).toEqual(Array(6).fill(null));
    expect(classify([f('text', 'first name'), f('text', 'initial', '', 1), f('text', 'last name')], 'your name')).toEqual([
      null,
      null,
      null,
    ]);
  });
});
