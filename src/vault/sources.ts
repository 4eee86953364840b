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
  list(options?: SyncOptions): Promise<{ entries: Entry[]; projects: Project[] }>;
  details(entry: Entry, options?: SyncOptions): Promise<SourceDetails>;
  /** The password (`field` 0) or a secret custom field's value; `reason` unlocks TPM type-1 locked entries. */
  secret(entry: Entry, field: number, reason?: string): Promise<string>;
  /** The current one-time code of the entry's OTP field. */
  otp(entry: Entry): Promise<string>;
  setFavorite(entry: Entry, favorite: boolean): Promise<void>;
}
