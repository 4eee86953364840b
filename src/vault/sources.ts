/**
 * One interface over both server kinds. The worker talks to servers only through a `Source`; each adapter
 * (`tpm-source.ts`, `syspass-source.ts`) turns its client's answers into the vault's own model.
 */
import type { Entry, Project, SourceKind } from './entry';

/** Reports list progress while a sync runs: entries read so far, and the total when known (0 until then). */
export type Progress = (done: number, total: number) => void;

export interface SyncOptions {
  signal?: AbortSignal;
  onProgress?: Progress;
}

/** A full list's result. */
export interface Listed {
  entries: Entry[];
  projects: Project[];
  /** What {@link Source.probe} answers while the lists stay as they are (absent: the source has no probe). */
  fingerprint?: string;
}

/** What the vault already holds of a source (to merge additions into). */
export interface Known {
  entries: readonly Entry[];
  projects: readonly Project[];
}

/** Who the credentials belong to, as "Test connection" shows it. */
export interface SourceIdentity {
  user: string;
  version?: string;
  role?: string;
  readOnly: boolean;
  /** Human-readable facts: API version, personal passwords on/off, granted actions… */
  details: string[];
}

/** A field of an entry as the details view shows it; secret values only when asked for. */
export interface DetailField {
  index: number;
  label: string;
  type: string;
  secret: boolean;
  /** Present for non-secret fields. */
  value?: string;
}

/** What the details view needs beyond the cached metadata (fetched when the user opens an entry). */
export interface SourceDetails {
  notes?: string;
  customFields: DetailField[];
  hasPassword: boolean;
  hasOtp: boolean;
  webUrl?: string;
  /** Where `webUrl` cannot show the entry itself: what to type into the server's search to find it. */
  webSearchText?: string;
}

/**
 * Where a new login may be saved. Plain data (it is stored in the save queue and sent to the save prompt).
 * `id` follows the {@link Project.id} scheme of the same source where there is a project, so the prompt can
 * preselect the project of a matching entry.
 */
export type SaveTarget =
  /** TPM "My Passwords". */
  | { kind: 'personal'; id: string; sourceId: string; path: string[] }
  /** A TPM project where the user may create passwords (`subprojects/new_pwd` not disabled). */
  | { kind: 'project'; id: string; sourceId: string; projectId: number; path: string[] }
  /** A sysPass client and category (any pair: sysPass does not tie categories to clients). */
  | { kind: 'category'; id: string; sourceId: string; clientId: number; categoryId: number; path: string[] };

/** A login to save as a new entry. The password passes through; it is never part of an {@link Entry}. */
export interface NewLogin {
  name: string;
  username?: string;
  email?: string;
  /** The page's URL (TPM `access_info`, sysPass `url`). */
  url: string;
  password: string;
}

/** A field of a new login as the save prompt shows it. */
export type SaveField = 'name' | 'username' | 'url';

/** Why a value cannot be saved at all: over the server's limit, characters it cannot hold, or missing. */
export type ValueIssue =
  | { kind: 'too_long'; max: number; unit: 'characters' | 'bytes' }
  | { kind: 'unstorable'; chars: string[] }
  | { kind: 'required' };

/**
 * What the server would do to a password: store it changed (`edges`: spaces trimmed at the start and end; `parts`:
 * each run of characters it drops, by its first character and length), or refuse it.
 */
export type PasswordIssue = { kind: 'altered'; edges: number; parts: { first: string; length: number }[] } | ValueIssue;

/** A login checked against what its server stores, before anything is sent. */
export interface SaveCheck {
  /** The login to send: the one given, with what the client shortens or encodes itself (a URL that does not fit). */
  login: NewLogin;
  /** Fields the server will store differently from what the user typed: shown as they will be, to confirm. */
  changed: { field: SaveField; stored: string }[];
  /** Fields that cannot be saved as they are. */
  refused: { field: SaveField; issue: ValueIssue }[];
  /** Why the password cannot be saved as it is, if it cannot. */
  password?: PasswordIssue;
}

/** What the user agreed to after being shown it: the fields as they will be stored, a changed password. */
export interface Accepted {
  fields?: boolean;
  password?: boolean;
}

/** A server the vault reads from and writes to. Secrets pass through, never stay. */
export interface Source {
  readonly id: string;
  readonly kind: SourceKind;
  /** Checks the credentials with real calls. */
  identify(options?: SyncOptions): Promise<SourceIdentity>;
  /**
   * Every entry the user may see (TPM shared + personal; sysPass accounts) with project paths filled in, and the
   * project tree (TPM projects and subprojects; sysPass clients and categories).
   */
  /** `known`: what the vault holds of this source; an adapter may keep parts the list shows unchanged. */
  list(options?: SyncOptions & { known?: Known }): Promise<Listed>;
  /**
   * Change detection before transfer, where the server offers something cheaper than the list (sysPass does not:
   * its one search lists everything). The lists' {@link Listed.fingerprint} as the cheapest requests show it now:
   * the same value means no change these requests can see (each adapter says which changes they cannot see).
   */
  probe?(options?: SyncOptions): Promise<string>;
  /**
   * The entries added between two fingerprints, read without the full list; undefined when the change is more
   * than additions the adapter can read cheaply (then the full list is read).
   */
  added?(known: Known, from: string, to: string, options?: SyncOptions): Promise<Entry[] | undefined>;
  /**
   * The entries whose URLs hold `domain`, as the server's own search finds them (a login page that matches
   * nothing locally asks this, the way the official TPM extension asks on every page).
   */
  lookup?(domain: string, known: Known, options?: SyncOptions): Promise<Entry[]>;
  details(entry: Entry, options?: SyncOptions): Promise<SourceDetails>;
  /** The password (`field` 0) or a secret custom field's value; `reason` unlocks TPM type-1 locked entries. */
  secret(entry: Entry, field: number, reason?: string): Promise<string>;
  /** The current one-time code of the entry's OTP field. */
  otp(entry: Entry): Promise<string>;
  setFavorite(entry: Entry, favorite: boolean): Promise<void>;
  /** A password from the server's own generator (TPM `generate_password`, its policy applies); `undefined` when the server has none. */
  generate(): Promise<string | undefined>;
  /** Where the user may save a new login, in tree order with full paths; none for read-only users. */
  saveTargets(): Promise<SaveTarget[]>;
  /** What the server would store for a new login, and what it would refuse; no request. */
  checkCreate(target: SaveTarget, login: NewLogin): SaveCheck;
  /** Why the server would not store this new password as it is, if so; no request. */
  checkPassword(entry: Entry, password: string): PasswordIssue | undefined;
  /**
   * Creates an entry, then reads it back: a difference from what was expected is an `altered` error. Refuses what
   * {@link Source.checkCreate} refuses, and changes the user has not `accepted`. Sent once: a lost reply is
   * resolved by {@link Source.findExisting}, never by re-sending.
   */
  create(target: SaveTarget, login: NewLogin, options?: { accepted?: Accepted }): Promise<Entry>;
  /**
   * Changes only the password (every other field of the entry stays as it is on the server), then reads it back.
   * `reason` unlocks a TPM type-1 locked entry.
   */
  updatePassword(entry: Entry, password: string, options?: { reason?: string; accepted?: Accepted }): Promise<void>;
  /**
   * The entry a create of `login` into `target` made, if one exists (same name, username and URL in that place):
   * asked before re-sending a create whose reply was lost.
   */
  findExisting(target: SaveTarget, login: NewLogin): Promise<Entry | undefined>;
}
