/** Lock, sync, matching, fill-on-load and clipboard preferences; fields a policy fixes are shown disabled. */
import type { Settings } from '../../messages';
import { t } from '../i18n';
import type { PolicySettings } from './managed-policy';
import { NumberField } from './number-field';

const strategies: Settings['matchStrategy'][] = ['domain', 'host', 'startsWith', 'exact', 'never'];

export function PreferenceFields(props: { value: Settings; policy: PolicySettings; onChange: (patch: Partial<Settings>) => void }) {
  const { value, policy, onChange } = props;
  return (
    <>
      <NumberField id="pref-autolock" label={t('prefAutoLock')} hint={t('prefZeroNever')} value={value.autoLockMinutes} min={0} max={1440} managed={policy.autoLockMinutes !== undefined} onChange={(autoLockMinutes) => onChange({ autoLockMinutes })} />
      <NumberField id="pref-sync" label={t('prefSyncInterval')} value={value.syncIntervalMinutes} min={1} max={1440} managed={policy.syncIntervalMinutes !== undefined} onChange={(syncIntervalMinutes) => onChange({ syncIntervalMinutes })} />
      <div class="field">
        <label for="pref-match">{t('prefMatch')}</label>
        <select
          id="pref-match"
          value={value.matchStrategy}
          disabled={policy.matchStrategy !== undefined}
          aria-describedby="pref-match-hint"
          onChange={(e) => onChange({ matchStrategy: e.currentTarget.value as Settings['matchStrategy'] })}
        >
          {strategies.map((s) => (
            <option value={s} key={s}>
              {t(`match_${s}`)}
            </option>
          ))}
        </select>
        <small id="pref-match-hint" class="hint">
          {policy.matchStrategy !== undefined ? t('setByPolicy') : t(`match_${value.matchStrategy}_hint`)}
        </small>
      </div>
      <label class="check">
        <input type="checkbox" checked={value.fillOnLoad} disabled={policy.fillOnLoad !== undefined} aria-describedby="pref-fill-hint" onChange={(e) => onChange({ fillOnLoad: e.currentTarget.checked })} />{' '}
        {t('prefFillOnLoad')}
      </label>
      <small id="pref-fill-hint" class="hint block">
        {policy.fillOnLoad !== undefined ? t('setByPolicy') : t('prefFillOnLoadHint')}
      </small>
      <NumberField id="pref-clipboard" label={t('prefClipboard')} hint={t('prefZeroNever')} value={value.clipboardClearSeconds} min={0} max={3600} managed={policy.clipboardClearSeconds !== undefined} onChange={(clipboardClearSeconds) => onChange({ clipboardClearSeconds })} />
    </>
  );
}
