/** The list of matching entries; arrow keys move between them. */
import type { MenuEntry } from '../../messages';
import { t } from '../i18n';

export function MenuEntries(props: { entries: MenuEntry[]; onPick(item: MenuEntry, event: Event): void }) {
  const onKey = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const buttons = [...document.querySelectorAll<HTMLButtonElement>('.menu-list button')];
    const i = buttons.indexOf(document.activeElement as HTMLButtonElement);
    buttons[(i + (e.key === 'ArrowDown' ? 1 : buttons.length - 1)) % buttons.length]?.focus();
    e.preventDefault();
  };
  return (
    <ul class="menu-list" onKeyDown={onKey} aria-label={t('autofillMenuTitle')}>
      {props.entries.map((item, i) => (
        <li key={item.entry.id}>
          <button type="button" autoFocus={i === 0} onClick={(e) => props.onPick(item, e)} data-entry={item.entry.id}>
            {item.entry.name}
            <small>
              {item.entry.username ?? item.entry.email ?? ''}
              {item.askFirst ? ` · ${t('autofillNotSecure')}` : ''}
            </small>
          </button>
        </li>
      ))}
    </ul>
  );
}
