/**
 * One configured server at a glance: what it is, its state (entries, last and next sync, a failure and its fix),
 * and sync / edit / remove.
 */
import { useState } from 'preact/hooks';
import type { SourceStatus } from '../../messages';
import { send } from '../client';
import { errorText } from '../error-text';
import { focusOnMount } from '../focus-on-mount';
import { t } from '../i18n';
import { draftFrom } from '../server-setup/server-draft';
import { kindName, SignInStep } from '../server-setup/sign-in-step';
import { ServerState } from '../server-state';
import { AlertText } from '../error-note';

function statusBadge(source: SourceStatus): { text: string; tone: string } {
  if (source.progress) return { text: t('stateSyncing'), tone: '' };
  if (source.lastError) return { text: t('stateFailed'), tone: 'danger' };
  if (!source.lastSyncAt) return { text: t('stateNotSynced'), tone: 'warn' };
  return { text: t('stateUpToDate'), tone: 'ok' };
}

export function ServerCard(props: { source: SourceStatus; nextSyncAt?: string; canEdit: boolean; onChanged: (note?: string) => void }) {
  const { source } = props;
  const [confirming, setConfirming] = useState(false);
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string>();
  const run = (action: () => Promise<unknown>, note?: string) => () =>
    action().then(
      () => props.onChanged(note),
      (caught: unknown) => setError(errorText(caught)),
    );
  const headingId = `server-${source.id}-name`;
  const badge = statusBadge(source);
  return (
    <li class="card server-card" aria-labelledby={headingId}>
      <div class="server-card-head">
        <h3 id={headingId}>{source.name}</h3>
        <span class={`badge ${badge.tone}`}>{badge.text}</span>
        {source.readOnly && <span class="badge">{t('readOnlyBadge')}</span>}
      </div>
      <p class="muted server-address">
        {kindName(source.kind)} · <span class="url">{source.baseUrl}</span> · {t(`auth_${source.authKind.replace('-', '_')}`)}
        {source.username ? ` (${source.username})` : ''}
      </p>
      <ServerState source={source} nextSyncAt={props.nextSyncAt} />
      <AlertText text={error} />
      {editing ? (
        <SignInStep
          initial={draftFrom(source)}
          onSaved={() => (setEditing(false), props.onChanged(t('serverSaved', source.name)))}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <div class="actions">
          <button
            type="button"
            class="secondary"
            onClick={run(() => send('syncNow', { id: source.id }))}
            aria-label={`${t('syncNow')}: ${source.name}`}
            disabled={!props.canEdit || !!source.progress}
          >
            {t('syncNow')}
          </button>
          <button
            type="button"
            class="secondary"
            onClick={() => setEditing(true)}
            aria-label={`${t('edit')}: ${source.name}`}
            disabled={!props.canEdit}
          >
            {t('edit')}
          </button>
          {confirming ? (
            <>
              <button
                type="button"
                class="danger"
                onClick={run(() => send('removeServer', { id: source.id }), t('serverRemoved', source.name))}
                ref={focusOnMount}
              >
                {t('confirmRemove', source.name)}
              </button>
              <button type="button" class="secondary" onClick={() => setConfirming(false)}>
                {t('cancel')}
              </button>
            </>
          ) : (
            <button type="button" class="secondary" onClick={() => setConfirming(true)} aria-label={`${t('remove')}: ${source.name}`}>
              {t('remove')}
            </button>
          )}
        </div>
      )}
    </li>
  );
}
