/** "N logins not saved yet": saves waiting for their server, each with why, and retry or drop. */
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { PendingSave } from '../../messages';
import { RemoteError } from '../../errors';
import { send } from '../client';
import { errorText } from '../error-text';
import { t } from '../i18n';

/** What to do about a stopped save, when the locales say it (`fix_<code>`). */
function fixOf(code: string): string | undefined {
  const fix = t(`fix_${code}`);
  return fix === `fix_${code}` ? undefined : fix;
}

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
            {s.lastError && <span class="hint"> — {errorText(new RemoteError(s.lastError.code, s.lastError.message))}</span>}
            {s.state === 'stopped' && s.lastError && fixOf(s.lastError.code) && <span class="hint fix"> {fixOf(s.lastError.code)}</span>}{' '}
            {/* A save the server stored differently is not sent again: it would make a second, maybe wrong, entry. */}
            {s.lastError?.code !== 'altered' && (
              <button type="button" class="secondary small" disabled={busy} onClick={() => void run(() => send('retryPendingSave', { id: s.id }))}>{t('retry')}</button>
            )}{' '}
            <button type="button" class="secondary small" disabled={busy} onClick={() => void run(() => send('dropPendingSave', { id: s.id }))}>{t('pendingDrop')}</button>
          </li>
        ))}
      </ul>
    </div>
  );
}
