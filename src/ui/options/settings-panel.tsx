/** One section of the settings: its heading (where the keyboard lands when the section is chosen) and content. */
import type { ComponentChildren } from 'preact';
import { t } from '../i18n';
import { sectionLabel, type SectionId } from './settings-nav';

export function SettingsPanel(props: { id: SectionId; intro?: string; children: ComponentChildren }) {
  return (
    <section class="settings-panel" aria-labelledby={`${props.id}-heading`}>
      <h2 id={`${props.id}-heading`} tabIndex={-1}>
        {t(sectionLabel[props.id])}
      </h2>
      {props.intro && <p class="muted">{props.intro}</p>}
      {props.children}
    </section>
  );
}
