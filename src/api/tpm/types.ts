/** Clean, normalised shapes of TPM data: what the rest of the extension sees (never the raw server JSON). */

/** The API versions this client speaks (v6 only adds what `connection.ts` uses: the page size). */
export type TpmApiVersion = 'v6' | 'v5' | 'v4';

/** Credentials for one TPM user. HMAC keeps the private key off the wire. */
export type TpmAuth = { kind: 'basic'; username: string; password: string } | { kind: 'hmac'; publicKey: string; privateKey: string };

/** `expiry_status`: 0 not expired, 1 expires today, 2 expired, 3 will expire soon. */
export type TpmExpiryStatus = 'none' | 'today' | 'expired' | 'soon';

/** `locking_type`: 0 not locked, 1 a reason is required, 2 a permission is required. */
export type TpmLocking = 'none' | 'reason' | 'permission';

/** Custom field kinds; an unknown server type is reported as `text` with its `rawType` kept. */
export type TpmCustomFieldKind = 'text' | 'encrypted_text' | 'password' | 'email' | 'notes' | 'encrypted_notes' | 'otp' | 'date' | 'url';

/** A `{ id, label }` permission as the server reports it (e.g. 30 `PWD_PERM_MANAGE`). */
export interface TpmPermission {
  id: number;
  label: string;
}

/** A user reference (managed_by, created_by, …). */
export interface TpmUserRef {
  id: number;
  username: string;
  name: string;
  email?: string;
  role?: string;
}

/** One filled custom field (`custom_field1..10`). `index` is N in `custom_fieldN` / `custom_dataN`. */
export interface TpmCustomField {
  index: number;
  kind: TpmCustomFieldKind;
  /** The type string as sent by the server (e.g. "One Time Password"). */
  rawType: string;
  label: string;
  /** For OTP fields: the current code (fixed at request time), not the seed. */
  value?: string;
  /** True for kinds that must be treated like a password (never cached at rest). */
  secret: boolean;
}

/** A shared password as it appears in list and search results. */
export interface TpmPasswordSummary {
  id: number;
  name: string;
  /** `id` is absent in `projects/{id}/passwords.json` lists (the server omits it there). */
  project?: { id?: number; name: string };
  notesSnippet?: string;
  tags: string[];
  /** The raw `access_info` text. */
  accessInfo?: string;
  /** `access_info` split on commas and line breaks, trimmed, empties dropped. */
  urls: string[];
  username?: string;
  email?: string;
  archived: boolean;
  favorite: boolean;
  numFiles: number;
  locked: boolean;
  locking: TpmLocking;
  /** `YYYY-MM-DD`. */
  expiryDate?: string;
  expiryStatus: TpmExpiryStatus;
  externalSharing: boolean;
  /** v5 only. */
  hasPassword?: boolean;
  linked?: boolean;
  projectArchived?: boolean;
  /** `YYYY-MM-DD HH:MM:SS`, server-local time (no zone). */
  updatedOn?: string;
}

/** A shared password with its secret and details (`passwords/{id}.json`). */
export interface TpmPassword extends TpmPasswordSummary {
  password?: string;
  notes?: string;
  customFields: TpmCustomField[];
  /** Project ancestry, root first. */
  parents: number[];
  userPermission?: TpmPermission;
  externalUrl?: string;
  managedBy?: TpmUserRef;
  createdOn?: string;
  createdBy?: TpmUserRef;
  updatedBy?: TpmUserRef;
  /** v5: 0/1/2 as sent. */
  lockingRequestNotify?: number;
  sourcePasswordId?: number;
}

/** A personal password in a list (`my_passwords.json`). */
export interface TpmMyPasswordSummary {
  id: number;
  name: string;
  notesSnippet?: string;
  tags: string[];
  accessInfo?: string;
  urls: string[];
  username?: string;
  email?: string;
  hasPassword?: boolean;
  updatedOn?: string;
}

/** A personal password with its secret (`my_passwords/{id}.json`). */
export interface TpmMyPassword extends TpmMyPasswordSummary {
  password?: string;
  notes?: string;
  createdOn?: string;
  createdBy?: TpmUserRef;
  updatedBy?: TpmUserRef;
}

/** A project in a list (`projects.json`). */
export interface TpmProjectSummary {
  id: number;
  name: string;
  tags: string[];
  archived: boolean;
  favorite: boolean;
  numFiles: number;
  managedBy?: TpmUserRef;
  updatedOn?: string;
}

/** A project's details (`projects/{id}.json`). */
export interface TpmProject extends TpmProjectSummary {
  notes?: string;
  /** 0 for a root project. */
  parentId: number;
  parents: number[];
  isLeaf: boolean;
  numPasswords: number;
  userPermission?: TpmPermission;
  grantAllPermission?: TpmPermission;
  userCanCreatePasswords: boolean;
  createdOn?: string;
  createdBy?: TpmUserRef;
  updatedBy?: TpmUserRef;
}

/** A node of the project tree (`projects/{id}/subprojects[/action].json`). */
export interface TpmProjectNode {
  id: number;
  name: string;
  hasChildren: boolean;
  favorite: boolean;
  archived: boolean;
  /** True when the action (e.g. `new_pwd`) is not allowed in this project. */
  disabled: boolean;
  numPasswords: number;
  numPasswordsBranch: number;
}

/** The signed-in user (`users/me.json`). */
export interface TpmMe extends TpmUserRef {
  role: string;
  /** `role === "Read only"`: cannot create or edit anything. */
  readOnly: boolean;
  isActive: boolean;
  isLdap: boolean;
  is2faEnabled: boolean;
  lastLogin?: string;
  groups: { id: number; name: string }[];
}

/** `version.json`. */
export interface TpmVersion {
  version: string;
  versionDate?: string;
  /** The API version the server reports (a string on the wire). */
  apiVersion: number;
  latestVersion?: string;
}

/** `…/count.json`. */
export interface TpmCount {
  numItems: number;
  numPages: number;
  numItemsPerPage: number;
}

/** Writable fields of a shared password. Custom values go by index (written as `custom_dataN`). */
export interface TpmPasswordInput {
  name?: string;
  tags?: string[];
  accessInfo?: string;
  username?: string;
  email?: string;
  password?: string;
  /** `YYYY-MM-DD`, or `''` to clear. */
  expiryDate?: string;
  notes?: string;
  customData?: Partial<Record<1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10, string>>;
}

/** Writable fields of a personal password. */
export interface TpmMyPasswordInput {
  name?: string;
  tags?: string[];
  accessInfo?: string;
  username?: string;
  email?: string;
  password?: string;
  notes?: string;
}
