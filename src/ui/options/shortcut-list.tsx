/** The extension's keyboard shortcuts as the browser has them now, and where people change them. */
import { useEffect, useState } from 'preact/hooks';
import browser from '../../browser';
import type { Commands } from 'webextension-polyfill';
import { t } from '../i18n';

export function ShortcutList() {
  const [commands, setCommands] = useState<Commands.Command[]>([]);
  useEffect(() => {
    browser.commands.getAll().then(
      (all) => setCommands(all.filter((c) => c.description)),
      () => undefined,
    );
  }, []);
  return (
    <section class="card" aria-labelledby="shortcuts-heading">
      <h3 id="shortcuts-heading">{t('shortcutsHeading')}</h3>
      <dl class="fields">
        {commands.map((command) => (
          <div class="field-row" key={command.name}>
            <dt>{command.shortcut ? <kbd>{command.shortcut}</kbd> : <span class="muted">{t('shortcutNone')}</span>}</dt>
            <dd>{command.description}</dd>
          </div>
        ))}
      </dl>
      <p class="hint">{t('shortcutsChange')}</p>
    </section>
  );
}
