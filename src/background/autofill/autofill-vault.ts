/**
 * The narrow view of the vault that autofill needs. The worker's wiring passes the real one to
 * {@link setAutofillVault}; until then autofill sees a locked, empty vault and offers nothing.
 */
import type { EntrySummary } from '../../vault/entry';

/** One entry offered for a frame. */
export interface AutofillMatch {
  entry: EntrySummary;
  /** The entry names https and the frame is plain http: fill only after the user confirms. */
  askFirst: boolean;
}

export interface AutofillVault {
  /** True while the keyring is locked: nothing is offered. */
  locked(): Promise<boolean>;
  /** Entries for a frame's URL, best first, from the local index (never a server request). */
  matchUrl(url: string): Promise<AutofillMatch[]>;
  /** The entry's login, fetched from its server on demand (never cached at rest). `reason`: TPM locked type 1. */
  loginFor(entryId: string, reason?: string): Promise<{ username?: string; email?: string; password?: string }>;
  /** The entry's current one-time code, when it has one. */
  otpFor(entryId: string): Promise<string | undefined>;
  /** The user's autofill options (both off by default). */
  options(): Promise<{ fillOnLoad: boolean; autoSubmit: boolean }>;
}

const lockedVault: AutofillVault = {
  locked: async () => true,
  matchUrl: async () => [],
  loginFor: async () => ({}),
  otpFor: async () => undefined,
  options: async () => ({ fillOnLoad: false, autoSubmit: false }),
};

let current: AutofillVault = lockedVault;

/** Installs the vault autofill works with (call once at the worker's top level). */
export function setAutofillVault(vault: AutofillVault): void {
  current = vault;
}

export function autofillVault(): AutofillVault {
  return current;
}
