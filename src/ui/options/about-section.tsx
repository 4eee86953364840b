/** About: what this is, its version, the languages it speaks, what it may reach, and the setup assistant again. */
import browser from '../../browser';
import { WELCOME_PAGE } from '../../extension-pages';
import type { SourceStatus } from '../../messages';
import { t } from '../i18n';

/** Each language in its own name (and marked as such for screen readers): a reader looks for theirs. */
const languages = [
  ['en', 'English'],
  ['de', 'Deutsch'],
  ['es', 'Español'],
  ['ca', 'Català'],
  ['fr', 'Français'],
  ['it', 'Italiano'],
  ['pt-BR', 'Português (Brasil)'],
  ['nl', 'Nederlands'],
  ['pl', 'Polski'],
];

export function AboutSection(props: { sources: SourceStatus[] }) {
  const manifest = browser.runtime.getManifest();
  return (
    <div class="card about">
      <p>
        <strong>{t('extName')}</strong> <span class="muted">{t('aboutVersion', manifest.version)}</span>
      </p>
      <p>{t('aboutText')}</p>
      <h3>{t('aboutReachHeading')}</h3>
      <p>
        {props.sources.length > 0
          ? t('aboutReachServers', props.sources.map((s) => new URL(s.baseUrl).host).join(', '))
          : t('aboutReachNone')}
      </p>
      <h3>{t('aboutLanguagesHeading')}</h3>
      <ul class="plain languages">
        {languages.map(([code, name]) => (
          <li key={code} lang={code}>
            {name}
          </li>
        ))}
      </ul>
      <p class="hint">{t('aboutLanguagesHint')}</p>
      <p>
        <a href={browser.runtime.getURL(WELCOME_PAGE)}>{t('aboutRunSetup')}</a>
      </p>
    </div>
  );
}
