/** The prompt's last screen: saved, stopped (why, and what to do), waiting for a retry, or a new password to set. */
import { useState } from 'preact/hooks';
import type { SavePromptOutcome } from '../../save-prompt-view';
import { RemoteError } from '../../errors';
import { send } from '../client';
import { copyText } from '../copy-text';
import { errorText } from '../error-text';
import { t } from '../i18n';

export function SaveOutcome(props: { outcome: SavePromptOutcome; onClose(): void }) {
  const { outcome } = props;
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    const { clipboardClearSeconds } = await send('getSettings', {});
    await copyText(outcome.password ?? '', clipboardClearSeconds);
    setCopied(true);
  };
  let lines: [string, string][];
  if (outcome.status === 'saved' || outcome.status === 'updated')
    lines = [['note ok', t(outcome.status === 'saved' ? 'savedTo' : 'updatedIn', outcome.where ?? '')]];
  else if (outcome.status === 'failed') {
    const fix = t(`fix_${outcome.code}`);
    lines = [['note error', t('saveFailed', errorText(new RemoteError(outcome.code ?? 'internal', outcome.message ?? '')))]];
    if (fix !== `fix_${outcome.code}`) lines.push(['note hint', fix]);
  } else if (outcome.status === 'generated') lines = [['note', t('saveGeneratedNote')]];
  else lines = [['note error', t('saveQueued')], ...(outcome.message ? [['note hint', outcome.message] as [string, string]] : [])];
  return (
    <div class="prompt" role="status">
      {lines.map(([cls, text]) => (
        <p class={cls}>{text}</p>
      ))}
      {outcome.status === 'generated' && (
        <p class="actions">
          <input type="password" readOnly aria-label={t('savePassword')} value={outcome.password} />{' '}
          <button type="button" onClick={() => void copy()}>
            {copied ? t('passwordCopiedShort') : t('copyPassword')}
          </button>
        </p>
      )}
      <button type="button" class="secondary small" onClick={props.onClose}>
        {t('saveClose')}
      </button>
    </div>
  );
}
