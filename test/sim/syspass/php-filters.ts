/** PHP's parameter filters as sysPass 3.2 applies them (`SP\Util\Filter`): the simulator must alter input exactly like the server. */
import { phpSanitizeString, phpTrim } from './php-sanitize-string';

/** A PHP `TypeError` (e.g. `trim()` of an array): the real server answers it with HTTP 404 and an empty body. */
export class PhpTypeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PhpTypeError';
  }
}

/** PHP's implicit string conversion of a JSON-decoded scalar; arrays and objects raise a TypeError. */
export function phpToString(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return phpNumberToString(value);
  if (value === true) return '1';
  if (value === false || value === null || value === undefined) return '';
  throw new PhpTypeError('trim(): Argument #1 ($string) must be of type string, array given');
}

function phpNumberToString(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e15) return String(n);
  // PHP prints floats with precision 14 and an upper-case exponent.
  return String(Number(n.toPrecision(14)))
    .replace('e+', 'E+')
    .replace('e-', 'E-');
}

/** `Filter::getString()`: `trim()` then FILTER_SANITIZE_STRING with FILTER_FLAG_NO_ENCODE_QUOTES. */
export function filterString(value: unknown): string {
  return phpSanitizeString(phpToString(value));
}

/** `Filter::getRaw()`: only trimmed (how `account/create` reads `pass`). */
export function filterRaw(value: unknown): string {
  return phpTrim(phpToString(value));
}

/** `Filter::getInt()`: `(int) filter_var(v, FILTER_SANITIZE_NUMBER_INT)`; `"2abc"` is 2, `"abc"` is 0. */
export function filterInt(value: unknown): number {
  if (typeof value === 'object' && value !== null) return 0; // filter_var() of an array fails: (int) false
  const digits = phpToString(value).replace(/[^0-9+-]/g, '');
  const match = /^[+-]?\d+/.exec(digits);
  if (!match) return 0;
  const n = Number(match[0]);
  return Math.max(Math.min(n, Number.MAX_SAFE_INTEGER), -Number.MAX_SAFE_INTEGER);
}

/** PHP `is_numeric()` for a JSON-decoded value. */
export function phpIsNumeric(value: unknown): boolean {
  if (typeof value === 'number') return true;
  if (typeof value !== 'string') return false;
  return /^[ \t\n\r\v\f]*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?[ \t\n\r\v\f]*$/.test(value);
}

/** `filter_var($id, FILTER_VALIDATE_INT)` for the JSON-RPC `id`: an integer or `null` when it is not one. */
export function validateInt(value: unknown): number | null {
  if (typeof value === 'number') return Number.isInteger(value) ? value : null;
  if (typeof value === 'boolean') return value ? 1 : null;
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return /^[+-]?(0|[1-9]\d*)$/.test(trimmed) ? Number(trimmed) : null;
}
