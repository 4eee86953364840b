import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/errors';
import { generatePassword, MAX_GENERATED_LENGTH, type GeneratorOptions } from '../../../src/vault/generator';
import { parsePasswordRules } from '../../../src/vault/password-rules';
import { WORD_LIST } from '../../../src/vault/word-list';

const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DIGITS = '0123456789';
const ALNUM = LOWER + UPPER + DIGITS;
const base: GeneratorOptions = { length: 20, lower: true, upper: true, digits: true, symbols: true, avoidAmbiguous: false };
const has = (value: string, set: string) => [...value].some((c) => set.includes(c));

/** Pearson's chi-square statistic of observed counts against a uniform distribution. */
function chiSquare(counts: number[]): number {
  const total = counts.reduce((a, b) => a + b, 0);
  const expected = total / counts.length;
  return counts.reduce((sum, c) => sum + (c - expected) ** 2 / expected, 0);
}

/**
 * Critical values at p = 1e-6 (Wilson–Hilferty): a correct generator fails this about once in a million runs.
 * df 61 (62 characters): 128.9. df 1666 (the word list): 1955.0.
 */
const CRITICAL_DF61 = 128.9;
const CRITICAL_DF1666 = 1955;

function charCounts(passwords: string[], alphabet: string): number[] {
  const counts = new Array<number>(alphabet.length).fill(0);
  for (const p of passwords) for (const c of p) counts[alphabet.indexOf(c)]++;
  return counts;
}

describe('generatePassword: distribution', () => {
  it('draws every character equally often (chi-square over 200,000 characters)', () => {
    const options = { ...base, symbols: false, length: 50 };
    const passwords = Array.from({ length: 4000 }, () => generatePassword(options));
    const counts = charCounts(passwords, ALNUM);
    expect(counts.every((c) => c > 0)).toBe(true);
    expect(chiSquare(counts)).toBeLessThan(CRITICAL_DF61);
  });

  it('uses a threshold that catches the classic biased "byte % n" draw', () => {
    // The same test applied to a sampler with modulo bias (what `crypto.getRandomValues(bytes)[i] % 62` gives):
    // the first 256 % 62 = 8 characters come up 25 % more often and the statistic lands near 1,300.
    const bytes = new Uint8Array(200_000);
    for (let i = 0; i < bytes.length; i += 65_536) crypto.getRandomValues(bytes.subarray(i, i + 65_536));
    const biased = [Array.from(bytes, (b) => ALNUM[b % 62]).join('')];
    expect(chiSquare(charCounts(biased, ALNUM))).toBeGreaterThan(CRITICAL_DF61);
  });

  it('draws passphrase words equally often (chi-square over 150,000 words)', () => {
    const index = new Map(WORD_LIST.map((w, i) => [w, i]));
    const counts = new Array<number>(WORD_LIST.length).fill(0);
    for (let i = 0; i < 15_000; i++) {
      for (const word of generatePassword({ ...base, upper: false, digits: false, mode: 'passphrase', words: 10, separator: ' ' }).split(
        ' ',
      )) {
        counts[index.get(word)!]++;
      }
    }
    expect(counts.reduce((a, b) => a + b)).toBe(150_000);
    expect(chiSquare(counts)).toBeLessThan(CRITICAL_DF1666);
  });

  it('puts no class in a fixed position (the first character follows the class sizes)', () => {
    // Uniform over valid passwords: the first character is a digit about 10/62 of the time, not 1/3 or 0.
    const firsts = Array.from({ length: 3000 }, () => generatePassword({ ...base, symbols: false, length: 12 })[0]);
    const digitShare = firsts.filter((c) => DIGITS.includes(c)).length / firsts.length;
    expect(digitShare).toBeGreaterThan(0.12);
    expect(digitShare).toBeLessThan(0.2);
  });

  it('uses the injected random source (same bytes, same password)', () => {
    const fixed = (seed: number) => (bytes: Uint8Array) => {
      let x = seed;
      for (let i = 0; i < bytes.length; i++) bytes[i] = x = ((x * 75 + 74) % 65_537) % 256;
    };
    expect(generatePassword(base, fixed(3))).toBe(generatePassword(base, fixed(3)));
    expect(generatePassword(base, fixed(3))).not.toBe(generatePassword(base, fixed(4)));
  });
});

describe('generatePassword: settings', () => {
  it('contains every requested class, even in short passwords', () => {
    for (let i = 0; i < 2000; i++) {
      const value = generatePassword({ ...base, length: 4 });
      expect(value).toHaveLength(4);
      expect(has(value, LOWER) && has(value, UPPER) && has(value, DIGITS) && /[^A-Za-z0-9]/.test(value)).toBe(true);
    }
  });

  it('uses only the enabled classes', () => {
    for (let i = 0; i < 200; i++) expect(generatePassword({ ...base, upper: false, symbols: false })).toMatch(/^[a-z0-9]{20}$/);
    for (let i = 0; i < 200; i++) expect(generatePassword({ ...base, lower: false, upper: false, symbols: false })).toMatch(/^[0-9]{20}$/);
  });

  it('leaves out look-alikes, excluded characters, quotes and angle brackets', () => {
    const all = Array.from({ length: 500 }, () => generatePassword({ ...base, avoidAmbiguous: true, exclude: '#' })).join('');
    expect(all).not.toMatch(/[Il1O0o|#<>"'`\\ ]/);
  });

  it('refuses settings without any class', () => {
    expect(() => generatePassword({ ...base, lower: false, upper: false, digits: false, symbols: false })).toThrow(AppError);
  });

  it('keeps within the field: minlength raises, maxlength lowers, maxlength wins a contradiction', () => {
    expect(generatePassword({ ...base, length: 8, minLength: 14 })).toHaveLength(14);
    expect(generatePassword({ ...base, length: 30, maxLength: 12 })).toHaveLength(12);
    expect(generatePassword({ ...base, length: 30, minLength: 20, maxLength: 10 })).toHaveLength(10);
    expect(generatePassword({ ...base, length: 30, minLength: -1, maxLength: -1 })).toHaveLength(30);
    expect(generatePassword({ ...base, length: 10_000 })).toHaveLength(MAX_GENERATED_LENGTH);
  });

  it('fails clearly when maxlength leaves no room for every required class', () => {
    expect(() => generatePassword({ ...base, maxLength: 3 })).toThrow(/allows 3 characters/);
  });
});

describe('generatePassword: pattern and passwordrules', () => {
  it('matches the field pattern as a whole value', () => {
    for (let i = 0; i < 100; i++) {
      const value = generatePassword({ ...base, symbols: false, length: 8, pattern: '[A-Za-z0-9]*[0-9]{2}' });
      expect(value).toMatch(/^[A-Za-z0-9]{6}[0-9]{2}$/);
    }
  });

  it('fails with a clear error when no candidate can match the pattern', () => {
    const attempt = () => generatePassword({ ...base, pattern: '[0-9]{6}' });
    expect(attempt).toThrow(AppError);
    expect(attempt).toThrow(/pattern/);
  });

  it('ignores an invalid pattern, as browsers do', () => {
    expect(generatePassword({ ...base, pattern: '([a-z' })).toHaveLength(20);
  });

  it('honours the issue example rules in every password', () => {
    const rules =
      `required: lower; required: upper; required: digit; required: [-().&@?'#,/"+]; ` +
      'allowed: ascii-printable; max-consecutive: 2; minlength: 20; maxlength: 24;';
    for (let i = 0; i < 500; i++) {
      const value = generatePassword({ ...base, length: 16, rules });
      expect(value.length).toBeGreaterThanOrEqual(20);
      expect(value.length).toBeLessThanOrEqual(24);
      expect(has(value, LOWER) && has(value, UPPER) && has(value, DIGITS) && has(value, `-().&@?'#,/"+`)).toBe(true);
      expect(value).not.toMatch(/(.)\1\1/);
    }
  });

  it('limits the pool to what the site allows, but still requires what the site requires', () => {
    const rules = parsePasswordRules('allowed: digit, lower; required: [!]');
    for (let i = 0; i < 300; i++) {
      const value = generatePassword({ ...base, rules });
      expect(value).toMatch(/^[a-z0-9!]{20}$/);
      expect(value).toContain('!');
      expect(has(value, LOWER) && has(value, DIGITS)).toBe(true); // the user's classes that fit the site
    }
  });

  it('meets many single-character requirements in a tiny password', () => {
    const rules = 'required: [!]; required: [%]; required: [#]; required: [*]; allowed: lower; maxlength: 5';
    for (let i = 0; i < 20; i++) {
      const value = generatePassword({ ...base, rules });
      expect(value).toHaveLength(5);
      for (const c of '!%#*') expect(value).toContain(c);
    }
  });

  it('keeps a site-required class made only of look-alikes', () => {
    const value = generatePassword({ ...base, avoidAmbiguous: true, rules: 'required: [0]; allowed: lower' });
    expect(value).toContain('0');
  });
});

describe('generatePassword: passphrase', () => {
  it('joins the requested number of list words with the separator', () => {
    const value = generatePassword({ ...base, upper: false, digits: false, mode: 'passphrase', words: 6, separator: '.' });
    const words = value.split('.');
    expect(words).toHaveLength(6);
    for (const w of words) expect(WORD_LIST).toContain(w);
  });

  it('capitalises words and adds one digit when upper and digits are on', () => {
    for (let i = 0; i < 100; i++) {
      const value = generatePassword({ ...base, mode: 'passphrase', words: 4 });
      expect(value).toMatch(/^([A-Z][a-z]+[0-9]?-){3}[A-Z][a-z]+[0-9]?$/);
      expect(value.replace(/[^0-9]/g, '')).toHaveLength(1);
    }
  });

  it('falls back to characters when a passphrase cannot fit the field', () => {
    const value = generatePassword({ ...base, mode: 'passphrase', words: 5, maxLength: 10 });
    expect(value).toHaveLength(10);
    expect(has(value, LOWER) && has(value, UPPER) && has(value, DIGITS)).toBe(true);
  });

  it('stays a passphrase when it meets the site rules', () => {
    const value = generatePassword({
      ...base,
      mode: 'passphrase',
      words: 5,
      rules: 'required: upper; required: digit; allowed: lower, [-]',
    });
    expect(value.split('-')).toHaveLength(5);
  });
});

describe('WORD_LIST', () => {
  it('is sorted, unique, lower-case and large enough for 10 bits a word', () => {
    expect(WORD_LIST.length).toBeGreaterThanOrEqual(1024);
    expect(new Set(WORD_LIST).size).toBe(WORD_LIST.length);
    expect([...WORD_LIST].sort()).toEqual(WORD_LIST);
    for (const w of WORD_LIST) expect(w).toMatch(/^[a-z]{3,7}$/);
  });
});
