import { describe, expect, it } from 'vitest';
import { emailFor, splitCode, valueFor } from '../../../src/content/fill-values';

describe('emailFor', () => {
  it('never gives an e-mail field a user name that is not an e-mail address', () => {
    expect(emailFor({ username: 'bob' }, false)).toBeUndefined();
    expect(emailFor({ username: 'bob' }, true)).toBeUndefined();
    expect(emailFor({ username: 'bob@acme' }, false)).toBeUndefined();
  });
  it('gives the login e-mail field the user name when it is an e-mail address, else the entry e-mail', () => {
    expect(emailFor({ username: 'alice@acme.test', email: 'alice@home.test' }, false)).toBe('alice@acme.test');
    expect(emailFor({ username: 'bob', email: 'bob@acme.test' }, false)).toBe('bob@acme.test');
  });
  it('gives an e-mail field beside a user-name field the entry e-mail first', () => {
    expect(emailFor({ username: 'alice@acme.test', email: 'alice@home.test' }, true)).toBe('alice@home.test');
    expect(emailFor({ username: 'alice@acme.test' }, true)).toBe('alice@acme.test');
  });
});

describe('valueFor', () => {
  it('gives each role its value and new-password fields nothing', () => {
    const v = { username: 'bob', email: 'bob@acme.test', password: 'pw', otp: '123456' };
    expect([
      valueFor('username', v, false),
      valueFor('email', v, true),
      valueFor('password', v, false),
      valueFor('otp', v, false),
      valueFor('new-password', v, false),
    ]).toEqual(['bob', 'bob@acme.test', 'pw', '123456', undefined]);
  });
});

describe('splitCode', () => {
  it('gives one character to each one-character box', () => {
    expect(splitCode('314159', [1, 1, 1, 1, 1, 1])).toEqual(['3', '1', '4', '1', '5', '9']);
  });
  it('gives each box as much as it takes, the last box the rest', () => {
    expect(splitCode('314159', [3, 3])).toEqual(['314', '159']);
    expect(splitCode('314159', [1, 1, 1])).toEqual(['3', '1', '4159']);
    expect(splitCode('3141', [1, 1, 1, 1, 1, 1])).toEqual(['3', '1', '4', '1', '', '']);
  });
});
