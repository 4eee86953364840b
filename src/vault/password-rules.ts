/**
 * Reads a field's `passwordrules` attribute (Apple's syntax, see developer.apple.com "Password Rules Validation
 * Tool") into constraints the generator honours. Pages are untrusted: anything unknown or malformed is skipped,
 * and this never throws.
 */

/** What a `passwordrules` attribute asks for. Character sets are strings of distinct ASCII characters. */
export interface PasswordRules {
  /** Each element is one `required:` rule: the password must contain at least one character of that set. */
  required: string[];
  /**
   * Every character the password may use: the union of the `allowed:` sets and the `required:` sets. Absent when
   * the attribute names no character class at all (the generator's own choice applies then).
   */
  allowed?: string;
  /** The largest `minlength:` given. */
  minLength?: number;
  /** The smallest `maxlength:` given. */
  maxLength?: number;
  /** The smallest `max-consecutive:` given: no character may repeat more often than this in a row. */
  maxConsecutive?: number;
}

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const DIGIT = '0123456789';
/** Apple's `special` set, without the space: a generated password never contains one (servers trim them). */
const SPECIAL = '-~!@#$%^&*_+=`|(){}[:;"\'<>,.?]';
/** 0x21–0x7E. `unicode` maps here too: the generator only ever produces ASCII. */
const PRINTABLE = Array.from({ length: 0x7e - 0x20 }, (_, i) => String.fromCharCode(0x21 + i)).join('');

const NAMED: Record<string, string> = {
  upper: UPPER,
  lower: LOWER,
  digit: DIGIT,
  special: SPECIAL,
  'ascii-printable': PRINTABLE,
  unicode: PRINTABLE,
};

/** Lengths beyond this are junk, not a policy (and would make the generator allocate for nothing). */
const MAX_LENGTH_VALUE = 4096;

/** Parses the attribute. Unknown rules, unknown class names and malformed values are ignored. */
export function parsePasswordRules(text: string | null | undefined): PasswordRules {
  const rules: PasswordRules = { required: [] };
  if (typeof text !== 'string') return rules;
  const input = text.slice(0, 10_000);
  const allowed: string[] = [];
  let sawClass = false;
  let pos = 0;
  while (pos < input.length) {
    pos = skipSpace(input, pos);
    if (input[pos] === ';') {
      pos++;
      continue;
    }
    const name = readIdentifier(input, pos);
    pos = skipSpace(input, name.end);
    if (!name.value || input[pos] !== ':') {
      pos = skipPast(input, pos, ';');
      continue;
    }
    pos++;
    const key = name.value.toLowerCase();
    if (key === 'required' || key === 'allowed') {
      const value = readClasses(input, pos);
      pos = value.end;
      if (value.chars === undefined) continue;
      sawClass = true;
      if (key === 'required') rules.required.push(value.chars);
      allowed.push(value.chars);
    } else {
      const end = input.indexOf(';', pos);
      const raw = input.slice(pos, end < 0 ? input.length : end).trim();
      pos = end < 0 ? input.length : end + 1;
      const n = /^\d{1,6}$/.test(raw) ? Number(raw) : NaN;
      if (!Number.isInteger(n) || n < 1 || n > MAX_LENGTH_VALUE) continue;
      if (key === 'minlength') rules.minLength = Math.max(rules.minLength ?? 0, n);
      else if (key === 'maxlength') rules.maxLength = Math.min(rules.maxLength ?? Infinity, n);
      else if (key === 'max-consecutive') rules.maxConsecutive = Math.min(rules.maxConsecutive ?? Infinity, n);
    }
  }
  if (sawClass) rules.allowed = union(allowed);
  return rules;
}

/** Reads `item, item, …` up to the next `;` outside a custom class; `chars` is their union (undefined if none known). */
function readClasses(input: string, start: number): { chars?: string; end: number } {
  const sets: string[] = [];
  let pos = start;
  while (pos < input.length) {
    pos = skipSpace(input, pos);
    const c = input[pos];
    if (c === undefined || c === ';') break;
    if (c === '[') {
      const custom = readCustomClass(input, pos);
      pos = custom.end;
      if (custom.chars) sets.push(custom.chars);
    } else if (c === ',') {
      pos++;
    } else {
      const ident = readIdentifier(input, pos);
      const known = ident.value ? NAMED[ident.value.toLowerCase()] : undefined;
      if (known) sets.push(known);
      // Junk between items: skip to the next separator so one bad item does not swallow the rest.
      pos = ident.value ? ident.end : pos + 1;
    }
  }
  if (input[pos] === ';') pos++;
  return { chars: sets.length ? union(sets) : undefined, end: pos };
}

/**
 * `[…]` as Apple's parser reads it: printable ASCII only; `-` counts only as the first character; a `]` ends the
 * class unless another `]` follows it (`[abc]]` holds `]`). An unclosed class is dropped.
 */
function readCustomClass(input: string, start: number): { chars?: string; end: number } {
  const chars: string[] = [];
  let pos = start + 1;
  const first = pos;
  while (pos < input.length) {
    const c = input[pos];
    if (c === ']') {
      if (input[pos + 1] === ']') {
        chars.push(']');
        return { chars: union([chars.join('')]), end: pos + 2 };
      }
      return { chars: chars.length ? union([chars.join('')]) : undefined, end: pos + 1 };
    }
    const printable = c >= ' ' && c <= '~' && c !== ' ';
    if (printable && (c !== '-' || pos === first)) chars.push(c);
    pos++;
  }
  return { end: pos };
}

function readIdentifier(input: string, start: number): { value: string; end: number } {
  let pos = start;
  while (pos < input.length && /[A-Za-z-]/.test(input[pos])) pos++;
  return { value: input.slice(start, pos), end: pos };
}

function skipSpace(input: string, pos: number): number {
  while (pos < input.length && /\s/.test(input[pos])) pos++;
  return pos;
}

function skipPast(input: string, pos: number, stop: string): number {
  const at = input.indexOf(stop, pos);
  return at < 0 ? input.length : at + 1;
}

/** Distinct characters of all sets, in code-point order (a canonical form: equal sets compare equal). */
function union(sets: string[]): string {
  return [...new Set(sets.join(''))].sort().join('');
}
