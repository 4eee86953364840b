/** "N logins not saved yet": saves waiting for their server, each with why, and retry or drop. */
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { PendingSave } from '../../messages';
import { RemoteError } from '../../errors';
import { send } from '../client';
import { errorText } from '../error-text';
import { t } from '../i18n';

export function PendingSaves(props: { refreshKey?: unknown }) {
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
  return (
    <div class="banner pending-saves" role="status">
      <p><strong>{saves.length === 1 ? t('pendingSavesOne') : t('pendingSavesMany', String(saves.length))}</strong></p>
      <ul class="plain">
        {saves.map((s) => (
          <li key={s.id} data-pending={s.id}>
            {s.name}{s.username ? ` (${s.username})` : ''}
            {s.lastError && <span class="hint"> — {errorText(new RemoteError(s.lastError.code, s.lastError.message))}</span>}{' '}
            <button type="button" class="secondary small" disabled={busy} onClick={() => void run(() => send('retryPendingSave', { id: s.id }))}>{t('retry')}</button>{' '}
            <button type="button" class="secondary small" disabled={busy} onClick={() => void run(() => send('dropPendingSave', { id: s.id }))}>{t('pendingDrop')}</button>
          </li>
        ))}
      </ul>
    </div>
  );
}
