/** Asks why the user needs a locked password (TPM locking type 1); the server logs the reason. */
import { focusOnMount } from '../focus-on-mount';
import { useState } from 'preact/hooks';
import { t } from '../i18n';

export function LockedReasonForm(props: { onSubmit: (reason: string) => Promise<void>; onCancel: () => void }) {
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    if (!reason.trim()) return;
    setBusy(true);
    await props.onSubmit(reason.trim()).finally(() => setBusy(false));
  };
  return (
    <form class="reason-form" onSubmit={submit} aria-labelledby="reason-title">
      <h2 id="reason-title">{t('lockedReasonTitle')}</h2>
      <p>{t('lockedReasonText')}</p>
      <label class="field">
        <span>{t('lockedReasonLabel')}</span>
        <input type="text" value={reason} maxLength={200} onInput={(e) => setReason(e.currentTarget.value)} ref={focusOnMount} required />
      </label>
      <div class="actions">
        <button type="submit" disabled={busy || !reason.trim()}>
          {t('lockedReasonSubmit')}
        </button>
        <button type="button" class="secondary" onClick={props.onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
