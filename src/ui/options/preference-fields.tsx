/**
 * Lock, sync, matching, fill-on-load and clipboard preferences. Fields the organisation's policy fixes are shown
 * disabled, "set by your organisation"; bounds it sets limit the field and say so.
 */
import type { ManagedPolicy, Settings } from '../../messages';
import { t } from '../i18n';
import { NumberField } from './number-field';

const strategies: Settings['matchStrategy'][] = ['domain', 'host', 'startsWith', 'exact', 'never'];

export function PreferenceFields(props: { value: Settings; policy: ManagedPolicy; onChange: (patch: Partial<Settings>) => void }) {
  const { value, onChange } = props;
  const { settings: fixed, minSyncIntervalMinutes: minSync, maxAutoLockMinutes: maxLock } = props.policy;
  return (
    <>
      <NumberField
        id="pref-autolock"
        label={t('prefAutoLock')}
        hint={maxLock === undefined ? t('prefZeroNever') : t('policyMaxAutoLock', String(maxLock))}
        value={value.autoLockMinutes}
        min={maxLock === undefined ? 0 : 1}
        max={maxLock ?? 1440}
        managed={fixed.autoLockMinutes !== undefined}
        onChange={(autoLockMinutes) => onChange({ autoLockMinutes })}
      />
      <NumberField
        id="pref-sync"
        label={t('prefSyncInterval')}
        hint={minSync === undefined ? undefined : t('policyMinSync', String(minSync))}
        value={value.syncIntervalMinutes}
        min={minSync ?? 1}
        max={1440}
        managed={fixed.syncIntervalMinutes !== undefined}
        onChange={(syncIntervalMinutes) => onChange({ syncIntervalMinutes })}
      />
      <div class="field">
        <label for="pref-match">{t('prefMatch')}</label>
        <select
          id="pref-match"
          value={value.matchStrategy}
          disabled={fixed.matchStrategy !== undefined}
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
          {fixed.matchStrategy !== undefined ? t('setByPolicy') : t(`match_${value.matchStrategy}_hint`)}
        </small>
      </div>
      <label class="check">
        <input type="checkbox" checked={value.fillOnLoad} disabled={fixed.fillOnLoad !== undefined} aria-describedby="pref-fill-hint" onChange={(e) => onChange({ fillOnLoad: e.currentTarget.checked })} />{' '}
        {t('prefFillOnLoad')}
      </label>
      <small id="pref-fill-hint" class="hint block">
        {fixed.fillOnLoad !== undefined ? t('setByPolicy') : t('prefFillOnLoadHint')}
      </small>
      <NumberField id="pref-clipboard" label={t('prefClipboard')} hint={t('prefZeroNever')} value={value.clipboardClearSeconds} min={0} max={3600} managed={fixed.clipboardClearSeconds !== undefined} onChange={(clipboardClearSeconds) => onChange({ clipboardClearSeconds })} />
    </>
  );
}
