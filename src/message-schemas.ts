/**
 * The schema of every request's body, checked by the worker's router before any handler runs, and which kinds
 * come from content scripts. Worker-only: pages and content scripts import the types of `messages.ts`, not this.
 */
import * as v from 'valibot';
import type { Body, ContentRequests, Kind } from './messages';

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
  v.strictObject({
    kind: v.literal('tpm-hmac'),
    publicKey: v.pipe(text(512), v.minLength(1)),
    privateKey: v.pipe(text(512), v.minLength(1)),
  }),
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
  getSyncSchedule: empty,
  getFirstScreen: v.strictObject({ tabId, limit }),
  search: v.strictObject({ text: text(200), tabId, limit }),
  listProjects: empty,
  listProjectEntries: v.strictObject({ projectId: id, limit }),
  getEntryDetails: v.strictObject({ entryId: id }),
  revealSecret: v.strictObject({
    entryId: id,
    field: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(10)),
    reason: v.optional(text(200)),
  }),
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
  relayMenu: v.strictObject({ token }),
  hostMenu: v.strictObject({ nonce: token }),
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
  generateForField: v.strictObject({ nonce: token, constraints }),
  loginSubmitted: v.strictObject({
    username: v.optional(text(512)),
    password: v.optional(secretText),
    newPassword: v.optional(secretText),
  }),
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
  'relayMenu',
  'hostMenu',
]);
