import { describe, expect, it } from 'vitest';
import { parsePasswordRules } from '../../../src/vault/password-rules';

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const DIGIT = '0123456789';
const sorted = (s: string) => [...new Set(s)].sort().join('');

describe('parsePasswordRules', () => {
  it('reads the example from the issue: required classes, a custom class, limits', () => {
    const rules = parsePasswordRules(
      `required: lower; required: upper; required: digit; required: [-().&@?'#,/"+]; ` +
        'allowed: ascii-printable; max-consecutive: 2; minlength: 20; maxlength: 24;',
    );
    expect(rules.required).toEqual([LOWER, UPPER, DIGIT, sorted(`-().&@?'#,/"+`)]);
    expect(rules.minLength).toBe(20);
    expect(rules.maxLength).toBe(24);
    expect(rules.maxConsecutive).toBe(2);
    expect(rules.allowed).toHaveLength(94); // every printable ASCII character except the space
    expect(rules.allowed).not.toContain(' ');
  });

  it('makes one requirement of a comma list and adds required sets to the allowed ones', () => {
    const rules = parsePasswordRules('required: upper, digit; allowed: lower');
    expect(rules.required).toEqual([sorted(UPPER + DIGIT)]);
    expect(rules.allowed).toBe(sorted(UPPER + DIGIT + LOWER));
  });

  it('combines repeated limits strictly: the largest minlength, the smallest maxlength and max-consecutive', () => {
    const rules = parsePasswordRules('minlength: 8; minlength: 12; maxlength: 40; maxlength: 30; max-consecutive: 3; max-consecutive: 2');
    expect(rules).toMatchObject({ minLength: 12, maxLength: 30, maxConsecutive: 2 });
  });

  it('is case-insensitive in names and tolerant of missing semicolons and spaces', () => {
    const rules = parsePasswordRules('  MinLength:10;REQUIRED:Digit  ;  allowed : lower');
    expect(rules.minLength).toBe(10);
    expect(rules.required).toEqual([DIGIT]);
    expect(rules.allowed).toBe(sorted(DIGIT + LOWER));
  });

  it('reads custom classes like Apple: "-" only first, "]]" for a literal "]", non-ASCII dropped', () => {
    expect(parsePasswordRules('required: [-a-b]').required).toEqual([sorted('-ab')]);
    expect(parsePasswordRules('required: [ab]]').required).toEqual([sorted('ab]')]);
    expect(parsePasswordRules('required: [;,é]; minlength: 9').required).toEqual([sorted(';,')]);
    expect(parsePasswordRules('required: [;,é]; minlength: 9').minLength).toBe(9);
  });

  it('ignores unknown rules, unknown classes, bad numbers and junk without throwing', () => {
    const rules = parsePasswordRules(
      'foo: bar; required: sparkles, digit; minlength: -3; maxlength: 1e9; max-consecutive: two; ;;; !!!; allowed: [abc',
    );
    expect(rules.required).toEqual([DIGIT]);
    expect(rules.minLength).toBeUndefined();
    expect(rules.maxLength).toBeUndefined();
    expect(rules.maxConsecutive).toBeUndefined();
    expect(rules.allowed).toBe(DIGIT); // the unclosed class is dropped
  });

  it('gives empty rules for nothing, empty text and non-strings', () => {
    expect(parsePasswordRules(undefined)).toEqual({ required: [] });
    expect(parsePasswordRules('')).toEqual({ required: [] });
    expect(parsePasswordRules(42 as unknown as string)).toEqual({ required: [] });
    expect(parsePasswordRules('minlength: 12')).toEqual({ required: [], minLength: 12 });
  });

  it('survives random input', () => {
    const alphabet = 'requiredallowedminlengthmax-consecutive:;,[]- upperlowerdigitspecial0123456789"\'\\';
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 500; i++) {
      const text = Array.from({ length: Math.floor(next() * 80) }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
      const rules = parsePasswordRules(text);
      expect(Array.isArray(rules.required)).toBe(true);
      for (const set of [...rules.required, rules.allowed ?? '']) expect(set).toMatch(/^[!-~]*$/);
    }
  });
});
