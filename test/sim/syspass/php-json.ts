/** `json_encode()` with PHP's default flags: `/` is escaped as `\/` and every non-ASCII character as `\uXXXX`. */

/** Encodes like PHP so replies match the recorded bytes (surrogate pairs for characters beyond the BMP). */
export function phpJsonEncode(value: unknown): string {
  return JSON.stringify(value).replace(/[\u0080-\uffff/]/g, (ch) =>
    ch === '/' ? '\\/' : `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
