/** All / My Passwords / Projects: a tab list (arrow keys move between tabs, as the ARIA pattern says). */
import { t } from '../i18n';

export type ViewTab = 'all' | 'personal' | 'projects';
const tabs: ViewTab[] = ['all', 'personal', 'projects'];
const labels: Record<ViewTab, string> = { all: 'tabAll', personal: 'tabPersonal', projects: 'tabProjects' };

export function ViewTabs(props: { value: ViewTab; onChange: (tab: ViewTab) => void }) {
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    const step = event.key === 'ArrowRight' ? 1 : -1;
    const next = tabs[(tabs.indexOf(props.value) + step + tabs.length) % tabs.length];
    props.onChange(next);
    document.getElementById(`tab-${next}`)?.focus();
  };
  return (
    <div role="tablist" class="tabs" aria-label={t('tabsLabel')} onKeyDown={onKeyDown}>
      {tabs.map((tab) => (
        <button
          type="button"
          role="tab"
          id={`tab-${tab}`}
          aria-selected={tab === props.value ? 'true' : 'false'}
          aria-controls="view-panel"
          tabIndex={tab === props.value ? 0 : -1}
          onClick={() => props.onChange(tab)}
        >
          {t(labels[tab])}
        </button>
      ))}
    </div>
  );
}
