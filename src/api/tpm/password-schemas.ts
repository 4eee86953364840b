/**
 * Schemas of the TPM password answers (shared passwords and My Passwords), each piped into a normaliser that
 * returns the clean types of `types.ts`; strict only where the extension depends on the shape.
 */
import * as v from 'valibot';
import type { TpmCustomField, TpmCustomFieldKind, TpmMyPassword, TpmMyPasswordSummary, TpmPassword, TpmPasswordSummary } from './types';
import {
  expiryStatus,
  flag,
  locking,
  num,
  optFlag,
  optNum,
  permission,
  requiredText,
  secret,
  splitAccessInfo,
  tags,
  text,
  userRef,
} from './schema-fields';

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

const customFieldRaw = v.nullish(v.object({ type: v.nullish(v.string()), label: text, data: secret, otp_value: secret }));
type CustomKey = `custom_field${1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10}`;
const customEntries = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`custom_field${i + 1}`, customFieldRaw])) as Record<
  CustomKey,
  typeof customFieldRaw
>;

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
