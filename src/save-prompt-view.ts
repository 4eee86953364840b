/**
 * What the save prompt (an extension frame in a page) and the worker say to each other: the places a login can go,
 * what the prompt shows, the user's choice and its outcome. No password travels to the prompt, except one the
 * user asked to have generated.
 */
import type { ErrorCode } from './errors';
import type { LockedType, SourceKind } from './vault/entry';

/** A place the save prompt offers. */
export interface SavePlace {
  id: string;
  kind: 'personal' | 'project' | 'category';
  path: string[];
}

/** A server the user may save to, with the places its server allows. */
export interface SaveServerChoice {
  id: string;
  name: string;
  kind: SourceKind;
  places: SavePlace[];
}

/** What the save prompt shows. No password: it stays in the worker. */
export interface SavePromptState {
  mode: 'save' | 'update';
  host: string;
  name: string;
  username: string;
  url: string;
  servers: SaveServerChoice[];
  /** Preselected place (e.g. the project of an entry for the same site). */
  placeId?: string;
  /** For `update`: the entry whose password changed. */
  entry?: { id: string; name: string; username?: string; path: string[]; server: string; lockedType: LockedType };
  /** For `update`: why the entry's server cannot store this password as it is (nothing was sent). */
  passwordIssue?: PasswordIssueView;
}

/** Why a password cannot be saved as it is, in words; `canAccept`: the server would store it changed (not refuse it). */
export interface PasswordIssueView {
  text: string;
  canAccept: boolean;
}

/** Before anything is sent: what the chosen server would do with the login, in words. */
export interface SaveCheckView {
  /** Fields the server will store differently from what the prompt shows: as they will be stored, to confirm. */
  changed: { field: 'name' | 'username' | 'url'; stored: string }[];
  /** Why fields cannot be saved as they are (each names the field and the limit). */
  refused: string[];
  /** Why the password cannot be saved as it is. */
  password?: PasswordIssueView;
}

/** The user's answer in the save prompt. */
export interface SavePromptChoice {
  token: string;
  action: 'save' | 'update' | 'generate' | 'never' | 'dismiss';
  sourceId?: string;
  placeId?: string;
  name?: string;
  username?: string;
  url?: string;
  /** Unlock reason for a TPM entry locked with "reason required". */
  reason?: string;
  /** What the user agreed to after the prompt showed it: the fields as they will be stored, a changed password. */
  accept?: { fields?: boolean; password?: boolean };
}

/**
 * `saved`/`updated`: on the server now (read back and compared); `queued`: kept and retried (a transient error);
 * `failed`: stopped with a permanent error (`code`, `message`), kept in the popup's list; `check`: nothing sent,
 * the server would change or refuse something; `generated`: a new password for the user to set on the site;
 * `closed`: never/dismiss done.
 */
export interface SavePromptOutcome {
  status: 'saved' | 'updated' | 'queued' | 'failed' | 'check' | 'generated' | 'closed';
  /** Server name and place, e.g. "Company TPM › Shared services". */
  where?: string;
  message?: string;
  code?: ErrorCode;
  check?: SaveCheckView;
  /** For `generated` only (shown in the prompt, an extension frame). */
  password?: string;
}
