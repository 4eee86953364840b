/** Servers and settings in `storage.local` (no secret in either), validated on every read. */
import browser from '../../browser';
import * as v from 'valibot';
import type { Settings, SourceStatus } from '../../messages';
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
  const merged = { ...DEFAULT_SETTINGS, ...(isObject(settings) ? settings : {}) };
  merged.generator = { ...DEFAULT_SETTINGS.generator, ...(isObject(settings) && isObject(settings.generator) ? settings.generator : {}) };
  return applyPolicy(v.is(settingsShape, merged) ? merged : DEFAULT_SETTINGS, policy);
}

export async function saveSettings(settings: Settings): Promise<void> {
  await browser.storage.local.set({ settings });
}

const settingsShape = v.object({
  autoLockMinutes: v.number(),
  syncIntervalMinutes: v.number(),
  matchStrategy: v.picklist(['domain', 'host', 'startsWith', 'exact', 'never']),
  fillOnLoad: v.boolean(),
  clipboardClearSeconds: v.number(),
  generator: v.object({}),
});

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
