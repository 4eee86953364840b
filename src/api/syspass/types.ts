/** Clean, normalised sysPass records: flags are booleans, ids numbers, missing texts empty strings. */

/** A row of `account/search` (never holds the password, nor tags). */
export interface SyspassAccount {
  id: number;
  name: string;
  login: string;
  url: string;
  notes: string;
  clientId: number;
  clientName: string;
  categoryId: number;
  categoryName: string;
  userId: number;
  userName: string;
  userLogin: string;
  userGroupId: number;
  userGroupName: string;
  isPrivate: boolean;
  isPrivateGroup: boolean;
  otherUserEdit: boolean;
  otherUserGroupEdit: boolean;
  /** Linked (parent) account id; 0 = none. */
  parentId: number;
  /** Last password change, unix seconds. */
  passDate: number;
  /** Password expiry, unix seconds; 0 = none. */
  passDateChange: number;
  /** `YYYY-MM-DD HH:MM:SS` in the server's time zone, or null when never edited. */
  dateEdit: string | null;
  countView: number;
}

/** The object of `account/view` (and of create/edit/editPass/delete replies). It skips the server's ACL: not proof of access. */
export interface SyspassAccountDetails extends SyspassAccount {
  dateAdd: string | null;
  countDecrypt: number;
  userEditId: number;
  userEditName: string;
  userEditLogin: string;
}

export interface SyspassCategory {
  id: number;
  name: string;
  description: string;
}

export interface SyspassClientItem {
  id: number;
  name: string;
  description: string;
  isGlobal: boolean;
}

export interface SyspassTag {
  id: number;
  name: string;
}

/** `account/search` filters. `text` matches name, login, url and notes (`_` and `%` are wildcards on the server). */
export interface AccountSearchParams {
  text?: string;
  /** Rows to return; 0 = all. Default 50 on the server. */
  count?: number;
  categoryId?: number;
  clientId?: number;
  tagsId?: number[];
  /** How all filters combine (default "and"; with "and" every tag must be present). */
  op?: 'and' | 'or';
}

/** The editable fields of an account (everything `account/edit` replaces). */
export interface SyspassAccountFields {
  name: string;
  clientId: number;
  categoryId: number;
  login: string;
  url: string;
  notes: string;
  isPrivate: boolean;
  isPrivateGroup: boolean;
  /** Password expiry, unix seconds; 0 = none. */
  expireDate: number;
  parentId: number;
  userId: number;
  userGroupId: number;
}

/** `account/create` input: name, client, category and password are required. */
export interface SyspassNewAccount extends Partial<Omit<SyspassAccountFields, 'name' | 'clientId' | 'categoryId'>> {
  name: string;
  clientId: number;
  categoryId: number;
  password: string;
  tagsId?: number[];
}

/** Changes for `account/edit`; unchanged fields are read from the server and sent back. */
export interface SyspassAccountChanges extends Partial<SyspassAccountFields> {
  /** Replaces the tags when non-empty. The API cannot clear tags, so an empty list is refused. */
  tagsId?: number[];
}
