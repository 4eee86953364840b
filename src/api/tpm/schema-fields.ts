/**
 * The tolerant field types every TPM schema is built from, and the check that turns a mismatch into a SchemaError.
 * Real servers are inconsistent (ids as strings in some endpoints, `""` vs `null`), so these accept what they send.
 */
import * as v from 'valibot';
import { SchemaError } from '../../errors';
import type { TpmExpiryStatus, TpmLocking, TpmPermission, TpmUserRef } from './types';

/**
 * An id or counter: a number, or a string of digits (several endpoints send `"18"`). Always a safe integer: a
 * fractional or huge id would pass here and then fail the cache's entry check, dropping the whole source.
 */
export const num = v.pipe(
  v.union([v.number(), v.pipe(v.string(), v.regex(/^\s*-?\d+\s*$/))]),
  v.transform(Number),
  v.check((n: number) => Number.isSafeInteger(n), 'an integer'),
);
export const optNum = v.pipe(
  v.nullish(num),
  v.transform((x) => x ?? undefined),
);
/** Free text: `""`, whitespace and `null` all mean "absent". Numbers are accepted and stringified. */
export const text = v.pipe(
  v.nullish(v.union([v.string(), v.number()])),
  v.transform((x) => (x === null || x === undefined || String(x).trim() === '' ? undefined : String(x))),
);
/** A secret: only `""`/`null` mean absent (a password of spaces is still a password). */
export const secret = v.pipe(
  v.nullish(v.union([v.string(), v.number()])),
  v.transform((x) => (x === null || x === undefined || x === '' ? undefined : String(x))),
);
export const requiredText = v.pipe(v.union([v.string(), v.number()]), v.transform(String));
const flagInput = v.nullish(v.union([v.boolean(), v.number(), v.string()]));
const isTrue = (x: string | number | boolean | null | undefined) => x === true || x === 1 || x === '1' || x === 'true';
/** A boolean; PHP-ish `0`/`1`/`"1"` are accepted. Absent means false. */
export const flag = v.pipe(flagInput, v.transform(isTrue));
/** A boolean only newer API versions send: absent stays absent. */
export const optFlag = v.pipe(
  flagInput,
  v.transform((x) => (x === null || x === undefined ? undefined : isTrue(x))),
);

function splitList(value: string | undefined, separators: RegExp): string[] {
  return value === undefined
    ? []
    : value
        .split(separators)
        .map((s) => s.trim())
        .filter(Boolean);
}
/** `tags` is one comma string. */
export const tags = v.pipe(
  text,
  v.transform((x) => splitList(x, /,/)),
);
/** `access_info` may hold several URLs separated by commas (or line breaks). */
export function splitAccessInfo(accessInfo: string | undefined): string[] {
  return splitList(accessInfo, /[,\r\n]+/);
}

export const permission = v.pipe(
  v.nullish(v.object({ id: num, label: v.nullish(v.string()) })),
  v.transform((p): TpmPermission | undefined => (p ? { id: p.id, label: p.label ?? '' } : undefined)),
);

export const userRef = v.pipe(
  v.nullish(v.object({ id: num, username: text, name: text, email_address: text, role: text })),
  v.transform((u): TpmUserRef | undefined =>
    u ? { id: u.id, username: u.username ?? '', name: u.name ?? u.username ?? '', email: u.email_address, role: u.role } : undefined,
  ),
);

const EXPIRY: Record<number, TpmExpiryStatus> = { 0: 'none', 1: 'today', 2: 'expired', 3: 'soon' };
export const expiryStatus = v.pipe(
  v.nullish(num),
  v.transform((x): TpmExpiryStatus => EXPIRY[x ?? 0] ?? 'none'),
);

/** Locking from v5 `locking_type`, or from v4's bare `locked` flag (which only knew "reason" locks). */
export function locking(locked: boolean, lockingType: number | undefined): TpmLocking {
  if (lockingType === 2) return 'permission';
  if (lockingType === 1 || (locked && lockingType === undefined)) return 'reason';
  return 'none';
}

/**
 * Validates parsed JSON against a schema. A mismatch is a SchemaError naming the first bad field (never its
 * value: it may be a secret).
 */
export function parseTpm<S extends v.GenericSchema>(schema: S, data: unknown, what: string): v.InferOutput<S> {
  const result = v.safeParse(schema, data);
  if (result.success) return result.output;
  const issue = result.issues[0];
  const path = issue.path?.map((p) => String(p.key)).join('.') || '(root)';
  throw new SchemaError(`Unexpected ${what} from the server: field ${path} (${issue.expected ?? 'valid value'} expected).`);
}
