/** The servers: the configured ones, suggested ones (policy or imported preset), and the add/edit form. */
import { useState } from 'preact/hooks';
import type { SourceStatus } from '../../messages';
import { t } from '../i18n';
import type { ServerPreset } from '../../server-presets';
import { ServerCard } from './server-card';
import { draftFrom, emptyDraft, type ServerDraft } from './server-draft';
import { ServerForm } from './server-form';

export function ServersSection(props: { sources: SourceStatus[]; presets: ServerPreset[]; onChanged: () => void }) {
  const [editing, setEditing] = useState<ServerDraft>();
  const configured = new Set(props.sources.map((s) => s.baseUrl.replace(/\/+$/, '')));
  const suggested = props.presets.filter((p) => !configured.has(p.baseUrl.replace(/\/+$/, '')));
  const saved = () => (setEditing(undefined), props.onChanged());
  return (
    <section aria-labelledby="servers-heading">
      <h2 id="servers-heading">{t('optionsServers')}</h2>
      {props.sources.length === 0 && <p>{t('optionsNoServers')}</p>}
      <ul class="plain cards">
        {props.sources.map((source) => (
          <ServerCard key={source.id} source={source} onEdit={() => setEditing(draftFrom(source))} onChanged={props.onChanged} />
        ))}
      </ul>
      {suggested.length > 0 && !editing && (
        <div class="card">
          <h3>{t('suggestedServers')}</h3>
          <ul class="plain">
            {suggested.map((preset) => (
              <li key={preset.baseUrl}>
                {preset.name} ({preset.baseUrl}){' '}
                <button type="button" class="small secondary" onClick={() => setEditing(emptyDraft(preset))} aria-label={`${t('addServer')}: ${preset.name}`}>
                  {t('addServer')}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      {editing ? (
        <ServerForm key={editing.id ?? editing.baseUrl} initial={editing} onSaved={saved} onCancel={() => setEditing(undefined)} />
      ) : (
        <button type="button" onClick={() => setEditing(emptyDraft())}>
          {t('addServer')}
        </button>
      )}
    </section>
  );
}
