/**
 * The typed protocol between the worker, our pages (popup, options, in-page frames) and the content scripts.
 * Each request kind has a result type here and a body schema in `message-schemas.ts` (checked by the router
 * before any handler runs). Only types: pages and content scripts import them, and no code of this file reaches
 * a web page.
 */
import type { ErrorCode } from './errors';
import type { EntrySummary, SourceKind } from './vault/entry';
import type { PendingSave } from './vault/save-job';
import type { ServerPreset } from './server-presets';
import type { SavePromptChoice, SavePromptOutcome, SavePromptState } from './save-prompt-view';
import type { DetectedServer } from './api/detect-server';

export type { EntrySummary } from './vault/entry';
export type { PendingSave } from './vault/save-job';
export type { DetectedServer } from './api/detect-server';

/** How a server authenticates; the secret parts live only in the encrypted keyring. */
export type ServerCredentials =
  | { kind: 'tpm-basic'; username: string; password: string }
  | { kind: 'tpm-hmac'; publicKey: string; privateKey: string }
  | { kind: 'syspass'; authToken: string; tokenPassword: string };

/** A server as the options page edits it. `credentials` may be omitted on edit to keep the stored ones. */
export interface ServerInput {
  /** Absent when adding. */
  id?: string;
  kind: SourceKind;
  /** Shown in badges and errors, e.g. "Company TPM". */
  name: string;
  baseUrl: string;
  credentials?: ServerCredentials;
}

/** Sync and health of one server, as every screen shows it. */
export interface SourceStatus {
  id: string;
  kind: SourceKind;
  name: string;
  baseUrl: string;
  /** `tpm-basic`, `tpm-hmac` or `syspass`: no secret. */
  authKind: ServerCredentials['kind'];
  /** For TPM Basic, the user name (not secret; shown in the settings). */
  username?: string;
  entryCount: number;
  /** ISO time of the last successful sync. */
  lastSyncAt?: string;
  /** Why the last sync failed, when it did; the cached entries stay visible. */
  lastError?: { code: ErrorCode; message: string; at: string };
  /** A sync of this source is running: done/total entries (total 0 while counting). */
  progress?: { done: number; total: number };
  /** The user cannot write to this server (read-only role or token without create/edit). */
  readOnly?: boolean;
}

/** What the popup needs to choose its first screen. */
export interface PopupState {
  /** At least one server has been added. */
  configured: boolean;
  /** An unlock passphrase has been set (the keyring exists). */
  hasPassphrase: boolean;
  /** The keyring exists and is locked. */
  locked: boolean;
  sources: SourceStatus[];
}

/** The first screen of the popup for the active tab, from memory or the cache: never waits for a server. */
export interface FirstScreen {
  /** Entries matching the active tab, best first. */
  site: EntrySummary[];
  favorites: EntrySummary[];
  /** The start of the whole list (by name); `total` says how many exist. */
  entries: EntrySummary[];
  total: number;
  /** The active tab's host, for the "This site" heading. */
  siteHost?: string;
  /** The active tab has a login form we can fill. */
  canFill: boolean;
}

/** A node of the projects tab. */
export interface ProjectNode {
  id: string;
  sourceId: string;
  name: string;
  path: string[];
  parentId?: string;
  entryCount: number;
}

/** Everything the details view shows, fetched from the server when opened (secrets masked until revealed). */
export interface EntryDetails {
  summary: EntrySummary;
  urls: { text: string; href?: string }[];
  notes?: string;
  expiryDate?: string;
  customFields: { index: number; label: string; type: string; secret: boolean; value?: string }[];
  /** Link to the entry in the server's web UI (or its start page, see `webSearchText`). */
  webUrl?: string;
  /** When `webUrl` is the server's start page: the text to search there (the entry's name), copied on opening. */
  webSearchText?: string;
  /** The password exists (TPM `has_password`). */
  hasPassword: boolean;
}

/** Settings a user (or an administrator's preset) chooses; no secret in here. */
export interface Settings {
  autoLockMinutes: number;
  syncIntervalMinutes: number;
  matchStrategy: 'domain' | 'host' | 'startsWith' | 'exact' | 'never';
  fillOnLoad: boolean;
  clipboardClearSeconds: number;
  generator: {
    length: number;
    lower: boolean;
    upper: boolean;
    digits: boolean;
    symbols: boolean;
    avoidAmbiguous: boolean;
    useServer: boolean;
  };
  /** Sources left out of lists, search and autofill (absent: none). */
  excludedSourceIds?: string[];
  /** Projects (with their subprojects) left out of lists, search and autofill (absent: none). */
  excludedProjectIds?: string[];
}

/** Settings an organisation can fix by policy (`storage.managed`, schema in public/managed-schema.json). */
export type PolicySettings = Partial<
  Pick<Settings, 'matchStrategy' | 'autoLockMinutes' | 'syncIntervalMinutes' | 'clipboardClearSeconds' | 'fillOnLoad'>
>;

/** The organisation's policy as the worker enforces it; absent policy: no servers, no settings, no bounds. */
export interface ManagedPolicy {
  /** Servers offered to every user, pre-filled (each user still enters their own credentials). */
  servers: ServerPreset[];
  /** Settings the policy fixes: the user's own value does not count. */
  settings: PolicySettings;
  /** The user may choose a longer sync interval, not a shorter one: the shortest time between two probes of a server. */
  minSyncIntervalMinutes?: number;
  /** The full list is read again after this many hours even when no probe shows a change (default 8). */
  fullSyncHours?: number;
  /** False: a login page without a local match never asks the server (the miss lookup is off). */
  missLookups?: boolean;
  /** The user may choose a shorter auto-lock time, not a longer one (nor "never"). */
  maxAutoLockMinutes?: number;
}

/** An error the worker handled on its own, for the settings page's Diagnostics: no message, no data. */
export interface DiagnosticRecord {
  /** A fixed label of the place in the code, e.g. `cache.write`. */
  where: string;
  code: ErrorCode;
  /** The error's class, e.g. `QuotaExceededError`. */
  name?: string;
  /** When it last happened (ms since the epoch). */
  at: number;
  /** How many times in a row. */
  count: number;
}

/** Which part of the list `listEntries` pages through. */
export type EntryScope = 'all' | 'personal';

/** From our pages (popup, options, in-page frames): extension origin only. */
export interface PageRequests {
  getPopupState(body: Record<string, never>): PopupState;
  /** First passphrase (creates the keyring). */
  setPassphrase(body: { passphrase: string }): PopupState;
  changePassphrase(body: { current: string; next: string }): null;
  unlock(body: { passphrase: string }): PopupState;
  lock(body: Record<string, never>): null;
  /** Runs the real API calls for a server not yet saved (or saved, with new credentials): who am I, version. */
  testServer(body: { server: ServerInput }): { user: string; version?: string; role?: string; details: string[] };
  /** Adds or edits a server (host permission must have been granted by the page first); starts its first sync. */
  saveServer(body: { server: ServerInput }): SourceStatus;
  removeServer(body: { id: string }): null;
  syncNow(body: { id?: string }): null;
  /**
   * When each server is next asked without the user doing anything (ISO time by server id; none while it syncs or
   * while locked): the full list when it is due, or the retry after a failure (backoff, `Retry-After`), at the
   * sync alarm's first tick from then.
   */
  getSyncSchedule(body: Record<string, never>): Record<string, string>;
  getFirstScreen(body: { tabId?: number; limit: number }): FirstScreen;
  search(body: { text: string; tabId?: number; limit: number }): EntrySummary[];
  listProjects(body: Record<string, never>): ProjectNode[];
  listProjectEntries(body: { projectId: string; limit: number }): EntrySummary[];
  getEntryDetails(body: { entryId: string }): EntryDetails;
  /** Reveals one secret: the password (`field: 0`) or custom field N; `reason` for TPM locked type 1. */
  revealSecret(body: { entryId: string; field: number; reason?: string }): { value: string };
  getOtp(body: { entryId: string }): { code: string; period: number; remainingSeconds: number };
  setFavorite(body: { entryId: string; favorite: boolean }): null;
  getSettings(body: Record<string, never>): Settings;
  /** The organisation's policy (the settings page shows what it fixes). */
  getPolicy(body: Record<string, never>): ManagedPolicy;
  /** Errors the worker handled on its own, oldest first (the settings page's Diagnostics). */
  getDiagnostics(body: Record<string, never>): DiagnosticRecord[];
  saveSettings(body: { settings: Settings }): Settings;
  /** One page of the whole list (by name) or of My Passwords, for the popup's virtual list as it scrolls. */
  listEntries(body: { scope: EntryScope; offset: number; limit: number }): { entries: EntrySummary[]; total: number };
  /** Fills an entry into the tab's login form (the worker re-checks the frame's URL); `reason` for locked type 1. */
  fillEntry(body: { entryId: string; tabId?: number; reason?: string }): null;
  /**
   * Clears the clipboard after `delayMs` if it still holds the copied text. The page sends a salted SHA-256
   * (hex) of that text, never the text itself: `hash = SHA-256(salt + text)`.
   */
  clearClipboardLater(body: { delayMs: number; salt: string; hash: string }): null;
  /** The inline menu (an extension frame in a page) asks what to show for its session. */
  inlineMenuState(body: { token: string }): MenuState;
  /** The user picked an entry in the inline menu; `confirmed` after an https→http warning. */
  inlineMenuFill(body: { token: string; entryId: string; confirmed: boolean }): { status: 'filled' | 'confirm' | 'refused'; otp?: string };
  /** The inline menu of a new-password field: generate a password into the field it was opened from. */
  inlineMenuGenerate(body: { token: string }): { status: 'filled' | 'refused' };
  /** The popup's generator: a password to show and copy (server generator when the settings say so). */
  generatePassword(body: { profile?: GeneratorProfile }): { password: string; from: 'server' | 'local' };
  /** The popup's "Fill into the page": generates into the tab's new-password field (top frame). */
  generateInTab(body: { tabId?: number; profile?: GeneratorProfile }): { filled: boolean };
  /** The save prompt (an extension frame in a page) asks what to show for its session. */
  savePromptState(body: { token: string }): SavePromptState;
  /** The user's choice in the save prompt. */
  savePromptAction(body: SavePromptChoice): SavePromptOutcome;
  /** Saves that have not reached their server yet (no secrets). */
  listPendingSaves(body: Record<string, never>): PendingSave[];
  /** Tries a queued save now; `reason` for a TPM entry locked with "reason required". */
  retryPendingSave(body: { id: string; reason?: string }): { saved: boolean; pending: number };
  dropPendingSave(body: { id: string }): null;
  /** What answers at an address the user typed (host access to its origin granted by the page first). */
  detectServer(body: { address: string }): DetectedServer;
  /** Origins where saving logins is switched off ("Never for this site"), sorted. */
  listNeverSave(body: Record<string, never>): string[];
  /** Switches saving off (`never: true`) or on again for an origin; returns the list. */
  setNeverSave(body: { origin: string; never: boolean }): string[];
}

/** From content scripts: needs `sender.tab`; answers only about the sending frame. */
export interface ContentRequests {
  /**
   * "A login form is in this frame", with the roles of the fields found. The frame's URL comes from the sender.
   * `watch`: the frame should load the host to notice submits (a password field, the vault unlocked, saving allowed).
   */
  loginFormDetected(body: { roles: FieldRole[] }): { matches: number; watch?: boolean };
  /**
   * The loaded host's own classification of the frame's fields (`loginFormDetected` carries the detector's rough
   * look): the roles a fill of this document serves from now on. `matches`: entries to offer for them.
   */
  fieldRoles(body: { roles: FieldRole[] }): { matches: number };
  /** The in-page icon was clicked (trusted event): opens a menu session for this frame; the token goes to the menu. */
  openInlineMenu(body: Record<string, never>): { token: string };
  /** The frame that has focus answers a keyboard command the worker broadcast with `nonce`. */
  commandFrame(body: { nonce: string }): CommandAction;
  /** Redeems a fill ticket the worker sent to this very frame (after the user picked an entry). */
  claimFill(body: { ticket: string }): FillValues | null;
  /** Fill-on-load (only if the user enabled it): the values for the single match of this frame, or null. */
  fillOnLoad(body: Record<string, never>): FillValues | null;
  /** The frame answers a generation the worker started (`t: 'gen'`) with its field's constraints; gets the password. */
  generateForField(body: { nonce: string; constraints: FieldConstraints }): { password: string } | null;
  /** A form was submitted (or a login button clicked) with these values; the worker decides whether to prompt. */
  loginSubmitted(body: SubmittedLogin): null;
  /** Opens an inline-menu session for a new-password field (the menu offers the generator). */
  openGeneratorMenu(body: Record<string, never>): { token: string };
  /**
   * The frame that opened menu session `token` is too small to show the menu: a one-time nonce with which the top
   * frame (told by the frames in between where the field is) shows it instead.
   */
  relayMenu(body: { token: string }): { nonce: string } | null;
  /** The top frame redeems a relay nonce: the session token of the menu it is to show. */
  hostMenu(body: { nonce: string }): { token: string } | null;
}

/** Generator presets: the user's settings, or one of the context menu's. `last` is whatever was used last. */
export type GeneratorProfile = 'default' | 'last' | 'passphrase' | 'alnum' | 'long';

/** What the target field accepts, read from its attributes (untrusted: the page sets them). */
export interface FieldConstraints {
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  /** The raw `passwordrules` attribute. */
  rules?: string;
}

/** The values of a submitted login form, read at the moment of the submit, click or Enter. */
export interface SubmittedLogin {
  username?: string;
  /** The current (or only) password. */
  password?: string;
  /** A new password (sign-up or change-password form). */
  newPassword?: string;
}

/** What a frame fills; `onlyEmpty` for fill-on-load, `submit` when the user enabled auto-submit. */
export interface FillValues {
  username?: string;
  /** The entry's e-mail address, when it has one (the frame decides which e-mail field takes what). */
  email?: string;
  password?: string;
  otp?: string;
  onlyEmpty?: boolean;
  submit?: boolean;
}

/** The worker's answer to a keyboard command in the focused frame. */
export type CommandAction = { action: 'fill'; values: FillValues } | { action: 'menu' } | { action: 'none' };

/** One entry offered in the inline menu. */
export interface MenuEntry {
  entry: EntrySummary;
  /** The entry names https and the frame is http: the user must confirm first. */
  askFirst: boolean;
}

/** What the inline menu shows. */
export interface MenuState {
  entries: MenuEntry[];
  locked: boolean;
  /** The frame's host, for the heading. */
  host: string;
  /** Opened from a new-password field: the menu offers "Generate strong password". */
  generate?: boolean;
}

/** Messages from the worker to content scripts (`tabs.sendMessage`). */
export type ToContent =
  | { t: 'cmd'; cmd: 'fill-best-match' | 'open-inline-menu'; nonce: string }
  | { t: 'fill'; ticket: string }
  | { t: 'close-menu' }
  /** Generate into the target field: the frame answers with `generateForField`. */
  | { t: 'gen'; nonce: string }
  /** Show the save prompt (top frame only). */
  | { t: 'save-prompt'; token: string };

/** The role a detected field plays in a login form; `email`: a field that takes an e-mail address only. */
export type FieldRole = 'username' | 'email' | 'password' | 'new-password' | 'otp';

type Requests = PageRequests & ContentRequests;
export type Kind = keyof Requests;
export type Body<K extends Kind> = Parameters<Requests[K]>[0];
export type Result<K extends Kind> = ReturnType<Requests[K]>;
export type Request<K extends Kind = Kind> = { kind: K; body: Body<K> };
export type Reply<K extends Kind> = { ok: true; value: Result<K> } | { ok: false; code: ErrorCode; message: string };
