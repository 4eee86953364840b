/** Valibot schemas for sysPass replies, with the normalisers that turn PHP's loose types into `types.ts` records. */
import * as v from 'valibot';
import { SchemaError } from '../../errors';
import type { SyspassAccount, SyspassAccountDetails, SyspassCategory, SyspassClientItem, SyspassTag } from './types';

/** An integer that may arrive as a number or a numeric string (PHP drivers differ). */
const int = v.pipe(
  v.union([v.number(), v.pipe(v.string(), v.regex(/^-?\d+$/))]),
  v.transform((x) => Number(x)),
  v.check((n: number) => Number.isSafeInteger(n), 'not an integer'),
);
/** A 0/1 flag as number, string or boolean; absent means 0. */
const flag = v.optional(
  v.pipe(
    v.union([v.number(), v.string(), v.boolean()]),
    v.transform((x) => Number(x) === 1),
  ),
  0,
);
/** A text that may be null or absent (login, url, notes, names on some versions). */
const text = v.pipe(
  v.optional(v.nullable(v.string()), ''),
  v.transform((x) => x ?? ''),
);
/** An integer that may be null or absent; 0 then. */
const optionalInt = v.pipe(
  v.optional(v.nullable(int), 0),
  v.transform((x) => x ?? 0),
);
const date = v.optional(v.nullable(v.string()), null);

const accountEntries = {
  id: int,
  name: text,
  login: text,
  url: text,
  notes: text,
  clientId: int,
  clientName: text,
  categoryId: int,
  categoryName: text,
  userId: optionalInt,
  userName: text,
  userLogin: text,
  userGroupId: optionalInt,
  userGroupName: text,
  isPrivate: flag,
  isPrivateGroup: flag,
  otherUserEdit: flag,
  otherUserGroupEdit: flag,
  parentId: optionalInt,
  passDate: optionalInt,
  passDateChange: optionalInt,
  dateEdit: date,
  countView: optionalInt,
};

export const AccountRowSchema = v.object(accountEntries);

export const AccountDetailsSchema = v.object({
  ...accountEntries,
  dateAdd: date,
  countDecrypt: optionalInt,
  userEditId: optionalInt,
  userEditName: text,
  userEditLogin: text,
});

export const AccountRowsSchema = v.array(AccountRowSchema);
export const PasswordSchema = v.object({ password: v.string() });
export const CategoryRowsSchema = v.array(v.object({ id: int, name: text, description: text }));
export const ClientRowsSchema = v.array(v.object({ id: int, name: text, description: text, isGlobal: flag }));
export const TagRowsSchema = v.array(v.object({ id: int, name: text }));

/** The JSON-RPC reply: either `result` (the sysPass envelope) or `error`. */
export const RpcReplySchema = v.object({
  jsonrpc: v.optional(v.string()),
  result: v.optional(
    v.object({
      itemId: optionalInt,
      result: v.unknown(),
      resultCode: v.optional(v.unknown()),
      resultMessage: v.optional(v.nullable(v.string()), null),
      count: v.optional(v.nullable(int), null),
    }),
  ),
  error: v.optional(v.object({ code: int, message: v.optional(v.string(), ''), data: v.optional(v.nullable(v.unknown()), null) })),
  id: v.optional(v.unknown()),
});

/** Parses `value` or throws a SchemaError naming what did not fit (never echoes the value: it may hold secrets). */
export function parseWith<S extends v.GenericSchema>(schema: S, value: unknown, what: string): v.InferOutput<S> {
  const parsed = v.safeParse(schema, value);
  if (parsed.success) return parsed.output;
  const issue = parsed.issues[0];
  const path = issue.path?.map((p) => String(p.key)).join('.') ?? '';
  throw new SchemaError(`The sysPass server sent an unexpected ${what}${path ? ` (at ${path})` : ''}: ${issue.message}`);
}

export type { SyspassAccount, SyspassAccountDetails, SyspassCategory, SyspassClientItem, SyspassTag };
