/** One entry in full: facts, secrets (masked, through the lock gate), TOTP, and what to do with it. */
import { focusOnMount } from '../focus-on-mount';
import { useEffect, useState } from 'preact/hooks';
import type { EntryDetails, EntrySummary, SourceStatus } from '../../messages';
import { send } from '../client';
import { copyText } from '../copy-text';
import { errorText } from '../error-text';
import { t } from '../i18n';
import { DetailsActions } from './details-actions';
import { DetailsFields, isOtp } from './details-fields';
import { LockedReasonForm } from './locked-reason-form';
import { OtpCode } from './otp-code';
import { SecretField } from './secret-field';
import { useLockedGate } from './use-locked-gate';
import { copiedText, Toast, useToast } from './toast';

export interface EntryDetailsViewProps {
  entry: EntrySummary;
  canFill: boolean;
  tabId?: number;
  clearSeconds: number;
  sources: SourceStatus[];
  onBack: () => void;
}

export function EntryDetailsView(props: EntryDetailsViewProps) {
  const [entry, setEntry] = useState(props.entry);
  const [details, setDetails] = useState<EntryDetails>();
  const [revealed, setRevealed] = useState<Record<number, string>>({});
  const [toast, showToast] = useToast();
  const gate = useLockedGate(entry);
  useEffect(() => {
    send('getEntryDetails', { entryId: entry.id }).then(
      (loaded) => (setDetails(loaded), setEntry(loaded.summary)),
      (error: unknown) => showToast(errorText(error), { error: true }),
    );
  }, [entry.id]);

  /** Runs a user action through the lock gate and says how it went. */
  const act = (action: (reason?: string) => Promise<unknown>, done?: string, clearSeconds?: number) =>
    gate
      .guard(async (reason) => void (await action(reason), done && showToast(done, { clearSeconds })))
      .catch((error: unknown) => showToast(errorText(error), { error: true }));
  const reveal = (field: number) =>
    act(async (reason) => {
      const { value } = await send('revealSecret', { entryId: entry.id, field, reason });
      setRevealed((old) => ({ ...old, [field]: value }));
    });
  const copySecret = (field: number) =>
    act(
      async (reason) => {
        const { value } = await send('revealSecret', { entryId: entry.id, field, reason });
        await copyText(value, props.clearSeconds);
      },
      copiedText(field === 0 ? 'password' : 'secret', props.clearSeconds),
      props.clearSeconds,
    );
  const hide = (field: number) => setRevealed(({ [field]: _, ...rest }) => rest);
  const source = props.sources.length > 1 ? props.sources.find((s) => s.id === entry.sourceId)?.name : undefined;
  const secretFields = details?.customFields.filter((f) => f.secret && !isOtp(f.type)) ?? [];

  return (
    // Escape from any control of the view goes back: the key bubbles up from the focused control.
    // biome-ignore lint/a11y/noStaticElementInteractions: see above
    <div class="details" onKeyDown={(e) => e.key === 'Escape' && !gate.asking && (e.preventDefault(), props.onBack())}>
      <header class="details-header">
        <button type="button" class="icon secondary" onClick={props.onBack} aria-label={t('back')} ref={focusOnMount}>
          <span aria-hidden="true">‹</span>
        </button>
        <h1>{entry.name}</h1>
      </header>
      {gate.blocked && (
        <p class="banner warn" role="note">
          {t('lockedPermissionText')}
        </p>
      )}
      {gate.asking && <LockedReasonForm onSubmit={gate.submitReason} onCancel={gate.cancel} />}
      <dl class="fields">
        <DetailsFields entry={entry} details={details} source={source} />
        {(details?.hasPassword ?? true) && (
          <SecretField
            label={t('fieldPassword')}
            value={revealed[0]}
            disabled={gate.blocked}
            onReveal={() => reveal(0)}
            onHide={() => hide(0)}
            onCopy={() => copySecret(0)}
          />
        )}
        {secretFields.map((f) => (
          <SecretField
            key={f.index}
            label={f.label}
            value={revealed[f.index]}
            disabled={gate.blocked}
            onReveal={() => reveal(f.index)}
            onHide={() => hide(f.index)}
            onCopy={() => copySecret(f.index)}
          />
        ))}
        {entry.hasOtp && !gate.blocked && (
          <div class="field-row">
            <dt>{t('fieldOtp')}</dt>
            <OtpCode entryId={entry.id} onCopy={(code) => act(() => copyText(code), t('otpCopied'))} />
          </div>
        )}
      </dl>
      <DetailsActions
        entry={entry}
        details={details}
        canFill={props.canFill}
        blocked={gate.blocked}
        tabId={props.tabId}
        clearSeconds={props.clearSeconds}
        act={act}
        onEntry={setEntry}
      />
      <Toast toast={toast} />
    </div>
  );
}
