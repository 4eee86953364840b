/**
 * What a sysPass 3.2 server will store for an account, and what it refuses, predicted before anything is sent
 * (recorded on a real 3.2.11: `docs/syspass-api.md` §10.2). Text fields go through the string filter; the columns
 * are utf8mb3 (no 4-byte characters) with fixed sizes; the encrypted password must fit 1,000 hex characters.
 */
import { predictSyspassString, syspassTrim, type FilterPrediction } from './string-filter';

export type SyspassTextField = 'name' | 'login' | 'url' | 'notes';

/** Column sizes: `varchar` columns count characters, `notes` (TEXT) counts UTF-8 bytes. */
export const SYSPASS_LIMITS: Record<SyspassTextField, { max: number; unit: 'characters' | 'bytes' }> = {
  name: { max: 100, unit: 'characters' },
  login: { max: 50, unit: 'characters' },
  url: { max: 255, unit: 'characters' },
  notes: { max: 65_535, unit: 'bytes' },
};

/** The longest password sysPass can encrypt into its 1,000-character column (168 + 2 × bytes). */
const SYSPASS_PASSWORD_MAX_BYTES = 416;

/** Why a value cannot be stored at all. */
export type ValueProblem =
  | { kind: 'too_long'; field: SyspassTextField | 'password'; max: number; unit: 'characters' | 'bytes'; length: number }
  /** Characters outside the Basic Multilingual Plane (emoji…): refused by utf8mb3 columns. */
  | { kind: 'unstorable'; field: SyspassTextField; chars: string[] };

export interface StoredText {
  /** What the server will keep. */
  stored: string;
  /** How the string filter gets there (absent for `account/create`'s password, which is only trimmed). */
  filter?: FilterPrediction;
  problem?: ValueProblem;
}

const utf8Length = (s: string) => new TextEncoder().encode(s).length;
const outsideBmp = (s: string) => [...new Set(Array.from(s).filter((ch) => ch.codePointAt(0)! > 0xffff))];

/** One text field: the filter, then the column (sizes count what is left after the filter). */
export function predictField(field: SyspassTextField, value: string): StoredText {
  const filter = predictSyspassString(value);
  const { max, unit } = SYSPASS_LIMITS[field];
  const wide = outsideBmp(filter.stored);
  if (wide.length) return { stored: filter.stored, filter, problem: { kind: 'unstorable', field, chars: wide } };
  const length = unit === 'bytes' ? utf8Length(filter.stored) : Array.from(filter.stored).length;
  if (length > max) return { stored: filter.stored, filter, problem: { kind: 'too_long', field, max, unit, length } };
  return { stored: filter.stored, filter };
}

/** The password: `create` only trims it, `editPass` filters it; either way at most 416 UTF-8 bytes (emoji are kept). */
export function predictPassword(password: string, method: 'create' | 'editPass'): StoredText {
  const out: StoredText =
    method === 'create'
      ? { stored: syspassTrim(password) }
      : (() => {
          const filter = predictSyspassString(password);
          return { stored: filter.stored, filter };
        })();
  const length = utf8Length(out.stored);
  if (length > SYSPASS_PASSWORD_MAX_BYTES)
    out.problem = { kind: 'too_long', field: 'password', max: SYSPASS_PASSWORD_MAX_BYTES, unit: 'bytes', length };
  return out;
}

const SUBJECT: Record<SyspassTextField | 'password', string> = {
  name: 'The name is',
  login: 'The login is',
  url: 'The URL is',
  notes: 'The notes are',
  password: 'The password is',
};

/** An English sentence for a problem (the extension's UI words it from the structured problem instead). */
export function describeProblem(p: ValueProblem): string {
  if (p.kind === 'unstorable')
    return `sysPass cannot store ${p.chars.join(' ')} in the ${p.field} (its database has no room for emoji and similar characters there).`;
  return `${SUBJECT[p.field]} ${p.length} ${p.unit} long; sysPass stores at most ${p.max}.`;
}

/** An English sentence for a value the server would store differently than sent. */
export function describeChange(field: string, stored: StoredText): string {
  const f = stored.filter;
  const why = f?.removed.length ? 'it takes text from a “<” on for an HTML tag and drops it' : 'it drops spaces at the start and end';
  return `sysPass would store the ${field} differently: ${why}.`;
}
