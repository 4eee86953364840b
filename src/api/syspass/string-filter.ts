/**
 * What sysPass 3.2 stores for a string parameter: `filter_var(trim($v), FILTER_SANITIZE_STRING,
 * FILTER_FLAG_NO_ENCODE_QUOTES)`, predicted here so nothing is saved that the server would silently change.
 * It applies to name, login, url, notes, and the password of `account/editPass` (`account/create` only trims the
 * password). Unlike PHP's `strip_tags()`, this filter lets a `<` before whitespace open a tag too:
 * `"Intra < new 2"` is stored as `"Intra "`.
 */

/** A part of the trimmed input the filter drops, `[from, to)` in UTF-16 code units. */
export interface Removed {
  from: number;
  to: number;
}

export interface FilterPrediction {
  /** What the server stores. */
  stored: string;
  /** Characters `trim()` drops at the start and at the end. */
  trimmedStart: number;
  trimmedEnd: number;
  /** What the tag filter drops from the trimmed text, in order. */
  removed: Removed[];
}

/** PHP `trim()`'s default set: space, tab, LF, CR, vertical tab and NUL (not form feed). */
const TRIMMED = new Set([' ', '\t', '\n', '\r', '\v', '\0']);

/** Where PHP `trim()` cuts: the kept part is `[start, end)`. */
function trimEdges(value: string): { start: number; end: number } {
  let start = 0;
  let end = value.length;
  while (start < end && TRIMMED.has(value[start])) start++;
  while (end > start && TRIMMED.has(value[end - 1])) end--;
  return { start, end };
}

/** PHP `trim()`. */
export function syspassTrim(value: string): string {
  const { start, end } = trimEdges(value);
  return value.slice(start, end);
}

/**
 * Reads markup the way PHP's tag stripper does: a tag runs from `<` to the `>` that closes it, skipping `>` inside
 * quotes and one `>` per `<` nested in it; `<!…>` declarations, `<!-- … -->` comments and `<? … ?>` blocks have rules
 * of their own; whatever is still open at the end is dropped to the end. The open-`<` count outlives the tag: a
 * later `>` in text is dropped while it is not zero.
 */
class MarkupScanner {
  private nested = 0;
  private quote = '';

  constructor(private readonly s: string) {}

  /** Every part the filter removes. */
  removedParts(): Removed[] {
    const parts: Removed[] = [];
    for (let i = 0; i < this.s.length; ) {
      const c = this.s[i];
      if (c === '<') {
        const end = this.tag(i + 1, false);
        parts.push({ from: i, to: end });
        i = end;
        continue;
      }
      if (c === '\0' || (c === '>' && this.nested > 0)) {
        if (c === '>') this.nested--;
        parts.push({ from: i, to: i + 1 });
      }
      i++;
    }
    return parts;
  }

  /** Flips the quote state for a quote character: opens one, or closes the same kind. */
  private flip(c: string): void {
    if (!this.quote) this.quote = c;
    else if (this.quote === c) this.quote = '';
  }

  /** Inside `<…>` from `i`; returns the index after the markup (or the end). `xml`: inside `<?xml … >`. */
  private tag(i: number, xml: boolean): number {
    const s = this.s;
    for (; i < s.length; i++) {
      const c = s[i];
      if (c === '<') {
        if (!this.quote) this.nested++;
      } else if (c === '>') {
        if (this.nested > 0) this.nested--;
        else if (!this.quote && !(xml && s[i - 1] === '-')) {
          this.quote = '';
          return i + 1;
        }
      } else if (c === '"' || c === "'") {
        this.flip(c);
      } else if (c === '!' && s[i - 1] === '<') {
        return this.declaration(i + 1);
      } else if (c === '?' && s[i - 1] === '<') {
        return this.processing(i + 1);
      }
    }
    return i;
  }

  /** Inside `<!…>`: quotes (not after a backslash), `<!--` starts a comment, `<!DOCTYPE` is read as a tag. */
  private declaration(i: number): number {
    const s = this.s;
    for (; i < s.length; i++) {
      const c = s[i];
      if (c === '>') {
        if (this.nested > 0) this.nested--;
        else if (!this.quote) return i + 1;
      } else if (c === '"' || c === "'") {
        if (s[i - 1] !== '\\') this.flip(c);
      } else if (c === '-' && s[i - 1] === '-' && s[i - 2] === '!') {
        return this.comment(i + 1);
      } else if ((c === 'e' || c === 'E') && i > 6 && s.slice(i - 6, i).toLowerCase() === 'doctyp') {
        return this.tag(i + 1, false);
      }
    }
    return i;
  }

  /** Inside `<!-- … -->`: only `-->` outside quotes ends it. */
  private comment(i: number): number {
    const s = this.s;
    for (; i < s.length; i++) {
      if (s[i] === '>' && !this.quote && s[i - 1] === '-' && s[i - 2] === '-') {
        this.quote = '';
        return i + 1;
      }
    }
    return i;
  }

  /** Inside `<? … ?>`: parentheses and string literals keep `?>` from closing it; `<?xml` turns it into a tag. */
  private processing(i: number): number {
    const s = this.s;
    let literal = '<'; // the open string literal's quote (or the last bracket)
    let parens = 0;
    for (; i < s.length; i++) {
      const c = s[i];
      if (c === '(' || c === ')') {
        if (literal !== '"' && literal !== "'") {
          literal = c;
          parens += c === '(' ? 1 : -1;
        }
      } else if (c === '>') {
        if (this.nested > 0) this.nested--;
        else if (!this.quote && parens === 0 && literal !== '"' && s[i - 1] === '?') {
          this.quote = '';
          return i + 1;
        }
      } else if (c === '"' || c === "'") {
        if (s[i - 1] !== '\\') {
          if (literal === c) literal = '';
          else if (literal !== '\\') literal = c;
          this.flip(c);
        }
      } else if ((c === 'l' || c === 'L') && i > 4 && s[i - 4] === '<' && s[i - 3] === '?' && s.slice(i - 2, i).toLowerCase() === 'xm') {
        return this.tag(i + 1, true);
      }
    }
    return i;
  }
}

/** What sysPass stores for `value`, and what it drops on the way. */
export function predictSyspassString(value: string): FilterPrediction {
  const { start, end } = trimEdges(value);
  const trimmed = value.slice(start, end);
  const removed = new MarkupScanner(trimmed).removedParts();
  let stored = '';
  let at = 0;
  for (const part of removed) {
    stored += trimmed.slice(at, part.from);
    at = part.to;
  }
  stored += trimmed.slice(at);
  return { stored, trimmedStart: start, trimmedEnd: value.length - end, removed };
}
