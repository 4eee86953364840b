/** One row of the list: name, who, where (a long project path shortened in the middle), and badges for what needs attention. */
import type { EntrySummary } from '../../messages';
import { t } from '../i18n';
import { shortPath } from './short-path';

export function EntryRow(props: { entry: EntrySummary; id: string; active: boolean; source?: string; onOpen: () => void }) {
  const { entry } = props;
  const user = entry.username ?? entry.email;
  const path = entry.projectPath.join(' › ');
  return (
    // An option of the search box's listbox: focus stays in the search box (aria-activedescendant), whose keys pick it.
    // biome-ignore lint/a11y/useFocusableInteractive: see above
    // biome-ignore lint/a11y/useKeyWithClickEvents: see above
    <div
      role="option"
      id={props.id}
      aria-selected={props.active ? 'true' : 'false'}
      class={props.active ? 'entry-row active' : 'entry-row'}
      title={[entry.name, user, path].filter(Boolean).join('\n')}
      onClick={props.onOpen}
    >
      <span class="entry-name">
        {entry.favorite && (
          <span role="img" aria-label={t('favorite')} class="star">
            ★{' '}
          </span>
        )}
        {entry.name}
      </span>
      <span class="entry-sub">
        {user && <span class="entry-user">{user}</span>}
        {user && path && (
          <span aria-hidden="true" class="sep">
            {' '}
            ·{' '}
          </span>
        )}
        {path && <span class="entry-path">{shortPath(entry.projectPath)}</span>}
        {!user && !path && '\u00a0'}
        {props.source && <span class="badge">{props.source}</span>}
        {entry.lockedType > 0 && <span class="badge warn">{t('badgeLocked')}</span>}
        {entry.expiryStatus === 2 && <span class="badge danger">{t('badgeExpired')}</span>}
        {(entry.expiryStatus === 1 || entry.expiryStatus === 3) && <span class="badge warn">{t('badgeExpiring')}</span>}
        {entry.hasOtp && <span class="badge">{t('badgeOtp')}</span>}
      </span>
    </div>
  );
}
