/** Security: the passphrase, locking (now, and after idle time), and how long a copied password stays in the clipboard. */
import type { PopupState } from '../../messages';
import { send } from '../client';
import { NumberField } from '../forms/number-field';
import { t } from '../i18n';
import type { OptionsContext } from './options-context';
import { PassphraseSection } from './passphrase-section';

export function SecuritySection(props: OptionsContext & { onState: (state: PopupState) => void; onLocked: () => void }) {
  const { settings, policy, update, state } = props;
  const { settings: fixed, maxAutoLockMinutes: maxLock } = policy;
  return (
    <>
      <PassphraseSection state={state} onState={props.onState} />
      {settings && (
        <section class="card prefs" aria-labelledby="locking-heading">
          <h3 id="locking-heading">{t('lockingHeading')}</h3>
          <NumberField
            id="pref-autolock"
            label={t('prefAutoLock')}
            hint={maxLock === undefined ? t('prefZeroNever') : t('policyMaxAutoLock', String(maxLock))}
            value={settings.autoLockMinutes}
            min={maxLock === undefined ? 0 : 1}
            max={maxLock ?? 1440}
            managed={fixed.autoLockMinutes !== undefined}
            onChange={(autoLockMinutes) => update({ autoLockMinutes })}
          />
          <NumberField
            id="pref-clipboard"
            label={t('prefClipboard')}
            hint={t('prefZeroNever')}
            value={settings.clipboardClearSeconds}
            min={0}
            max={3600}
            managed={fixed.clipboardClearSeconds !== undefined}
            onChange={(clipboardClearSeconds) => update({ clipboardClearSeconds })}
          />
          {state.hasPassphrase && !state.locked && (
            <button type="button" class="secondary" onClick={() => void send('lock', {}).then(props.onLocked, props.onLocked)}>
              {t('lockNow')}
            </button>
          )}
        </section>
      )}
    </>
  );
}
