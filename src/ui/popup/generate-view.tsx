/** The popup's generator: a fresh password to copy, or to fill into the page's new-password field. */
import { useState } from 'preact/hooks';
import type { GeneratorProfile } from '../../messages';
import { send } from '../client';
import { copyText } from '../copy-text';
import { errorText } from '../error-text';
import { t } from '../i18n';
import { copiedText } from './toast';

export function GenerateView(props: { tabId: number | undefined; clearSeconds: number }) {
  const [password, setPassword] = useState('');
  const [profile, setProfile] = useState<GeneratorProfile>('default');
  const [note, setNote] = useState('');
  const [open, setOpen] = useState(false);
  const generate = (next = profile) =>
    send('generatePassword', { profile: next }).then(
      (r) => (setPassword(r.password), setNote('')),
      (e: unknown) => setNote(errorText(e)),
    );
  const copy = () =>
    copyText(password, props.clearSeconds).then(
      () => setNote(copiedText('password', props.clearSeconds)),
      (e: unknown) => setNote(errorText(e)),
    );
  const fill = () =>
    send('generateInTab', { tabId: props.tabId, profile }).then(
      (r) => setNote(t(r.filled ? 'generatedFilled' : 'generateRefused')),
      (e: unknown) => setNote(errorText(e)),
    );
  return (
    <details
      class="generate"
      onToggle={(e) => {
        setOpen(e.currentTarget.open);
        if (e.currentTarget.open && !password) void generate();
      }}
    >
      <summary>{t('generateTitle')}</summary>
      {/* Rendered only while open: the list's keyboard and option counts stay the popup's own. */}
      {open && (
        <div class="generate-body">
          <select
            aria-label={t('generateProfile')}
            value={profile}
            onChange={(e) => {
              const next = e.currentTarget.value as GeneratorProfile;
              setProfile(next);
              void generate(next);
            }}
          >
            <option value="default">{t('ctxGenerate')}</option>
            <option value="passphrase">{t('ctxPassphrase')}</option>
            <option value="alnum">{t('ctxAlnum')}</option>
            <option value="long">{t('ctxLong')}</option>
          </select>
          <output class="secret generated">{password}</output>
          <div class="actions">
            <button type="button" class="secondary small" onClick={() => void generate()}>
              {t('generateAgain')}
            </button>
            <button type="button" class="small" disabled={!password} onClick={() => void copy()}>
              {t('generateCopy')}
            </button>
            <button type="button" class="secondary small" onClick={() => void fill()}>
              {t('generateFill')}
            </button>
          </div>
          {note && (
            <p class="hint" role="status">
              {note}
            </p>
          )}
        </div>
      )}
    </details>
  );
}
