/** Servers and settings in `storage.local` (no secret in either), validated on every read. */
import browser from '../../browser';
import * as v from 'valibot';
import type { Settings, SourceStatus } from '../../messages';
import { settingsSchema } from '../../message-schemas';
import { applyPolicy, readPolicy } from './managed-policy';

/** A server as stored: what its status shows of it, no secret (those live in the encrypted keyring). */
export type ServerConfig = Pick<SourceStatus, 'id' | 'kind' | 'name' | 'baseUrl' | 'authKind' | 'username'>;

export const DEFAULT_SETTINGS: Settings = {
  autoLockMinutes: 15,
  syncIntervalMinutes: 10,
  matchStrategy: 'domain',
  fillOnLoad: false,
  clipboardClearSeconds: 30,
  generator: { length: 20, lower: true, upper: true, digits: true, symbols: true, avoidAmbiguous: true, useServer: false },
};

const serverSchema = v.object({
  id: v.string(),
  kind: v.picklist(['tpm', 'syspass']),
  name: v.string(),
  baseUrl: v.string(),
  authKind: v.picklist(['tpm-basic', 'tpm-hmac', 'syspass']),
  username: v.optional(v.string()),
});

export async function loadServers(): Promise<ServerConfig[]> {
  const { servers } = await browser.storage.local.get('servers');
  const parsed = v.safeParse(v.array(serverSchema), servers ?? []);
  return parsed.success ? parsed.output : [];
}

export async function saveServers(servers: ServerConfig[]): Promise<void> {
  await browser.storage.local.set({ servers });
}

/** Built-in defaults, then the user's own choices, then the organisation's policy (which wins). */
export async function loadSettings(): Promise<Settings> {
  const [{ settings }, policy] = await Promise.all([browser.storage.local.get('settings'), readPolicy()]);
  // Stored by an older version, a setting added since is missing: the default fills it in.
  const stored = v.safeParse(storedSettingsSchema, settings);
  const own = stored.success ? stored.output : {};
  const merged = { ...DEFAULT_SETTINGS, ...own, generator: { ...DEFAULT_SETTINGS.generator, ...own.generator } };
  return applyPolicy(v.is(wholeSettingsSchema, merged) ? merged : DEFAULT_SETTINGS, policy);
}

export async function saveSettings(settings: Settings): Promise<void> {
  await browser.storage.local.set({ settings });
}

/** What may be stored: any object (its fields are checked once merged with the defaults). */
const storedSettingsSchema = v.looseObject({ generator: v.optional(v.looseObject({})) });
/** The merged settings, checked like the settings page's input (fields no longer known are ignored). */
const wholeSettingsSchema = v.object({ ...settingsSchema.entries, generator: v.object(settingsSchema.entries.generator.entries) });
