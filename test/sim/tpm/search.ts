/**
 * The TPM search language, as far as the help text describes it: `op:value` terms ANDed, quoted multi-word
 * values (every word must appear), `[` / `]` anchors, case- and accent-insensitive substring matching.
 */
import type { SimMyPassword, SimPassword } from './model';

/** Lower case without accents: TPM search ignores both. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

interface Term {
  op: string;
  /** Folded words (unanchored) or one folded phrase (anchored). */
  words: string[];
  start: boolean;
  end: boolean;
  raw: string;
}

const OPERATORS = new Set(['any', 'basic', 'custom', 'name', 'notes', 'access', 'username', 'email', 'in', 'tag', 'file', 'is', 'has']);

/** Splits a query into terms; an unknown `op:` prefix is kept as part of a plain word. */
export function parseQuery(query: string): Term[] {
  const terms: Term[] = [];
  const re = /(?:([a-z_]+):)?(?:"([^"]*)"?|(\S+))/gi;
  for (const m of query.matchAll(re)) {
    let op = (m[1] ?? '').toLowerCase();
    let value = m[2] ?? m[3] ?? '';
    if (op && !OPERATORS.has(op)) {
      value = `${m[1]}:${value}`;
      op = '';
    }
    const start = value.startsWith('[');
    const end = value.endsWith(']') && value.length > (start ? 1 : 0);
    const inner = fold(value.slice(start ? 1 : 0, end ? -1 : undefined).trim());
    if (!inner && op !== 'is' && op !== 'has') continue;
    const words = start || end || op === 'tag' ? [inner] : inner.split(/\s+/).filter(Boolean);
    terms.push({ op: op || 'any', words, start, end, raw: inner });
  }
  return terms;
}

function matchText(term: Term, field: string): boolean {
  if (term.start || term.end) {
    const phrase = term.words[0];
    if (term.start && term.end) return field === phrase;
    return term.start ? field.startsWith(phrase) : field.endsWith(phrase);
  }
  return term.words.every((w) => field.includes(w));
}

function matchAnyOf(term: Term, fields: string[]): boolean {
  if (term.start || term.end) return fields.some((f) => matchText(term, f));
  // Unanchored multi-word values may spread over several fields.
  return term.words.every((w) => fields.some((f) => f.includes(w)));
}

/** Folded, precomputed fields of a searchable entry. */
export interface SearchFields {
  name: string;
  notes: string;
  access: string;
  username: string;
  email: string;
  tags: string[];
  custom: string[];
  project: string;
}

const cache = new WeakMap<object, { stamp: string; fields: SearchFields }>();

/** Drops the cached fields of an entry after it changed. */
export function forgetSearchFields(p: SimPassword | SimMyPassword): void {
  cache.delete(p);
}

/** Folded fields of an entry, computed once (until `forgetSearchFields` or its project name changes). */
export function searchFields(p: SimPassword | SimMyPassword, projectName = ''): SearchFields {
  const stamp = projectName;
  const hit = cache.get(p);
  if (hit && hit.stamp === stamp) return hit.fields;
  const custom = 'custom' in p ? p.custom.filter((c) => c && c.type !== 'One Time Password').map((c) => fold(c!.data)) : [];
  const fields: SearchFields = {
    name: fold(p.name),
    notes: fold(p.notes),
    access: fold(p.accessInfo),
    username: fold(p.username),
    email: fold(p.email),
    tags: p.tags
      ? p.tags
          .split(',')
          .map((t) => fold(t.trim()))
          .filter(Boolean)
      : [],
    custom,
    project: fold(projectName),
  };
  cache.set(p, { stamp, fields });
  return fields;
}

/** Flags a term of the `is:` / `has:` kind may test. */
export interface SearchFlags {
  archived: boolean;
  favorite: boolean;
  locked: boolean;
  hasExpiry: boolean;
  hasFile: boolean;
}

/** True when the entry matches every term of the query. */
export function matches(terms: Term[], f: SearchFields, flags: SearchFlags): boolean {
  for (const t of terms) {
    let ok: boolean;
    switch (t.op) {
      case 'name':
        ok = matchText(t, f.name);
        break;
      case 'notes':
        ok = matchText(t, f.notes);
        break;
      case 'access':
        ok = matchText(t, f.access);
        break;
      case 'username':
        ok = matchText(t, f.username);
        break;
      case 'email':
        ok = matchText(t, f.email);
        break;
      case 'in':
        ok = matchText(t, f.project);
        break;
      case 'custom':
        ok = matchAnyOf(t, f.custom);
        break;
      case 'basic':
        ok = matchAnyOf(t, [f.name, f.notes, f.access, f.username, f.email]);
        break;
      case 'tag':
        ok = t.raw
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean)
          .every((tag) => f.tags.includes(tag));
        break;
      case 'file':
        ok = false;
        break; // the simulator stores no files
      case 'is':
        ok = isFlag(t.raw, flags);
        break;
      case 'has':
        ok = t.raw === 'expiry' ? flags.hasExpiry : t.raw === 'file' || t.raw === 'files' ? flags.hasFile : false;
        break;
      default:
        ok = matchAnyOf(t, [f.name, f.notes, f.access, f.username, f.email, ...f.tags, ...f.custom]);
    }
    if (!ok) return false;
  }
  return true;
}

function isFlag(flag: string, flags: SearchFlags): boolean {
  switch (flag) {
    case 'active':
      return !flags.archived;
    case 'archived':
      return flags.archived;
    case 'favorite':
      return flags.favorite;
    case 'locked':
      return flags.locked;
    case 'not-locked':
    case 'unlocked':
      return !flags.locked;
    default:
      return false;
  }
}
