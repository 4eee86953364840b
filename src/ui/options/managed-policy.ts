/**
 * Company-wide defaults an administrator sets through `storage.managed` (schema: public/managed-schema.json).
 * The page offers the servers pre-filled and shows policy-set preferences as such. Absent policy: `{}`.
 */
import browser from '../../browser';
import type { Settings } from '../../messages';

export interface ServerPreset {
  kind: 'tpm' | 'syspass';
  name: string;
  baseUrl: string;
}

export type PolicySettings = Partial<Pick<Settings, 'matchStrategy' | 'autoLockMinutes' | 'syncIntervalMinutes' | 'clipboardClearSeconds' | 'fillOnLoad'>>;

export interface ManagedPolicy {
  servers?: ServerPreset[];
  settings: PolicySettings;
}

const settingKeys = ['matchStrategy', 'autoLockMinutes', 'syncIntervalMinutes', 'clipboardClearSeconds', 'fillOnLoad'] as const;

export async function readManagedPolicy(): Promise<ManagedPolicy> {
  // Throws where managed storage is unavailable (no schema, Firefox without a policy): no policy then.
  const raw: Record<string, unknown> = await browser.storage.managed.get().catch(() => ({}));
  const settings: Record<string, unknown> = {};
  for (const key of settingKeys) if (raw[key] !== undefined) settings[key] = raw[key];
  return { servers: presets(raw.servers), settings: settings as PolicySettings };
}

/** Keeps only well-formed presets: a policy is input like any other. */
export function presets(value: unknown): ServerPreset[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item: Record<string, unknown>) =>
    item && (item.kind === 'tpm' || item.kind === 'syspass') && typeof item.baseUrl === 'string' && /^https?:\/\//.test(item.baseUrl)
      ? [{ kind: item.kind, baseUrl: item.baseUrl, name: typeof item.name === 'string' && item.name ? item.name : new URL(item.baseUrl).host }]
      : [],
  );
}
