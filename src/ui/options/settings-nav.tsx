/** The settings' sections and the links between them (`#servers` …): one section shows at a time. */
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n';

export const sectionIds = ['servers', 'autofill', 'generator', 'security', 'transfer', 'diagnostics', 'about'] as const;
export type SectionId = (typeof sectionIds)[number];
export const sectionLabel: Record<SectionId, string> = {
  servers: 'optionsServers',
  autofill: 'sectionAutofill',
  generator: 'sectionGenerator',
  security: 'sectionSecurity',
  transfer: 'transferHeading',
  diagnostics: 'diagnosticsHeading',
  about: 'sectionAbout',
};

const fromHash = (): SectionId =>
  (sectionIds as readonly string[]).includes(location.hash.slice(1)) ? (location.hash.slice(1) as SectionId) : 'servers';

/** The section in the address; moving to another puts the keyboard focus on its heading. */
export function useSection(): SectionId {
  const [section, setSection] = useState(fromHash);
  useEffect(() => {
    const onHash = () => {
      const next = fromHash();
      setSection(next);
      requestAnimationFrame(() => document.getElementById(`${next}-heading`)?.focus());
    };
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);
  return section;
}

export function SettingsNav(props: { current: SectionId; attention: Partial<Record<SectionId, boolean>> }) {
  return (
    <nav class="settings-nav" aria-label={t('settingsSections')}>
      <ul class="plain">
        {sectionIds.map((id) => (
          <li key={id}>
            <a href={`#${id}`} aria-current={id === props.current ? 'page' : undefined}>
              {t(sectionLabel[id])}
              {props.attention[id] && (
                <span class="attention">
                  <span aria-hidden="true"> ●</span>
                  <span class="visually-hidden"> ({t('needsAttention')})</span>
                </span>
              )}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
