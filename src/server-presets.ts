/** Server addresses handed to users, by the organisation's policy or in a settings file: never a credential. */

export interface ServerPreset {
  kind: 'tpm' | 'syspass';
  name: string;
  baseUrl: string;
}

/** Keeps only well-formed presets: a policy or a file is input like any other. */
export function presets(value: unknown): ServerPreset[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item: Record<string, unknown>) =>
    item && (item.kind === 'tpm' || item.kind === 'syspass') && typeof item.baseUrl === 'string' && /^https?:\/\//.test(item.baseUrl)
      ? [
          {
            kind: item.kind,
            baseUrl: item.baseUrl,
            name: typeof item.name === 'string' && item.name ? item.name : new URL(item.baseUrl).host,
          },
        ]
      : [],
  );
}
