/**
 * The local password generator: characters or a passphrase, drawn without bias from the CSPRNG and shaped by
 * the user's settings and by what the field accepts (`minlength`, `maxlength`, `pattern`, `passwordrules`).
 */
import { AppError } from '../errors';
import { parsePasswordRules, type PasswordRules } from './password-rules';
import { randomIndexer, type RandomFill } from './random-index';
import { WORD_LIST } from './word-list';

/** The user's generator settings (as in Settings['generator']) plus the field's constraints. */
export interface GeneratorOptions {
  /** `chars` (default) or `passphrase`. */
  mode?: 'chars' | 'passphrase';
  /** Characters in `chars` mode. The field's limits win over it. */
  length: number;
  lower: boolean;
  upper: boolean;
  digits: boolean;
  symbols: boolean;
  /** Leaves out look-alikes (`Il1O0o|`) unless the site requires a class made only of them. */
  avoidAmbiguous: boolean;
  /** Words in `passphrase` mode (default 5, 1–20). */
  words?: number;
  /** Between words (default `-`). */
  separator?: string;
  /** Characters never to use, e.g. `<` for a sysPass target (its editPass strips `<…>`). */
  exclude?: string;
  /** The field's `minlength` (values <= 0 mean none, like `input.minLength` = -1). */
  minLength?: number;
  /** The field's `maxlength` (values <= 0 mean none). */
  maxLength?: number;
  /** The field's `pattern` attribute: a regular expression the whole value must match. Invalid ones are ignored, as browsers do. */
  pattern?: string;
  /** The field's `passwordrules` attribute, raw or parsed. */
  rules?: PasswordRules | string;
}

const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DIGITS = '0123456789';
/**
 * No space, quotes, backslash or backtick (they break copy-paste into shells and config files), and no `<` or `>`:
 * sysPass's editPass strips `<…>` and everything after a lone `<`, which would silently change the saved password.
 * A site's `passwordrules` may still ask for any of them.
 */
const SYMBOLS = '!#$%&()*+,-./:;=?@[]^_{|}~';
const AMBIGUOUS = 'Il1O0o|';

/** Longest password produced, whatever the settings say. */
export const MAX_GENERATED_LENGTH = 256;
/** Candidates tried before giving up: a pattern that can never match must give up quickly. */
const MAX_ATTEMPTS = 10_000;
/** Of those, how many are drawn uniformly before switching to placing one character of each class (see below). */
const UNIFORM_ATTEMPTS = 5_000;

/**
 * Generates a password. Characters come from {@link randomIndexer} (rejection sampling, no modulo bias).
 *
 * Every required class present, without bias: a candidate is drawn uniformly from the whole pool and thrown away
 * unless it has a character of every class, no run longer than `max-consecutive` and matches `pattern`. What is
 * left is uniform over exactly the passwords that satisfy all rules. Placing one character of each class and
 * filling the rest would over-weight passwords with few characters from small classes; it is used only as the
 * fallback after {@link UNIFORM_ATTEMPTS} misses (tiny lengths with many single-character classes), with an
 * unbiased Fisher–Yates shuffle so no class sits in a predictable position.
 *
 * A passphrase that cannot fit the field (too long for `maxlength`, lacking a class `passwordrules` requires,
 * not matching `pattern`) falls back to characters: the user asked for a password this field accepts.
 *
 * @param random fills a byte array with random bytes; `crypto.getRandomValues` unless a test injects one.
 * @throws AppError `bad_request` when no password can satisfy the settings and the field together.
 */
export function generatePassword(options: GeneratorOptions, random?: RandomFill): string {
  const rules = typeof options.rules === 'string' ? parsePasswordRules(options.rules) : (options.rules ?? { required: [] });
  const randomIndex = randomIndexer(random);
  const limits = lengthLimits(options, rules);
  const pattern = compilePattern(options.pattern);
  const checks: Checks = { rules, pattern, exclude: new Set(options.exclude ?? '') };
  if (options.mode === 'passphrase') {
    const phrase = tryPassphrase(options, limits, checks, randomIndex);
    if (phrase !== undefined) return phrase;
  }
  return generateChars(options, limits, checks, randomIndex);
}

interface Limits {
  min: number;
  max: number;
}

interface Checks {
  rules: PasswordRules;
  pattern?: RegExp;
  exclude: Set<string>;
}

function lengthLimits(options: GeneratorOptions, rules: PasswordRules): Limits {
  const fieldMin = options.minLength !== undefined && options.minLength > 0 ? options.minLength : 0;
  const fieldMax = options.maxLength !== undefined && options.maxLength > 0 ? options.maxLength : Infinity;
  const min = Math.max(fieldMin, rules.minLength ?? 0, 1);
  const max = Math.min(fieldMax, rules.maxLength ?? Infinity, MAX_GENERATED_LENGTH);
  // Contradicting limits: `maxlength` wins. A too-short password is refused visibly by the site; a too-long one
  // may be cut silently, and the saved password would then differ from the real one.
  return { min: Math.min(min, max), max };
}

/** The whole value must match, as for the HTML attribute (`v` flag like current browsers, `u` as a fallback). */
function compilePattern(pattern: string | undefined): RegExp | undefined {
  if (pattern === undefined || pattern === '') return undefined;
  for (const flags of ['v', 'u']) {
    try {
      return new RegExp(`^(?:${pattern})$`, flags);
    } catch {
      // Try the next flag; an invalid pattern is ignored, as browsers do.
    }
  }
  return undefined;
}

function generateChars(options: GeneratorOptions, limits: Limits, checks: Checks, randomIndex: (n: number) => number): string {
  const { pool, required } = characterPlan(options, checks, limits.max);
  let length = Math.min(Math.max(Math.trunc(options.length) || 0, limits.min), limits.max);
  if (length < required.length) {
    if (limits.max < required.length) {
      throw new AppError(
        'bad_request',
        `The field allows ${limits.max} characters, too few for the ${required.length} kinds of character required.`,
      );
    }
    length = required.length;
  }
  const poolChars = [...pool];
  const requiredSets = required.map((r) => new Set(r));
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const chars =
      attempt < UNIFORM_ATTEMPTS ? drawUniform(poolChars, length, randomIndex) : drawPlaced(poolChars, required, length, randomIndex);
    if (!requiredSets.every((set) => chars.some((c) => set.has(c)))) continue;
    const value = chars.join('');
    if (passesShared(value, checks)) return value;
  }
  throw new AppError(
    'bad_request',
    checks.pattern
      ? `No generated password matched the field's pattern in ${MAX_ATTEMPTS} attempts. Type one in, or change the generator settings.`
      : `No generated password met the field's rules in ${MAX_ATTEMPTS} attempts.`,
  );
}

/** Checks both modes share: `max-consecutive` and `pattern`. */
function passesShared(value: string, checks: Checks): boolean {
  const max = checks.rules.maxConsecutive;
  if (max !== undefined && longestRun(value) > max) return false;
  return checks.pattern === undefined || checks.pattern.test(value);
}

/**
 * The pool and the classes that must each appear. Without a charset in `passwordrules`, the user's classes.
 * With one, the site's set limits the pool: the user's classes within it (or the site's whole set if none are),
 * plus the site's required sets, which must appear whatever the user chose.
 */
function characterPlan(options: GeneratorOptions, checks: Checks, maxClasses: number): { pool: string; required: string[] } {
  const hard = (s: string) => [...s].filter((c) => !checks.exclude.has(c)).join('');
  const soft = (s: string) => (options.avoidAmbiguous ? [...hard(s)].filter((c) => !AMBIGUOUS.includes(c)).join('') : hard(s));
  const user = [options.lower && LOWER, options.upper && UPPER, options.digits && DIGITS, options.symbols && SYMBOLS]
    .filter((s): s is string => typeof s === 'string')
    .map(soft)
    .filter((s) => s.length > 0);
  const { rules } = checks;
  if (rules.allowed === undefined) {
    if (user.length === 0) throw new AppError('bad_request', 'The generator has no kind of character to use: enable at least one.');
    return { pool: union(user), required: user };
  }
  const siteRequired = rules.required.map((r) => {
    const set = soft(r) || hard(r);
    if (!set) throw new AppError('bad_request', 'The site requires characters the generator was told not to use.');
    return set;
  });
  const site = soft(rules.allowed) || hard(rules.allowed);
  const mine = union(user);
  const base = [...site].filter((c) => mine.includes(c)).join('') || site;
  const pool = union([base, ...siteRequired]);
  if (!pool) throw new AppError('bad_request', 'The site allows no character the generator may use.');
  // The user's classes within the pool are wanted too, unless a site requirement already implies one, and only as
  // far as the length allows (the site's requirements come first: without them the password is refused).
  const userRequired = user
    .map((set) => [...set].filter((c) => pool.includes(c)).join(''))
    .filter((set) => set.length > 0 && !siteRequired.some((r) => [...r].every((c) => set.includes(c))));
  const required = [...new Set(siteRequired)];
  for (const set of userRequired) if (required.length < maxClasses && !required.includes(set)) required.push(set);
  return { pool, required };
}

function drawUniform(pool: string[], length: number, randomIndex: (n: number) => number): string[] {
  return Array.from({ length }, () => pool[randomIndex(pool.length)]);
}

/** One character of each required class, the rest from the pool, then an unbiased Fisher–Yates shuffle. */
function drawPlaced(pool: string[], required: string[], length: number, randomIndex: (n: number) => number): string[] {
  const chars = required.map((set) => set[randomIndex(set.length)]);
  while (chars.length < length) chars.push(pool[randomIndex(pool.length)]);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomIndex(i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars;
}

/**
 * Words drawn uniformly from {@link WORD_LIST}. `upper` capitalises each word and `digits` appends one random
 * digit to one random word, so "lower, upper, digit" policies are met without leaving passphrase mode.
 * `undefined` when no candidate fits the field.
 */
function tryPassphrase(options: GeneratorOptions, limits: Limits, checks: Checks, randomIndex: (n: number) => number): string | undefined {
  const count = Math.min(Math.max(Math.trunc(options.words ?? 5) || 5, 1), 20);
  const separator = (options.separator ?? '-').slice(0, 5);
  const allowed = checks.rules.allowed === undefined ? undefined : new Set(checks.rules.allowed);
  const requiredSets = checks.rules.required.map((r) => new Set(r));
  for (let attempt = 0; attempt < MAX_ATTEMPTS / 10; attempt++) {
    const words = Array.from({ length: count }, () => WORD_LIST[randomIndex(WORD_LIST.length)]);
    const shaped = options.upper ? words.map((w) => w[0].toUpperCase() + w.slice(1)) : words;
    if (options.digits) shaped[randomIndex(count)] += DIGITS[randomIndex(10)];
    const value = shaped.join(separator);
    const chars = [...value];
    if (chars.length < limits.min || chars.length > limits.max) continue;
    if (chars.some((c) => checks.exclude.has(c) || (allowed !== undefined && !allowed.has(c)))) continue;
    if (!requiredSets.every((set) => chars.some((c) => set.has(c)))) continue;
    if (passesShared(value, checks)) return value;
  }
  return undefined;
}

function longestRun(value: string): number {
  let longest = 0;
  let run = 0;
  let previous = '';
  for (const c of value) {
    run = c === previous ? run + 1 : 1;
    previous = c;
    longest = Math.max(longest, run);
  }
  return longest;
}

function union(sets: string[]): string {
  return [...new Set(sets.join(''))].join('');
}
