/** The settings page: passphrase, servers, preferences, import/export, diagnostics; the organisation's policy shows in what it sets. */
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { ManagedPolicy, PopupState, Settings } from '../../messages';
import type { ServerPreset } from '../../server-presets';
import { onVaultChanged, send } from '../client';
import { errorText } from '../error-text';
import { t } from '../i18n';
import { DiagnosticsSection } from './diagnostics-section';
import { PassphraseSection } from './passphrase-section';
import { ServersSection } from './servers-section';
import { SettingsSection } from './settings-section';
import { TransferSection } from './transfer-section';

export function Options() {
  const [state, setState] = useState<PopupState>();
  const [error, setError] = useState<string>();
  const [policy, setPolicy] = useState<ManagedPolicy>({ servers: [], settings: {} });
  const [imported, setImported] = useState<ServerPreset[]>([]);
  const [settings, setSettings] = useState<Settings>();
  const [reloadKey, setReloadKey] = useState(0);
  const load = useCallback(() => {
    send('getPopupState', {}).then((next) => (setState(next), setError(undefined)), (caught: unknown) => setError(errorText(caught)));
  }, []);
  const changed = useCallback(() => (load(), setReloadKey((k) => k + 1)), [load]);
  useEffect(() => {
    load();
    send('getPolicy', {}).then(setPolicy, () => undefined);
  }, [load]);
  // Follow syncs (started here, by the popup or on schedule) so their progress and result show without a reload.
  useEffect(() => onVaultChanged(load), [load]);

  return (
    <main class="options-page">
      <h1>{t('optionsTitle')}</h1>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {state && (
        <>
          <PassphraseSection state={state} onState={(next) => (setState(next), setReloadKey((k) => k + 1))} onChanged={load} />
          <ServersSection sources={state.sources} presets={[...policy.servers, ...imported]} onChanged={changed} />
          <SettingsSection sources={state.sources} policy={policy} reloadKey={reloadKey} onSettings={setSettings} />
          <TransferSection settings={settings} sources={state.sources} onImported={setImported} />
          <DiagnosticsSection />
        </>
      )}
    </main>
  );
}
