/**
 * The normalised model the whole extension uses, whatever the server (TPM or sysPass).
 * Secrets are kept out by construction: no type here has a password, OTP or secret custom-field value.
 */

/** Which kind of server a source is. */
export type SourceKind = 'tpm' | 'syspass';

/** TPM: shared passwords live in projects, personal ones in "My Passwords". sysPass accounts are 'shared'. */
export type EntryKind = 'shared' | 'personal';

/** TPM `locking_type`: 0 not locked, 1 unlock needs a reason, 2 unlock needs a permission request. */
export type LockedType = 0 | 1 | 2;

/** TPM `expiry_status`: 0 ok, 1 expires today, 2 expired, 3 expires soon. */
export type ExpiryStatus = 0 | 1 | 2 | 3;

/** A custom field's label and type only; its value is fetched with the secret, never cached. */
export interface CustomFieldLabel {
  label: string;
  /** The server's type name, e.g. "Text", "Encrypted text", "One Time Password". */
  type: string;
  /** True when the value must be treated like a password (encrypted text, password, OTP). */
  secret: boolean;
}

/** One login as the extension sees it. Metadata only: safe to cache (encrypted) and index. */
export interface Entry {
  /** Globally unique: `${sourceId}:${kind}:${remoteId}` (see {@link entryId}). */
  id: string;
  sourceId: string;
  /** The server's id; unique only per source and kind. */
  remoteId: number;
  kind: EntryKind;
  name: string;
  username?: string;
  email?: string;
  /**
   * The server's URL text, as stored: TPM `access_info`, sysPass `url`. One element may hold several URLs
   * or free text; the matcher parses each element with `parseEntryUrls`.
   */
  urls: string[];
  tags: string[];
  /** Project names from the root down to the entry's project; empty for personal entries. */
  projectPath: string[];
  /** The project's {@link Project.id}, when the entry is in one. */
  projectId?: string;
  notesSnippet?: string;
  favorite: boolean;
  archived: boolean;
  lockedType: LockedType;
  /** "YYYY-MM-DD". */
  expiryDate?: string;
  expiryStatus?: ExpiryStatus;
  customFieldLabels: CustomFieldLabel[];
  /** An OTP custom field exists; its code is fetched on demand. */
  hasOtp: boolean;
  /** ISO 8601. */
  updatedAt?: string;
}

/** A node of a source's project tree (TPM projects, sysPass categories/clients). */
export interface Project {
  /** Globally unique: `${sourceId}:project:${remoteId}` (see {@link projectId}). */
  id: string;
  sourceId: string;
  remoteId: number;
  name: string;
  /** The parent's {@link Project.id}; absent for a root project. */
  parentId?: string;
  /** Names from the root down to and including this project. */
  path: string[];
  /** The user may create entries in this project (TPM `subprojects/new_pwd`). */
  canCreate?: boolean;
}

/**
 * What lists and messages carry: enough to render a row and act on it, nothing more.
 * No notes, no custom fields, and one link instead of the raw URL text.
 */
export interface EntrySummary {
  id: string;
  sourceId: string;
  kind: EntryKind;
  name: string;
  username?: string;
  email?: string;
  /** The first http(s) link of the entry, to open; absent when it has none. */
  url?: string;
  projectPath: string[];
  tags: string[];
  favorite: boolean;
  archived: boolean;
  lockedType: LockedType;
  expiryStatus?: ExpiryStatus;
  hasOtp: boolean;
}

/** Builds the globally unique id of an entry; the same remote id can exist in two sources or kinds. */
export function entryId(sourceId: string, kind: EntryKind, remoteId: number): string {
  return `${sourceId}:${kind}:${remoteId}`;
}

/** Builds the globally unique id of a project. */
export function projectId(sourceId: string, remoteId: number): string {
  return `${sourceId}:project:${remoteId}`;
}

/**
 * Copies the UI-safe subset of an entry. `firstLink` is passed in (usually `parseEntryUrls(...)[0]?.href`)
 * so this module stays free of URL parsing.
 */
export function toEntrySummary(entry: Entry, firstLink?: string): EntrySummary {
  const summary: EntrySummary = {
    id: entry.id,
    sourceId: entry.sourceId,
    kind: entry.kind,
    name: entry.name,
    projectPath: entry.projectPath,
    tags: entry.tags,
    favorite: entry.favorite,
    archived: entry.archived,
    lockedType: entry.lockedType,
    hasOtp: entry.hasOtp,
  };
  if (entry.username !== undefined) summary.username = entry.username;
  if (entry.email !== undefined) summary.email = entry.email;
  if (firstLink !== undefined) summary.url = firstLink;
  if (entry.expiryStatus !== undefined) summary.expiryStatus = entry.expiryStatus;
  return summary;
}
