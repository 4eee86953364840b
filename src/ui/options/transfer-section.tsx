/** Export and import of settings without secrets, so an administrator can hand a preset to employees. */
import { useState } from 'preact/hooks';
import type { Settings, SourceStatus } from '../../messages';
import { send } from '../client';
import { errorText } from '../error-text';
import { t } from '../i18n';
import type { ServerPreset } from '../../server-presets';
import { buildSettingsFile, parseSettingsFile } from './settings-file';

export function TransferSection(props: {
  settings?: Settings;
  sources: SourceStatus[];
  onImported: (servers: ServerPreset[]) => void;
  onSettingsChanged: () => void;
}) {
  const [message, setMessage] = useState<{ error: boolean; text: string }>();
  const exportFile = () => {
    if (!props.settings) return;
    const json = JSON.stringify(buildSettingsFile(props.settings, props.sources), null, 2);
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
    link.download = 'password-extension-settings.json';
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  };
  const importFile = async (event: Event) => {
    const input = event.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    try {
      const parsed = parseSettingsFile(await file.text());
      if (props.settings && Object.keys(parsed.settings).length > 0) {
        await send('saveSettings', { settings: { ...props.settings, ...parsed.settings } });
        props.onSettingsChanged();
      }
      props.onImported(parsed.servers);
      setMessage({ error: false, text: t('importDone', String(parsed.servers.length)) });
    } catch (error) {
      const key = error instanceof Error ? error.message : '';
      setMessage({ error: true, text: key.startsWith('import') ? t(key) : errorText(error) });
    }
  };
  return (
    <div class="card">
      <p>{t('transferText')}</p>
      <div class="actions">
        <button type="button" class="secondary" onClick={exportFile} disabled={!props.settings}>
          {t('exportSettings')}
        </button>
        <label class="button secondary file-button">
          {t('importSettings')}
          <input type="file" accept="application/json,.json" class="visually-hidden" onChange={importFile} />
        </label>
      </div>
      {message && (
        <p class={message.error ? 'error' : 'ok'} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
    </div>
  );
}
