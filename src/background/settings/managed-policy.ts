/**
 * The organisation's policy: the one place that reads `storage.managed` (Chromium: the `3rdparty.extensions.<id>`
 * policy, schema in public/managed-schema.json; Firefox: the enterprise policy's `3rdparty` section). Every value
 * is checked like user input; one that fails is ignored, the rest still apply. The policy wins over the user.
 */
import browser from '../../browser';
import * as v from 'valibot';
import type { ManagedPolicy, PolicySettings, Settings } from '../../messages';
import { settingsSchema } from '../../message-schemas';
import { presets } from '../../server-presets';

const FIXED = ['matchStrategy', 'autoLockMinutes', 'syncIntervalMinutes', 'clipboardClearSeconds', 'fillOnLoad'] as const;
const minutes = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(24 * 60));

/** The policy now; without one (none installed, or no managed storage at all): empty. */
export async function readPolicy(): Promise<ManagedPolicy> {
  const raw: Record<string, unknown> = await browser.storage.managed.get().catch(() => ({}));
  const settings: Record<string, unknown> = {};
  for (const key of FIXED) if (v.is(settingsSchema.entries[key], raw[key])) settings[key] = raw[key];
  const policy: ManagedPolicy = { servers: presets(raw.servers), settings: settings as PolicySettings };
  if (v.is(minutes, raw.minSyncIntervalMinutes)) policy.minSyncIntervalMinutes = raw.minSyncIntervalMinutes;
  if (v.is(minutes, raw.maxAutoLockMinutes)) policy.maxAutoLockMinutes = raw.maxAutoLockMinutes;
  return policy;
}

/** The user's settings as the policy allows them: within its bounds, and its fixed values instead of theirs. */
export function applyPolicy(own: Settings, policy: ManagedPolicy): Settings {
  const out = { ...own };
  const { minSyncIntervalMinutes: minSync, maxAutoLockMinutes: maxLock } = policy;
  if (minSync !== undefined) out.syncIntervalMinutes = Math.max(out.syncIntervalMinutes, minSync);
  if (maxLock !== undefined && (out.autoLockMinutes === 0 || out.autoLockMinutes > maxLock)) out.autoLockMinutes = maxLock;
  return { ...out, ...policy.settings };
}
