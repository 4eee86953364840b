/**
 * The string filter sysPass 3.2 runs on API input (`trim()` then PHP's FILTER_SANITIZE_STRING, i.e. strip_tags),
 * reproduced so the client can tell before saving what the server would store.
 */

const PHP_TRIM = /^[ \t\n\r\0\x0B]+|[ \t\n\r\0\x0B]+$/g;

/** PHP `trim()` with its default character list (space, tab, LF, CR, NUL, vertical tab). */
export function phpTrim(value: string): string {
  return value.replace(PHP_TRIM, '');
}

/**
 * PHP `strip_tags()` without allowed tags: removes `<...>` (quotes inside a tag are honoured), `<!-- -->` comments
 * and `<? ?>` blocks; an unclosed `<` swallows the rest of the string; a `<` followed by whitespace is kept.
 */
export function phpStripTags(input: string): string {
  let out = '';
  let state = 0; // 0 text, 1 tag, 2 <? block, 3 <! declaration, 4 comment
  let depth = 0;
  let inQuote = '';
  for (let i = 0; i < input.length; i++) {
    const c = input[i];
    const prev = i > 0 ? input[i - 1] : '';
    switch (c) {
      case '\0':
        break;
      case '<':
        if (inQuote) break;
        if (/\s/.test(input[i + 1] ?? '')) {
          if (state === 0) out += c;
          break;
        }
        if (state === 0) state = 1;
        else if (state === 1) depth++;
        break;
      case '>':
        if (depth) {
          depth--;
          break;
        }
        if (inQuote) break;
        if (state === 0) out += c;
        else if (state === 4) {
          if (input.slice(i - 2, i) === '--') state = 0;
        } else if (state === 2) {
          if (prev === '?') state = 0;
        } else state = 0;
        break;
      case '"':
      case "'":
        if (state === 0) {
          out += c;
          break;
        }
        if (state === 4) break;
        if (state === 1 || prev !== '\\') {
          if (!inQuote) inQuote = c;
          else if (inQuote === c) inQuote = '';
        }
        break;
      case '!':
        if (state === 1 && prev === '<') state = 3;
        else if (state === 0) out += c;
        break;
      case '?':
        if (state === 1 && prev === '<') state = 2;
        else if (state === 0) out += c;
        break;
      case '-':
        if (state === 3 && input.slice(i - 2, i) === '<!') state = 4;
        else if (state === 0) out += c;
        break;
      default:
        if (state === 0) out += c;
    }
  }
  return out;
}

/** What sysPass stores for a string parameter (name, login, url, notes, and the password in `account/editPass`). */
export function syspassStringFilter(value: string): string {
  return phpStripTags(phpTrim(value));
}
