/**
 * The settings file an administrator hands out: preferences and server addresses, never a secret nor a
 * user name. Pure: builds and reads the JSON; the worker checks the settings again when they are saved.
 */
import type { Settings, SourceStatus } from '../../messages';
import { presets, type ServerPreset } from '../../server-presets';

const fileFormat = 'tpm-syspass-extension/settings';

export interface SettingsFile {
  format: typeof fileFormat;
  version: 1;
  settings: Omit<Settings, 'excludedSourceIds' | 'excludedProjectIds'>;
  servers: ServerPreset[];
}

export function buildSettingsFile(settings: Settings, sources: SourceStatus[]): SettingsFile {
  // Source and project ids are per installation: they mean nothing on another machine.
  const { excludedSourceIds: _s, excludedProjectIds: _p, ...portable } = settings;
  return {
    format: fileFormat,
    version: 1,
    settings: portable,
    servers: sources.map(({ kind, name, baseUrl }) => ({ kind, name, baseUrl })),
  };
}

const keys = ['autoLockMinutes', 'syncIntervalMinutes', 'matchStrategy', 'fillOnLoad', 'clipboardClearSeconds', 'generator'] as const;

/** Reads a settings file; throws an Error with a message key when it is not one. */
export function parseSettingsFile(text: string): { settings: Partial<Settings>; servers: ServerPreset[] } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Error('importNotJson');
  }
  const file = data as Partial<SettingsFile> | null;
  if (typeof file !== 'object' || file === null || file.format !== fileFormat) throw new Error('importWrongFormat');
  const settings: Partial<Record<(typeof keys)[number], unknown>> = {};
  const source = (file.settings ?? {}) as Record<string, unknown>;
  for (const key of keys) if (source[key] !== undefined) settings[key] = source[key];
  return { settings: settings as Partial<Settings>, servers: presets(file.servers) };
}
