/** One configured server: what it is, how its sync is doing, and edit / sync / remove. */
import { focusOnMount } from '../focus-on-mount';
import { useState } from 'preact/hooks';
import type { SourceStatus } from '../../messages';
import { RemoteError } from '../../errors';
import { send } from '../client';
import { errorText } from '../error-text';
import { formatAgo } from '../format-time';
import { t } from '../i18n';

export function ServerCard(props: { source: SourceStatus; onEdit: () => void; onChanged: () => void }) {
  const { source } = props;
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string>();
  const run = (action: () => Promise<unknown>) => () =>
    action().then(props.onChanged, (caught: unknown) => setError(errorText(caught)));
  const kindLabel = source.kind === 'tpm' ? 'Team Password Manager' : 'sysPass';
  const headingId = `server-${source.id}-name`;
  return (
    <li class="card server-card" aria-labelledby={headingId}>
      <h3 id={headingId}>{source.name}</h3>
      <p class="muted">
        {kindLabel} · {source.baseUrl} · {t(`auth_${source.authKind.replace('-', '_')}`)}
        {source.username ? ` (${source.username})` : ''}
      </p>
      <p>
        {t('entryCount', String(source.entryCount))}
        {' · '}
        {source.progress ? t('syncRunning', '') : source.lastSyncAt ? t('lastSync', formatAgo(source.lastSyncAt)) : t('neverSynced')}
        {source.readOnly && <span class="badge">{t('readOnlyBadge')}</span>}
      </p>
      {source.lastError && (
        <p class="error">{errorText(new RemoteError(source.lastError.code, source.lastError.message))}</p>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <div class="actions">
        <button type="button" class="secondary" onClick={props.onEdit} aria-label={`${t('edit')}: ${source.name}`}>
          {t('edit')}
        </button>
        <button type="button" class="secondary" onClick={run(() => send('syncNow', { id: source.id }))} aria-label={`${t('syncNow')}: ${source.name}`}>
          {t('syncNow')}
        </button>
        {confirming ? (
          <button type="button" class="danger" onClick={run(() => send('removeServer', { id: source.id }))} ref={focusOnMount}>
            {t('confirmRemove', source.name)}
          </button>
        ) : (
          <button type="button" class="secondary" onClick={() => setConfirming(true)} aria-label={`${t('remove')}: ${source.name}`}>
            {t('remove')}
          </button>
        )}
      </div>
    </li>
  );
}
