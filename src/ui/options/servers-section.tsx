/** Servers: each as a card with its state, the ones the organisation or a settings file suggests, adding one, and what they sync. */
import { useState } from 'preact/hooks';
import type { ServerPreset } from '../../server-presets';
import { sameServerAddress } from '../../server-address';
import { NumberField } from '../forms/number-field';
import { t } from '../i18n';
import { ServerSetup } from '../server-setup/server-setup';
import { signedInText, type Identity } from '../server-setup/sign-in-step';
import type { SourceStatus } from '../../messages';
import { IncludeFields } from './include-fields';
import { ServerCard } from './server-card';
import type { OptionsContext } from './options-context';

export function ServersSection(
  props: OptionsContext & { presets: ServerPreset[]; schedule: Record<string, string>; onChanged: (note?: string) => void },
) {
  const { state, settings, policy } = props;
  const [adding, setAdding] = useState<{ address?: string }>();
  const suggested = props.presets.filter((p) => !state.sources.some((s) => sameServerAddress(s.baseUrl, p.baseUrl)));
  const ready = state.hasPassphrase && !state.locked;
  const added = (source: SourceStatus, identity: Identity) => (
    setAdding(undefined), props.onChanged(t('serverAdded', [source.name, signedInText(source.kind, identity)]))
  );
  return (
    <>
      {state.sources.length === 0 && <p>{t('optionsNoServers')}</p>}
      <ul class="plain cards">
        {state.sources.map((source) => (
          <ServerCard key={source.id} source={source} nextSyncAt={props.schedule[source.id]} canEdit={ready} onChanged={props.onChanged} />
        ))}
      </ul>
      {!state.hasPassphrase && <p class="note">{t('serversNeedPassphrase')}</p>}
      {adding ? (
        <div class="card">
          <ServerSetup presets={suggested} address={adding.address} onSaved={added} onCancel={() => setAdding(undefined)} />
        </div>
      ) : (
        <>
          {suggested.length > 0 && (
            <div class="card">
              <h3>{t('suggestedServers')}</h3>
              <ul class="plain">
                {suggested.map((preset) => (
                  <li key={preset.baseUrl} class="suggested-row">
                    <span>
                      {preset.name} <span class="muted url">({preset.baseUrl})</span>
                    </span>
                    <button
                      type="button"
                      class="small secondary"
                      disabled={!ready}
                      onClick={() => setAdding({ address: preset.baseUrl })}
                      aria-label={`${t('addServer')}: ${preset.name}`}
                    >
                      {t('addServer')}
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          )}
          <p class="actions">
            <button type="button" disabled={!ready} onClick={() => setAdding({})}>
              {t('addServer')}
            </button>
          </p>
        </>
      )}
      {settings && (
        <section class="card prefs" aria-labelledby="sync-heading">
          <h3 id="sync-heading">{t('syncHeading')}</h3>
          <NumberField
            id="pref-sync"
            label={t('prefSyncInterval')}
            hint={
              policy.minSyncIntervalMinutes === undefined ? t('prefSyncHint') : t('policyMinSync', String(policy.minSyncIntervalMinutes))
            }
            value={settings.syncIntervalMinutes}
            min={policy.minSyncIntervalMinutes ?? 1}
            max={1440}
            managed={policy.settings.syncIntervalMinutes !== undefined}
            onChange={(syncIntervalMinutes) => props.update({ syncIntervalMinutes })}
          />
          <IncludeFields sources={state.sources} value={settings} onChange={props.update} />
        </section>
      )}
    </>
  );
}
