/**
 * The settings page: a navigation between sections (servers, autofill, generator, security, import/export,
 * diagnostics, about), one shown at a time; every change saves itself. The organisation's policy shows in what it sets.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import browser from '../../browser';
import { WELCOME_PAGE } from '../../extension-pages';
import type { ManagedPolicy, PopupState } from '../../messages';
import type { ServerPreset } from '../../server-presets';
import { onVaultChanged, send } from '../client';
import { errorText } from '../error-text';
import { UnlockForm } from '../forms/unlock-form';
import { t } from '../i18n';
import { AboutSection } from './about-section';
import { AutofillSection } from './autofill-section';
import { DiagnosticsSection } from './diagnostics-section';
import { GeneratorFields } from './generator-fields';
import { SaveStatusBar } from './save-status';
import { SecuritySection } from './security-section';
import { ServersSection } from './servers-section';
import { SettingsNav, useSection } from './settings-nav';
import { SettingsPanel } from './settings-panel';
import { TransferSection } from './transfer-section';
import { useAutosave } from './use-autosave';
import { AlertText } from '../error-note';

export function Options() {
  const [state, setState] = useState<PopupState>();
  const [error, setError] = useState<string>();
  const [policy, setPolicy] = useState<ManagedPolicy>({ servers: [], settings: {} });
  const [imported, setImported] = useState<ServerPreset[]>([]);
  const [schedule, setSchedule] = useState<Record<string, string>>({});
  const [note, setNote] = useState<string>();
  const autosave = useAutosave();
  const section = useSection();
  const load = useCallback(() => {
    send('getPopupState', {}).then(
      (next) => (setState(next), setError(undefined)),
      (caught: unknown) => setError(errorText(caught)),
    );
    send('getSyncSchedule', {}).then(setSchedule, () => undefined);
  }, []);
  useEffect(() => {
    load();
    send('getPolicy', {}).then(setPolicy, () => undefined);
  }, [load]);
  // Follow syncs (started here, by the popup or on schedule) so their progress and result show without a reload.
  useEffect(() => onVaultChanged(load), [load]);
  const changed = (text?: string) => (load(), setNote(text));
  const unlocked = (next: PopupState) => (setState(next), autosave.reload());

  const ctx = state && { state, policy, settings: autosave.settings, update: autosave.update };
  return (
    <div class="settings-layout">
      <header class="settings-header">
        <img src="/icons/icon-48.png" alt="" width={32} height={32} />
        <h1>{t('optionsTitle')}</h1>
      </header>
      <SettingsNav current={section} attention={{ servers: state?.sources.some((s) => s.lastError) }} />
      <main class="settings-main">
        <AlertText text={error} />
        {autosave.loadError && (
          <p class="error" role="alert">
            {t('settingsUnavailable', autosave.loadError)}
          </p>
        )}
        {state && !state.hasPassphrase && (
          <p class="card setup-invite">
            {t('setupInvite')} <a href={browser.runtime.getURL(WELCOME_PAGE)}>{t('setupInviteLink')}</a>
          </p>
        )}
        {state?.locked && <UnlockForm class="card unlock-card" level={2} onUnlocked={unlocked} />}
        {note && (
          <p class="ok" role="status">
            {note}
          </p>
        )}
        {ctx && (
          <SettingsPanel id={section} intro={t(`intro_${section}`)}>
            {section === 'servers' && (
              <ServersSection {...ctx} presets={[...policy.servers, ...imported]} schedule={schedule} onChanged={changed} />
            )}
            {section === 'autofill' && <AutofillSection {...ctx} />}
            {section === 'generator' && ctx.settings && (
              <GeneratorFields value={ctx.settings.generator} onChange={(generator) => ctx.update({ generator })} />
            )}
            {section === 'security' && <SecuritySection {...ctx} onState={setState} onLocked={load} />}
            {section === 'transfer' && (
              <TransferSection
                settings={ctx.settings}
                sources={state.sources}
                onImported={setImported}
                onSettingsChanged={autosave.reload}
              />
            )}
            {section === 'diagnostics' && <DiagnosticsSection />}
            {section === 'about' && <AboutSection sources={state.sources} />}
          </SettingsPanel>
        )}
        <SaveStatusBar status={autosave.status} onUndo={autosave.undo} />
      </main>
    </div>
  );
}
