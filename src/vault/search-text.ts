/** Text helpers of the search index: one normal form for indexed words and typed queries, and typo checks. */

const NON_ASCII = /[^\x00-\x7f]/;
const COMBINING_MARKS = /[\u0300-\u036f]/g;
const WORD_SPLIT = /[^\p{L}\p{N}]+/u;

/** Lower case without accents, so "Zürich" is found by "zurich"; cheap for ASCII, the common case. */
export function foldText(text: string): string {
  const lower = text.toLowerCase();
  return NON_ASCII.test(lower) ? lower.normalize('NFD').replace(COMBINING_MARKS, '') : lower;
}

/** The words of a text in folded form: runs of letters and digits; everything else separates. */
export function searchWords(text: string): string[] {
  const folded = foldText(text);
  const words = folded.split(WORD_SPLIT);
  return words.filter((w) => w.length > 0);
}

/** The folded words joined by one space, for "the name starts with what was typed" checks. */
export function searchPhrase(text: string): string {
  return searchWords(text).join(' ');
}

/**
 * True when some prefix of `word` is within one edit of `term` (Damerau: one substitution, insertion,
 * deletion or swap of neighbours). The first letter must be right: typos there are rare, and it lets the
 * caller scan only the words starting with that letter.
 */
export function prefixWithinOneEdit(term: string, word: string): boolean {
  const n = term.length;
  let i = 0;
  while (i < n && i < word.length && term.charCodeAt(i) === word.charCodeAt(i)) i++;
  if (i === n) return true;
  if (i === 0) return false;
  if (i === word.length) return n - i === 1;
  return (
    prefixAt(term, i + 1, word, i + 1) || // substitution
    prefixAt(term, i + 1, word, i) || // an extra letter typed
    prefixAt(term, i, word, i + 1) || // a letter left out
    (i + 1 < n &&
      term.charCodeAt(i) === word.charCodeAt(i + 1) &&
      term.charCodeAt(i + 1) === word.charCodeAt(i) &&
      prefixAt(term, i + 2, word, i + 2)) // two letters swapped
  );
}

/** `term` from `ti` on is a prefix of `word` from `wi` on. */
function prefixAt(term: string, ti: number, word: string, wi: number): boolean {
  if (term.length - ti > word.length - wi) return false;
  for (; ti < term.length; ti++, wi++) if (term.charCodeAt(ti) !== word.charCodeAt(wi)) return false;
  return true;
}

/**
 * The host part of each URL in an entry's URL text, for search only: scheme, login and path dropped by
 * string slicing. Much cheaper than `parseEntryUrls` (no URL parser); a port number left in only adds a
 * word nobody types, and free text adds words that are then findable, which is fine for search.
 */
export function hostsOf(text: string): string {
  let out = '';
  for (let token of text.split(/[\s,]+/)) {
    const scheme = token.indexOf('://');
    if (scheme !== -1) token = token.slice(scheme + 3);
    const end = token.search(/[/?#]/);
    if (end !== -1) token = token.slice(0, end);
    token = token.slice(token.lastIndexOf('@') + 1);
    out += ` ${token}`;
  }
  return out;
}
