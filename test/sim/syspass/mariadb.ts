/** What MariaDB adds to sysPass's behaviour: utf8_general_ci comparisons, LIKE patterns, utf8mb3 columns, timestamps. */
import { createHash } from 'node:crypto';

/** A key that compares like utf8_general_ci: case- and accent-insensitive. */
export function foldCi(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .toLowerCase();
}

/** Compares two strings in collation order (for ORDER BY). */
export function compareCi(a: string, b: string): number {
  const fa = foldCi(a);
  const fb = foldCi(b);
  return fa < fb ? -1 : fa > fb ? 1 : 0;
}

/**
 * A matcher for `column LIKE '%text%'` on folded values: `%` and `_` are wildcards (sysPass does not escape them)
 * and `\` escapes the next character, as in MariaDB.
 */
export function likeContains(text: string): (folded: string) => boolean {
  let source = '';
  let literalOnly = true;
  let literal = '';
  const chars = Array.from(foldCi(text));
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (c === '\\' && i + 1 < chars.length) {
      const next = chars[++i];
      source += escapeRegExp(next);
      literal += next;
    } else if (c === '%') {
      source += '.*';
      literalOnly = false;
    } else if (c === '_') {
      source += '.';
      literalOnly = false;
    } else {
      source += escapeRegExp(c);
      literal += c;
    }
  }
  if (literalOnly) return (folded) => folded.includes(literal);
  const re = new RegExp(source, 'su');
  return (folded) => re.test(folded);
}

function escapeRegExp(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/** A column's size: `varchar(n)` counts characters, `TEXT` counts bytes (65,535). */
export type ColumnSize = { chars: number } | { bytes: number };

/** A failed write in strict mode: the SQLSTATE (sysPass puts it in `data`) and MariaDB's message. */
export interface ColumnError {
  sqlState: '22001' | '22007';
  message: string;
}

/**
 * What MariaDB says when `value` goes into a utf8mb3 column of `size` (strict mode), or undefined when it fits.
 * It copies characters up to the size first: a 4-byte character among them, or (TEXT) a character cut by the byte
 * limit, is an "Incorrect string value" (22007) from that character on; more characters than fit is "Data too
 * long" (22001). So a 4-byte character beyond the limit, or a cut on a character boundary, gives 22001.
 */
export function columnError(table: string, column: string, value: string, size?: ColumnSize): ColumnError | undefined {
  let chars = 0;
  let bytes = 0;
  for (const ch of value) {
    const cp = ch.codePointAt(0)!;
    const len = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    if (size && ('chars' in size ? chars >= size.chars : bytes >= size.bytes)) {
      return {
        sqlState: '22001',
        message: `SQLSTATE[22001]: String data, right truncated: 1406 Data too long for column '${column}' at row 1`,
      };
    }
    if (len === 4 || (size && 'bytes' in size && bytes + len > size.bytes)) {
      return { sqlState: '22007', message: incorrectStringMessage(table, column, Buffer.from(value, 'utf8').subarray(bytes)) };
    }
    chars++;
    bytes += len;
  }
  return undefined;
}

/** MariaDB's "Incorrect string value" text: the bytes from the first bad one, at most 6, as `\xHH`. */
function incorrectStringMessage(table: string, column: string, bytes: Uint8Array): string {
  let printable = '';
  for (const b of bytes.subarray(0, 6))
    printable += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : `\\x${b.toString(16).toUpperCase().padStart(2, '0')}`;
  if (bytes.length > 6) printable += '...';
  return (
    `SQLSTATE[22007]: Invalid datetime format: 1366 Incorrect string value: '${printable}' ` +
    `for column \`syspass\`.\`${table}\`.\`${column}\` at row 1`
  );
}

/** The foreign-key failure text for deleting a row that another table still references. */
export function foreignKeyMessage(childTable: string, column: string, parentTable: string): string {
  return (
    'SQLSTATE[23000]: Integrity constraint violation: 1451 Cannot delete or update a parent row: a foreign key constraint fails ' +
    `(\`syspass\`.\`${childTable}\`, CONSTRAINT \`fk_${childTable}_${column}\` ` +
    `FOREIGN KEY (\`${column}\`) REFERENCES \`${parentTable}\` (\`id\`))`
  );
}

/** The insert-side foreign-key failure (an unknown client, category or tag id). */
export function foreignKeyInsertMessage(childTable: string, column: string, parentTable: string): string {
  return (
    'SQLSTATE[23000]: Integrity constraint violation: 1452 Cannot add or update a child row: a foreign key constraint fails ' +
    `(\`syspass\`.\`${childTable}\`, CONSTRAINT \`fk_${childTable}_${column}\` ` +
    `FOREIGN KEY (\`${column}\`) REFERENCES \`${parentTable}\` (\`id\`))`
  );
}

const HASH_STRIP = ['.', ' ', '_', ', ', '-', ';', "'", '"', ':', '(', ')', '|', '/'];

/** `makeItemHash()`: sha1 of the name without those characters (applied one after another, like `str_replace`), ASCII-lower-cased. */
export function itemHash(name: string): string {
  let s = name;
  for (const c of HASH_STRIP) s = s.split(c).join('');
  s = s.replace(/[A-Z]/g, (ch) => ch.toLowerCase());
  return createHash('sha1').update(s, 'utf8').digest('hex');
}

/** A DATETIME column as PHP reads it: `YYYY-MM-DD HH:MM:SS` (the recorded server ran in UTC). */
export function formatDateTime(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toISOString().slice(0, 19).replace('T', ' ');
}
