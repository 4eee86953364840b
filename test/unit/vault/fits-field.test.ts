import { describe, expect, it } from 'vitest';
import { fitsField } from '../../../src/vault/fits-field';

describe('fitsField', () => {
  it('accepts a password within the length limits and the pattern', () => {
    expect(fitsField('Abcdef1234', { minLength: 8, maxLength: 14, pattern: '[A-Za-z0-9]+' })).toBe(true);
  });

  it('refuses a password longer than maxlength or shorter than minlength', () => {
    expect(fitsField('A'.repeat(15), { maxLength: 14 })).toBe(false);
    expect(fitsField('Abc', { minLength: 8 })).toBe(false);
  });

  it('matches the whole value against the pattern, as the HTML attribute does', () => {
    expect(fitsField('abc123!', { pattern: '[a-z0-9]+' })).toBe(false);
    expect(fitsField('abc123', { pattern: '[a-z]+|[a-z0-9]+' })).toBe(true);
  });

  it('ignores an invalid pattern, as browsers do', () => {
    expect(fitsField('anything', { pattern: '([' })).toBe(true);
  });

  it('applies passwordrules: required classes, allowed characters, lengths and runs', () => {
    const rules = 'minlength: 10; maxlength: 12; required: upper; required: digit; allowed: lower; max-consecutive: 2;';
    expect(fitsField('Abcdefgh12', { rules })).toBe(true);
    expect(fitsField('abcdefgh12', { rules })).toBe(false); // no upper-case letter
    expect(fitsField('Abcdefgh1!', { rules })).toBe(false); // "!" not allowed
    expect(fitsField('Abbbdefg12', { rules })).toBe(false); // three in a row
    expect(fitsField('Abcdefgh1', { rules })).toBe(false); // too short
  });
});
