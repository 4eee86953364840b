/**
 * "N logins not saved yet": each save waiting for its server, with what happened and what the user can do, in
 * words (the server's own message, perhaps raw SQL, only folded away for support), and retry or drop.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { PendingSave, SourceStatus } from '../../messages';
import { RemoteError } from '../../errors';
import { send } from '../client';
import { ErrorNote } from '../error-note';
import { errorParts } from '../error-text';
import { formatAgo } from '../format-time';
import { t } from '../i18n';

function problemOf(save: PendingSave) {
  const parts = save.lastError
    ? errorParts(new RemoteError(save.lastError.code, save.lastError.message), 'fix')
    : { text: t('pendingNotSentYet') };
  // A transient failure needs nothing from the user: say when the next try is.
  if (save.state === 'waiting') return { ...parts, fix: t('pendingRetrying', formatAgo(new Date(save.nextAttemptAt).toISOString())) };
  return parts;
}

export function PendingSaves(props: { refreshKey?: unknown; sources: SourceStatus[] }) {
  const [saves, setSaves] = useState<PendingSave[]>([]);
  const [busy, setBusy] = useState(false);
  const load = useCallback(() => void send('listPendingSaves', {}).then(setSaves, () => setSaves([])), []);
  useEffect(load, [load, props.refreshKey]);
  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    await action().catch(() => undefined);
    setBusy(false);
    load();
  };
  if (saves.length === 0) return null;
  const serverName = (id: string) => props.sources.find((s) => s.id === id)?.name;
  return (
    <div class="banner pending-saves" role="status">
      <p>
        <strong>{saves.length === 1 ? t('pendingSavesOne') : t('pendingSavesMany', String(saves.length))}</strong>
      </p>
      <ul class="plain">
        {saves.map((s) => (
          <li key={s.id} data-pending={s.id}>
            <p class="pending-what">
              <span class="save-name">
                {s.name}
                {s.username ? ` (${s.username})` : ''}
              </span>
              {serverName(s.sourceId) && <span class="muted"> · {t('pendingTo', serverName(s.sourceId)!)}</span>}
            </p>
            <ErrorNote parts={problemOf(s)} class="pending-why" />
            <div class="actions compact">
              {/* A save the server stored differently is not sent again: it would make a second, maybe wrong, entry. */}
              {s.lastError?.code !== 'altered' && (
                <button
                  type="button"
                  class="secondary small"
                  disabled={busy}
                  onClick={() => void run(() => send('retryPendingSave', { id: s.id }))}
                >
                  {t('retry')}
                </button>
              )}
              <button
                type="button"
                class="secondary small"
                disabled={busy}
                onClick={() => void run(() => send('dropPendingSave', { id: s.id }))}
              >
                {t('pendingDrop')}
              </button>
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
