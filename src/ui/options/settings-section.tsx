/** The preferences form: loads the settings, lets the user edit them, saves them in one go. */
import { useEffect, useState } from 'preact/hooks';
import type { ManagedPolicy, Settings, SourceStatus } from '../../messages';
import { send } from '../client';
import { errorText } from '../error-text';
import { t } from '../i18n';
import { GeneratorFields } from './generator-fields';
import { IncludeFields } from './include-fields';
import { PreferenceFields } from './preference-fields';

export function SettingsSection(props: { sources: SourceStatus[]; policy: ManagedPolicy; reloadKey: number; onSettings: (settings: Settings) => void }) {
  const [settings, setSettings] = useState<Settings>();
  const [error, setError] = useState<string>();
  const [saved, setSaved] = useState<string>();
  useEffect(() => {
    send('getSettings', {}).then(
      (loaded) => (setSettings(loaded), setError(undefined), props.onSettings(loaded)),
      (caught: unknown) => setError(errorText(caught)),
    );
  }, [props.reloadKey]);
  const change = (patch: Partial<Settings>) => (setSettings((old) => old && { ...old, ...patch }), setSaved(undefined));
  const save = async (event: Event) => {
    event.preventDefault();
    if (!settings) return;
    try {
      // The worker keeps the user's choices; what the policy fixes or bounds wins when settings are read.
      const stored = await send('saveSettings', { settings });
      setSettings(stored);
      props.onSettings(stored);
      setSaved(t('settingsSaved'));
    } catch (caught) {
      setSaved(errorText(caught));
    }
  };
  return (
    <section aria-labelledby="prefs-heading">
      <h2 id="prefs-heading">{t('prefsHeading')}</h2>
      {!settings ? (
        <p class={error ? 'error' : 'muted'} role="status">
          {error ? t('settingsUnavailable', error) : t('popupLoading')}
        </p>
      ) : (
        <form class="card" onSubmit={save}>
          <PreferenceFields value={settings} policy={props.policy} onChange={change} />
          <GeneratorFields value={settings.generator} onChange={(generator) => change({ generator })} />
          <IncludeFields sources={props.sources} value={settings} onChange={change} />
          <p role="status" class="ok">
            {saved}
          </p>
          <button type="submit">{t('saveSettings')}</button>
        </form>
      )}
    </section>
  );
}
