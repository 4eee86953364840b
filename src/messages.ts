/**
 * The typed protocol between the worker, our pages (popup, options, in-page frames) and the content scripts.
 * Each request kind has a body schema (checked by the router before any handler runs) and a result type.
 * Content scripts import only types from here, so none of this code reaches web pages.
 */
import * as v from 'valibot';
import type { ErrorCode } from './errors';
import type { EntrySummary, LockedType, SourceKind } from './vault/entry';
import type { PendingSave } from './vault/save-job';
import type { ServerPreset } from './server-presets';
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
  generator: { length: number; lower: boolean; upper: boolean; digits: boolean; symbols: boolean; avoidAmbiguous: boolean; useServer: boolean };
  /** Sources left out of lists, search and autofill (absent: none). */
  excludedSourceIds?: string[];
  /** Projects (with their subprojects) left out of lists, search and autofill (absent: none). */
  excludedProjectIds?: string[];
}

/** Settings an organisation can fix by policy (`storage.managed`, schema in public/managed-schema.json). */
export type PolicySettings = Partial<Pick<Settings, 'matchStrategy' | 'autoLockMinutes' | 'syncIntervalMinutes' | 'clipboardClearSeconds' | 'fillOnLoad'>>;

/** The organisation's policy as the worker enforces it; absent policy: no servers, no settings, no bounds. */
export interface ManagedPolicy {
  /** Servers offered to every user, pre-filled (each user still enters their own credentials). */
  servers: ServerPreset[];
  /** Settings the policy fixes: the user's own value does not count. */
  settings: PolicySettings;
  /** The user may choose a longer sync interval, not a shorter one. */
  minSyncIntervalMinutes?: number;
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
  /** When each server's next background sync is due (ISO time, by source id); absent: none planned. */
  getSyncSchedule(body: Record<string, never>): Record<string, string>;
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

// ---- body schemas -----------------------------------------------------------------------------------------

const text = (max: number) => v.pipe(v.string(), v.maxLength(max));
const id = text(200);
const empty = v.strictObject({}) as v.GenericSchema<unknown, Record<string, never>>;
const limit = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1000));
const tabId = v.optional(v.pipe(v.number(), v.integer(), v.minValue(0)));
const passphrase = v.pipe(v.string(), v.minLength(1), v.maxLength(1024));
const role = v.picklist(['username', 'email', 'password', 'new-password', 'otp']);
const roles = v.strictObject({ roles: v.pipe(v.array(role), v.maxLength(16)) });
/** Tokens, tickets and nonces: `crypto.randomUUID()`. */
const token = v.pipe(v.string(), v.regex(/^[\w-]{16,64}$/));

const int = (max: number) => v.pipe(v.number(), v.integer(), v.minValue(-1), v.maxValue(max));
const secretText = v.pipe(v.string(), v.minLength(1), v.maxLength(4096));
const profile = v.optional(v.picklist(['default', 'last', 'passphrase', 'alnum', 'long']));
const constraints = v.strictObject({
  minLength: v.optional(int(100_000)),
  maxLength: v.optional(int(100_000)),
  pattern: v.optional(text(2000)),
  rules: v.optional(text(2000)),
});

const credentials = v.variant('kind', [
  v.strictObject({ kind: v.literal('tpm-basic'), username: v.pipe(text(256), v.minLength(1)), password: text(4096) }),
  v.strictObject({ kind: v.literal('tpm-hmac'), publicKey: v.pipe(text(512), v.minLength(1)), privateKey: v.pipe(text(512), v.minLength(1)) }),
  v.strictObject({ kind: v.literal('syspass'), authToken: v.pipe(text(512), v.minLength(1)), tokenPassword: text(4096) }),
]);
const serverInput = v.strictObject({
  id: v.optional(id),
  kind: v.picklist(['tpm', 'syspass']),
  name: v.pipe(text(100), v.minLength(1)),
  baseUrl: v.pipe(text(2048), v.minLength(1)),
  credentials: v.optional(credentials),
});
/** The settings' schema: the policy's values are checked with it too. */
export const settingsSchema = v.strictObject({
  autoLockMinutes: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(24 * 60)),
  syncIntervalMinutes: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(24 * 60)),
  matchStrategy: v.picklist(['domain', 'host', 'startsWith', 'exact', 'never']),
  fillOnLoad: v.boolean(),
  clipboardClearSeconds: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(3600)),
  generator: v.strictObject({
    length: v.pipe(v.number(), v.integer(), v.minValue(4), v.maxValue(128)),
    lower: v.boolean(),
    upper: v.boolean(),
    digits: v.boolean(),
    symbols: v.boolean(),
    avoidAmbiguous: v.boolean(),
    useServer: v.boolean(),
  }),
  excludedSourceIds: v.optional(v.pipe(v.array(id), v.maxLength(100))),
  excludedProjectIds: v.optional(v.pipe(v.array(id), v.maxLength(5000))),
});

/** Body schemas, one per kind: a missing one is a compile error. */
export const bodySchemas: { [K in Kind]: v.GenericSchema<unknown, Body<K>> } = {
  getPopupState: empty,
  setPassphrase: v.strictObject({ passphrase }),
  changePassphrase: v.strictObject({ current: passphrase, next: passphrase }),
  unlock: v.strictObject({ passphrase }),
  lock: empty,
  testServer: v.strictObject({ server: serverInput }),
  saveServer: v.strictObject({ server: serverInput }),
  removeServer: v.strictObject({ id }),
  syncNow: v.strictObject({ id: v.optional(id) }),
  getFirstScreen: v.strictObject({ tabId, limit }),
  search: v.strictObject({ text: text(200), tabId, limit }),
  listProjects: empty,
  listProjectEntries: v.strictObject({ projectId: id, limit }),
  getEntryDetails: v.strictObject({ entryId: id }),
  revealSecret: v.strictObject({ entryId: id, field: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(10)), reason: v.optional(text(200)) }),
  getOtp: v.strictObject({ entryId: id }),
  setFavorite: v.strictObject({ entryId: id, favorite: v.boolean() }),
  getSettings: empty,
  saveSettings: v.strictObject({ settings: settingsSchema }),
  getPolicy: empty,
  getDiagnostics: empty,
  listEntries: v.strictObject({
    scope: v.picklist(['all', 'personal']),
    offset: v.pipe(v.number(), v.integer(), v.minValue(0)),
    limit,
  }),
  fillEntry: v.strictObject({ entryId: id, tabId, reason: v.optional(text(200)) }),
  clearClipboardLater: v.strictObject({
    delayMs: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(3_600_000)),
    salt: v.pipe(v.string(), v.regex(/^[0-9a-f]{32}$/)),
    hash: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/)),
  }),
  loginFormDetected: roles,
  fieldRoles: roles,
  openInlineMenu: empty,
  commandFrame: v.strictObject({ nonce: token }),
  claimFill: v.strictObject({ ticket: token }),
  fillOnLoad: empty,
  inlineMenuState: v.strictObject({ token }),
  inlineMenuFill: v.strictObject({ token, entryId: id, confirmed: v.boolean() }),
  inlineMenuGenerate: v.strictObject({ token }),
  generatePassword: v.strictObject({ profile }),
  generateInTab: v.strictObject({ tabId, profile }),
  savePromptState: v.strictObject({ token }),
  savePromptAction: v.strictObject({
    token,
    action: v.picklist(['save', 'update', 'generate', 'never', 'dismiss']),
    sourceId: v.optional(id),
    placeId: v.optional(id),
    name: v.optional(v.pipe(text(200), v.minLength(1))),
    username: v.optional(text(512)),
    url: v.optional(text(2048)),
    reason: v.optional(text(200)),
    accept: v.optional(v.strictObject({ fields: v.optional(v.boolean()), password: v.optional(v.boolean()) })),
  }),
  listPendingSaves: empty,
  retryPendingSave: v.strictObject({ id, reason: v.optional(text(200)) }),
  dropPendingSave: v.strictObject({ id }),
  detectServer: v.strictObject({ address: v.pipe(text(2048), v.minLength(1)) }),
  listNeverSave: empty,
  setNeverSave: v.strictObject({ origin: text(2048), never: v.boolean() }),
  getSyncSchedule: empty,
  generateForField: v.strictObject({ nonce: token, constraints }),
  loginSubmitted: v.strictObject({ username: v.optional(text(512)), password: v.optional(secretText), newPassword: v.optional(secretText) }),
  openGeneratorMenu: empty,
};

/** Which kinds come from content scripts; every other kind is for our own pages only. */
export const contentKinds: ReadonlySet<Kind> = new Set<keyof ContentRequests>([
  'loginFormDetected',
  'fieldRoles',
  'openInlineMenu',
  'commandFrame',
  'claimFill',
  'fillOnLoad',
  'generateForField',
  'loginSubmitted',
  'openGeneratorMenu',
]);
