/** Autofill: how entries match pages, fill on load, the sites where saving is off, and the keyboard shortcuts. */
import type { Settings } from '../../messages';
import { t } from '../i18n';
import { NeverSaveList } from './never-save-list';
import type { OptionsContext } from './options-context';
import { ShortcutList } from './shortcut-list';

const strategies: Settings['matchStrategy'][] = ['domain', 'host', 'startsWith', 'exact', 'never'];

export function AutofillSection(props: OptionsContext) {
  const { settings, policy, update } = props;
  const fixed = policy.settings;
  return (
    <>
      {settings && (
        <section class="card prefs" aria-labelledby="filling-heading">
          <h3 id="filling-heading">{t('fillingHeading')}</h3>
          <div class="field">
            <label for="pref-match">{t('prefMatch')}</label>
            <select
              id="pref-match"
              value={settings.matchStrategy}
              disabled={fixed.matchStrategy !== undefined}
              aria-describedby="pref-match-hint"
              onChange={(e) => update({ matchStrategy: e.currentTarget.value as Settings['matchStrategy'] })}
            >
              {strategies.map((s) => (
                <option value={s} key={s}>
                  {t(`match_${s}`)}
                </option>
              ))}
            </select>
            <small id="pref-match-hint" class="hint">
              {fixed.matchStrategy !== undefined ? t('setByPolicy') : t(`match_${settings.matchStrategy}_hint`)}
            </small>
          </div>
          <label class="check">
            <input
              type="checkbox"
              checked={settings.fillOnLoad}
              disabled={fixed.fillOnLoad !== undefined}
              aria-describedby="pref-fill-hint"
              onChange={(e) => update({ fillOnLoad: e.currentTarget.checked })}
            />{' '}
            {t('prefFillOnLoad')}
          </label>
          <small id="pref-fill-hint" class="hint block">
            {fixed.fillOnLoad !== undefined ? t('setByPolicy') : t('prefFillOnLoadHint')}
          </small>
        </section>
      )}
      <NeverSaveList />
      <ShortcutList />
    </>
  );
}
