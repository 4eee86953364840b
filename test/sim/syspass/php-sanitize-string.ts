/**
 * PHP's FILTER_SANITIZE_STRING as sysPass 3.2 runs it (`filter_var(trim($v), FILTER_SANITIZE_STRING,
 * FILTER_FLAG_NO_ENCODE_QUOTES)`), ported from PHP's C source so the simulator alters input byte for byte like the
 * server. It is the simulator's own code: the client predicts the same result with a separate implementation.
 *
 * `php_filter_string()` (ext/filter/sanitizing_filters.c) encodes nothing with these flags and then calls
 * `php_strip_tags_ex(buf, len, NULL, 0, allow_tag_spaces = 1)`. `strip_tags()` passes 0 there: with 1, a `<`
 * followed by whitespace opens a tag too, so `"Intra < new 2"` becomes `"Intra "`.
 */

/** PHP `trim()` without a character list: space, \t, \n, \r, \v and NUL at both ends (not \f). */
export function phpTrim(value: string): string {
  return value.replace(/^[ \t\n\r\v\0]+|[ \t\n\r\v\0]+$/g, '');
}

const LT = 0x3c;
const GT = 0x3e;
const DQ = 0x22;
const SQ = 0x27;
const BACKSLASH = 0x5c;

const lower = (b: number | undefined) => (b !== undefined && b >= 0x41 && b <= 0x5a ? b + 0x20 : b);
const is = (b: number | undefined, ch: string) => lower(b) === ch.charCodeAt(0);

/**
 * `php_strip_tags_ex()` of PHP 8.2 with no allowed tags and `allow_tag_spaces` set, over the UTF-8 bytes (PHP
 * strings are bytes; every byte the machine looks at is ASCII, so multi-byte characters pass through whole).
 * States: 0 text, 1 inside a tag, 2 inside `<?…?>`, 3 inside `<!…>`, 4 inside `<!--…-->`. `depth` counts `<`
 * nested inside a tag (each needs its own `>`), `inQ` the quote a tag (or declaration) is inside.
 */
export function phpSanitizeStringBytes(input: Uint8Array): Uint8Array {
  const buf = input;
  const end = buf.length;
  const out: number[] = [];
  let state = 0;
  let depth = 0;
  let inQ = 0;
  let lc = 0; // last significant character (in state 2: the open quote, or a bracket)
  let br = 0; // bracket balance inside `<? … ?>`
  let isXml = false;
  for (let p = 0; p < end; p++) {
    const c = buf[p];
    const prev = p >= 1 ? buf[p - 1] : undefined;
    switch (state) {
      case 0:
        if (c === 0) break;
        if (c === LT) {
          if (inQ) break;
          // allow_tag_spaces: no isspace() test here, unlike strip_tags().
          lc = LT;
          state = 1;
          break;
        }
        if (c === GT) {
          if (depth) {
            depth--;
            break;
          }
          if (inQ) break;
        }
        out.push(c);
        break;
      case 1:
        if (c === 0) break;
        if (c === LT) {
          if (inQ) break;
          depth++;
          break;
        }
        if (c === GT) {
          if (depth) {
            depth--;
            break;
          }
          if (inQ) break;
          lc = GT;
          if (isXml && prev === 0x2d) break; // `->` inside `<?xml`
          inQ = 0;
          state = 0;
          isXml = false;
          break;
        }
        if (c === DQ || c === SQ) {
          if (p !== 0 && (!inQ || c === inQ)) inQ = inQ ? 0 : c;
          break;
        }
        if (c === 0x21 && prev === LT) {
          state = 3; // `<!`
          lc = c;
        } else if (c === 0x3f && prev === LT) {
          br = 0;
          state = 2; // `<?`
        }
        break;
      case 2:
        if (c === 0x28 || c === 0x29) {
          if (lc !== DQ && lc !== SQ) {
            lc = c;
            br += c === 0x28 ? 1 : -1;
          }
        } else if (c === GT) {
          if (depth) {
            depth--;
            break;
          }
          if (inQ) break;
          if (!br && p >= 1 && lc !== DQ && prev === 0x3f) {
            inQ = 0;
            state = 0;
          }
        } else if (c === DQ || c === SQ) {
          if (p >= 1 && prev !== BACKSLASH) {
            if (lc === c) lc = 0;
            else if (lc !== BACKSLASH) lc = c;
            if (p !== 0 && (!inQ || c === inQ)) inQ = inQ ? 0 : c;
          }
        } else if (is(c, 'l') && p > 4 && is(buf[p - 1], 'm') && is(buf[p - 2], 'x') && buf[p - 3] === 0x3f && buf[p - 4] === LT) {
          state = 1; // `<?xml` is markup, not PHP code
          isXml = true;
        }
        break;
      case 3:
        if (c === GT) {
          if (depth) {
            depth--;
            break;
          }
          if (inQ) break;
          inQ = 0;
          state = 0;
        } else if (c === DQ || c === SQ) {
          if (p !== 0 && prev !== BACKSLASH && (!inQ || c === inQ)) inQ = inQ ? 0 : c;
        } else if (c === 0x2d && p >= 2 && prev === 0x2d && buf[p - 2] === 0x21) {
          state = 4; // `<!--`
        } else if (
          is(c, 'e') &&
          p > 6 &&
          is(buf[p - 1], 'p') &&
          is(buf[p - 2], 'y') &&
          is(buf[p - 3], 't') &&
          is(buf[p - 4], 'c') &&
          is(buf[p - 5], 'o') &&
          is(buf[p - 6], 'd')
        ) {
          state = 1; // `<!DOCTYPE` is a tag
        }
        break;
      default:
        // state 4: only `-->` outside quotes ends a comment (no depth here, as in PHP)
        if (c === GT && !inQ && p >= 2 && prev === 0x2d && buf[p - 2] === 0x2d) {
          inQ = 0;
          state = 0;
        }
    }
  }
  return Uint8Array.from(out);
}

/** `Filter::getString()`: `trim()`, then FILTER_SANITIZE_STRING over the UTF-8 bytes. */
export function phpSanitizeString(value: string): string {
  const bytes = phpSanitizeStringBytes(Buffer.from(phpTrim(value), 'utf8'));
  return Buffer.from(bytes).toString('utf8');
}
