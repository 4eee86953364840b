/**
 * Valibot schemas for every TPM answer, each piped into a normaliser that returns the clean types of `types.ts`.
 * Real servers are inconsistent (ids as strings in some endpoints, `""` vs `null`), so primitives are tolerant
 * and the shapes are strict only where the extension depends on them.
 */
import * as v from 'valibot';
import { SchemaError } from '../../errors';
import type {
  TpmCount,
  TpmCustomField,
  TpmCustomFieldKind,
  TpmExpiryStatus,
  TpmLocking,
  TpmMe,
  TpmMyPassword,
  TpmMyPasswordSummary,
  TpmPassword,
  TpmPasswordSummary,
  TpmPermission,
  TpmProject,
  TpmProjectNode,
  TpmProjectSummary,
  TpmUserRef,
  TpmVersion,
} from './types';

// ---- primitives -------------------------------------------------------------------------------------------

/**
 * An id or counter: a number, or a string of digits (several endpoints send `"18"`). Always a safe integer: a
 * fractional or huge id would pass here and then fail the cache's entry check, dropping the whole source.
 */
const num = v.pipe(
  v.union([v.number(), v.pipe(v.string(), v.regex(/^\s*-?\d+\s*$/))]),
  v.transform(Number),
  v.check((n: number) => Number.isSafeInteger(n), 'an integer'),
);
const optNum = v.pipe(v.nullish(num), v.transform((x) => x ?? undefined));
/** Free text: `""`, whitespace and `null` all mean "absent". Numbers are accepted and stringified. */
const text = v.pipe(
  v.nullish(v.union([v.string(), v.number()])),
  v.transform((x) => (x === null || x === undefined || String(x).trim() === '' ? undefined : String(x))),
);
/** A secret: only `""`/`null` mean absent (a password of spaces is still a password). */
const secret = v.pipe(
  v.nullish(v.union([v.string(), v.number()])),
  v.transform((x) => (x === null || x === undefined || x === '' ? undefined : String(x))),
);
const requiredText = v.pipe(v.union([v.string(), v.number()]), v.transform(String));
const flagInput = v.nullish(v.union([v.boolean(), v.number(), v.string()]));
const isTrue = (x: string | number | boolean | null | undefined) => x === true || x === 1 || x === '1' || x === 'true';
/** A boolean; PHP-ish `0`/`1`/`"1"` are accepted. Absent means false. */
const flag = v.pipe(flagInput, v.transform(isTrue));
/** A boolean only newer API versions send: absent stays absent. */
const optFlag = v.pipe(flagInput, v.transform((x) => (x === null || x === undefined ? undefined : isTrue(x))));

function splitList(value: string | undefined, separators: RegExp): string[] {
  return value === undefined ? [] : value.split(separators).map((s) => s.trim()).filter(Boolean);
}
/** `tags` is one comma string. */
const tags = v.pipe(text, v.transform((x) => splitList(x, /,/)));
/** `access_info` may hold several URLs separated by commas (or line breaks). */
export function splitAccessInfo(accessInfo: string | undefined): string[] {
  return splitList(accessInfo, /[,\r\n]+/);
}

const permission = v.pipe(
  v.nullish(v.object({ id: num, label: v.nullish(v.string()) })),
  v.transform((p): TpmPermission | undefined => (p ? { id: p.id, label: p.label ?? '' } : undefined)),
);

const userRef = v.pipe(
  v.nullish(v.object({ id: num, username: text, name: text, email_address: text, role: text })),
  v.transform((u): TpmUserRef | undefined =>
    u ? { id: u.id, username: u.username ?? '', name: u.name ?? u.username ?? '', email: u.email_address, role: u.role } : undefined,
  ),
);

const EXPIRY: Record<number, TpmExpiryStatus> = { 0: 'none', 1: 'today', 2: 'expired', 3: 'soon' };
const expiryStatus = v.pipe(v.nullish(num), v.transform((x): TpmExpiryStatus => EXPIRY[x ?? 0] ?? 'none'));

/** Locking from v5 `locking_type`, or from v4's bare `locked` flag (which only knew "reason" locks). */
function locking(locked: boolean, lockingType: number | undefined): TpmLocking {
  if (lockingType === 2) return 'permission';
  if (lockingType === 1 || (locked && lockingType === undefined)) return 'reason';
  return 'none';
}

// ---- passwords ----------------------------------------------------------------------------------------------

const passwordSummaryEntries = {
  id: num,
  name: requiredText,
  project: v.nullish(v.object({ id: optNum, name: text })),
  notes_snippet: text,
  tags,
  access_info: text,
  username: text,
  email: text,
  archived: flag,
  favorite: flag,
  num_files: optNum,
  locked: flag,
  locking_type: optNum,
  expiry_date: text,
  expiry_status: expiryStatus,
  external_sharing: flag,
  has_password: optFlag,
  linked: optFlag,
  project_archived: optFlag,
  updated_on: text,
};
type PasswordSummaryRaw = v.InferOutput<v.ObjectSchema<typeof passwordSummaryEntries, undefined>>;

function toPasswordSummary(r: PasswordSummaryRaw): TpmPasswordSummary {
  return {
    id: r.id,
    name: r.name,
    project: r.project ? { id: r.project.id, name: r.project.name ?? '' } : undefined,
    notesSnippet: r.notes_snippet,
    tags: r.tags ?? [],
    accessInfo: r.access_info,
    urls: splitAccessInfo(r.access_info),
    username: r.username,
    email: r.email,
    archived: r.archived === true,
    favorite: r.favorite === true,
    numFiles: r.num_files ?? 0,
    locked: r.locked === true || (r.locking_type ?? 0) > 0,
    locking: locking(r.locked === true, r.locking_type),
    expiryDate: r.expiry_date,
    expiryStatus: r.expiry_status ?? 'none',
    externalSharing: r.external_sharing === true,
    hasPassword: r.has_password,
    linked: r.linked,
    projectArchived: r.project_archived,
    updatedOn: r.updated_on,
  };
}

/** One item of `passwords.json`, searches, favorites, archived and `projects/{id}/passwords.json`. */
export const passwordSummarySchema = v.pipe(v.object(passwordSummaryEntries), v.transform(toPasswordSummary));

const CUSTOM_KINDS: Record<string, TpmCustomFieldKind> = {
  text: 'text',
  'encrypted text': 'encrypted_text',
  password: 'password',
  'e-mail': 'email',
  email: 'email',
  notes: 'notes',
  'encrypted notes': 'encrypted_notes',
  'one time password': 'otp',
  otp: 'otp',
  date: 'date',
  url: 'url',
};
const SECRET_KINDS = new Set<TpmCustomFieldKind>(['password', 'encrypted_text', 'encrypted_notes', 'otp']);

const customFieldRaw = v.nullish(
  v.object({ type: v.nullish(v.string()), label: text, data: secret, otp_value: secret }),
);
type CustomKey = `custom_field${1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10}`;
const customEntries = Object.fromEntries(
  Array.from({ length: 10 }, (_, i) => [`custom_field${i + 1}`, customFieldRaw]),
) as Record<CustomKey, typeof customFieldRaw>;

function toCustomFields(raw: Partial<Record<CustomKey, v.InferOutput<typeof customFieldRaw>>>): TpmCustomField[] {
  const fields: TpmCustomField[] = [];
  for (let index = 1; index <= 10; index++) {
    const f = raw[`custom_field${index}` as CustomKey];
    if (!f) continue;
    const rawType = f.type ?? 'Text';
    const kind = CUSTOM_KINDS[rawType.trim().toLowerCase()] ?? 'text';
    // TPM 10.135.236 sent the OTP seed in `data` and the code in `otp_value`; later versions send the code in `data`.
    const value = kind === 'otp' ? (f.otp_value ?? f.data) : f.data;
    fields.push({ index, kind, rawType, label: f.label ?? `Custom field ${index}`, value, secret: SECRET_KINDS.has(kind) });
  }
  return fields;
}

/** `passwords/{id}.json`. */
export const passwordSchema = v.pipe(
  v.object({
    ...passwordSummaryEntries,
    ...customEntries,
    password: secret,
    notes: text,
    parents: v.nullish(v.array(num)),
    user_permission: permission,
    external_url: text,
    managed_by: userRef,
    created_on: text,
    created_by: userRef,
    updated_by: userRef,
    locking_request_notify: optNum,
    source_password_id: optNum,
  }),
  v.transform(
    (r): TpmPassword => ({
      ...toPasswordSummary(r),
      password: r.password,
      notes: r.notes,
      customFields: toCustomFields(r),
      parents: r.parents ?? [],
      userPermission: r.user_permission,
      externalUrl: r.external_url,
      managedBy: r.managed_by,
      createdOn: r.created_on,
      createdBy: r.created_by,
      updatedBy: r.updated_by,
      lockingRequestNotify: r.locking_request_notify,
      sourcePasswordId: r.source_password_id || undefined,
    }),
  ),
);

// ---- my passwords -----------------------------------------------------------------------------------------------

const myPasswordSummaryEntries = {
  id: num,
  name: requiredText,
  notes_snippet: text,
  tags,
  access_info: text,
  username: text,
  email: text,
  has_password: optFlag,
  updated_on: text,
};
type MyPasswordSummaryRaw = v.InferOutput<v.ObjectSchema<typeof myPasswordSummaryEntries, undefined>>;

function toMyPasswordSummary(r: MyPasswordSummaryRaw): TpmMyPasswordSummary {
  return {
    id: r.id,
    name: r.name,
    notesSnippet: r.notes_snippet,
    tags: r.tags ?? [],
    accessInfo: r.access_info,
    urls: splitAccessInfo(r.access_info),
    username: r.username,
    email: r.email,
    hasPassword: r.has_password,
    updatedOn: r.updated_on,
  };
}

/** One item of `my_passwords.json` and its searches. */
export const myPasswordSummarySchema = v.pipe(v.object(myPasswordSummaryEntries), v.transform(toMyPasswordSummary));

/** `my_passwords/{id}.json` (its `id` is a string on v4 servers). */
export const myPasswordSchema = v.pipe(
  v.object({ ...myPasswordSummaryEntries, password: secret, notes: text, created_on: text, created_by: userRef, updated_by: userRef }),
  v.transform(
    (r): TpmMyPassword => ({
      ...toMyPasswordSummary(r),
      password: r.password,
      notes: r.notes,
      createdOn: r.created_on,
      createdBy: r.created_by,
      updatedBy: r.updated_by,
    }),
  ),
);

// ---- projects ----------------------------------------------------------------------------------------------------

const projectSummaryEntries = {
  id: num,
  name: requiredText,
  tags,
  archived: flag,
  favorite: flag,
  num_files: optNum,
  managed_by: userRef,
  updated_on: text,
};
type ProjectSummaryRaw = v.InferOutput<v.ObjectSchema<typeof projectSummaryEntries, undefined>>;

function toProjectSummary(r: ProjectSummaryRaw): TpmProjectSummary {
  return {
    id: r.id,
    name: r.name,
    tags: r.tags ?? [],
    archived: r.archived === true,
    favorite: r.favorite === true,
    numFiles: r.num_files ?? 0,
    managedBy: r.managed_by,
    updatedOn: r.updated_on,
  };
}

/** One item of `projects.json`, `projects/archived.json`, `projects/favorite.json`, project searches. */
export const projectSummarySchema = v.pipe(v.object(projectSummaryEntries), v.transform(toProjectSummary));

/** `projects/{id}.json`. */
export const projectSchema = v.pipe(
  v.object({
    ...projectSummaryEntries,
    notes: text,
    parent_id: optNum,
    parents: v.nullish(v.array(num)),
    is_leaf: flag,
    num_passwords: optNum,
    user_permission: permission,
    grant_all_permission: permission,
    user_can_create_passwords: flag,
    created_on: text,
    created_by: userRef,
    updated_by: userRef,
  }),
  v.transform(
    (r): TpmProject => ({
      ...toProjectSummary(r),
      notes: r.notes,
      parentId: r.parent_id ?? 0,
      parents: r.parents ?? [],
      isLeaf: r.is_leaf === true,
      numPasswords: r.num_passwords ?? 0,
      userPermission: r.user_permission,
      grantAllPermission: r.grant_all_permission,
      userCanCreatePasswords: r.user_can_create_passwords === true,
      createdOn: r.created_on,
      createdBy: r.created_by,
      updatedBy: r.updated_by,
    }),
  ),
);

/** One node of `projects/{id}/subprojects.json` and `…/subprojects/{action}.json`. */
export const projectNodeSchema = v.pipe(
  v.object({ id: num, name: requiredText, has_children: flag, favorite: flag, archived: flag, disabled: flag, num_pwds: optNum, num_pwds_branch: optNum }),
  v.transform(
    (r): TpmProjectNode => ({
      id: r.id,
      name: r.name,
      hasChildren: r.has_children === true,
      favorite: r.favorite === true,
      archived: r.archived === true,
      disabled: r.disabled === true,
      numPasswords: r.num_pwds ?? 0,
      numPasswordsBranch: r.num_pwds_branch ?? r.num_pwds ?? 0,
    }),
  ),
);

// ---- users, version, misc ---------------------------------------------------------------------------------------------

/** `users/me.json` (its `id` is a string on real servers). */
export const meSchema = v.pipe(
  v.object({
    id: num,
    username: requiredText,
    name: text,
    email_address: text,
    role: requiredText,
    is_active: flag,
    is_ldap: flag,
    is_2fa_enabled: flag,
    last_login: text,
    groups: v.nullish(v.array(v.object({ id: num, name: text }))),
  }),
  v.transform(
    (r): TpmMe => ({
      id: r.id,
      username: r.username,
      name: r.name ?? r.username,
      email: r.email_address,
      role: r.role,
      readOnly: r.role.trim().toLowerCase() === 'read only',
      isActive: r.is_active === true,
      isLdap: r.is_ldap === true,
      is2faEnabled: r.is_2fa_enabled === true,
      lastLogin: r.last_login,
      groups: (r.groups ?? []).map((g) => ({ id: g.id, name: g.name ?? '' })),
    }),
  ),
);

/** `version.json` / `version/check_latest.json` (`api_version` is a string). */
export const versionSchema = v.pipe(
  v.object({ version: requiredText, version_date: text, api_version: num, latest_version: text }),
  v.transform((r): TpmVersion => ({ version: r.version, versionDate: r.version_date, apiVersion: r.api_version, latestVersion: r.latest_version })),
);

/** `…/count.json`. */
export const countSchema = v.pipe(
  v.object({ num_items: num, num_pages: num, num_items_per_page: num }),
  v.check((c) => c.num_items >= 0 && c.num_pages >= 0 && c.num_items_per_page >= 0, 'negative count'),
  v.transform((r): TpmCount => ({ numItems: r.num_items, numPages: r.num_pages, numItemsPerPage: r.num_items_per_page })),
);

/** `201 {"id": N}` of a create. */
export const createdSchema = v.pipe(v.object({ id: num }), v.transform((r) => r.id));

/** `generate_password.json`. */
export const generatedPasswordSchema = v.pipe(v.object({ password: v.pipe(v.string(), v.minLength(1)) }), v.transform((r) => r.password));

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
