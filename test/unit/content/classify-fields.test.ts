import { describe, expect, it } from 'vitest';
import { classifyFields, type FieldFacts } from '../../../src/content/classify-fields';

const f = (type: string, hints = '', auto = ''): FieldFacts => ({ type, hints, auto });

describe('classifyFields', () => {
  it('finds user name and password in a classic form', () => {
    expect(classifyFields([f('text', 'username'), f('password', 'password')], 'sign in')).toEqual(['username', 'password']);
  });
  it('takes the text field before the password as user name even without hints', () => {
    expect(classifyFields([f('text', 'f1'), f('password', '')], '')).toEqual(['username', 'password']);
  });
  it('accepts a lone user field on a login step and refuses a newsletter box', () => {
    expect(classifyFields([f('email', 'email')], 'sign in next')).toEqual(['username']);
    expect(classifyFields([f('email', 'your e-mail')], 'our newsletter subscribe')).toEqual([null]);
    expect(classifyFields([f('text', 'a1', 'username')], '')).toEqual(['username']);
  });
  it('refuses search boxes', () => {
    expect(classifyFields([f('search', 'q')], 'search')).toEqual([null]);
    expect(classifyFields([f('text', 'query filter results')], '')).toEqual([null]);
  });
  it('marks sign-up and change-password forms as new passwords, keeping the current one', () => {
    expect(classifyFields([f('text', 'username'), f('email', 'email'), f('password', 'password'), f('password', 'password2')], 'sign up')).toEqual([
      null,
      null,
      'new-password',
      'new-password',
    ]);
    expect(classifyFields([f('password', 'current password'), f('password', 'new password'), f('password', 'repeat new password')], 'change')).toEqual([
      'password',
      'new-password',
      'new-password',
    ]);
    expect(classifyFields([f('password', 'x', 'new-password')], '')).toEqual(['new-password']);
  });
  it('recognises one-time-code fields', () => {
    expect(classifyFields([f('text', 'otp', 'one-time-code')], 'verify')).toEqual(['otp']);
    expect(classifyFields([f('text', 'verification code')], '')).toEqual(['otp']);
  });
});
