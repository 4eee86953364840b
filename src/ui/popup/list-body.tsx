/** The area under the tabs: the list, or the state that explains why there is none and what to do next. */
import type { EntrySummary, PopupState, ProjectNode } from '../../messages';
import { send } from '../client';
import { errorText } from '../error-text';
import { t } from '../i18n';
import { StateMessage } from '../state-message';
import { EntryList } from './entry-list';
import { ProjectTree } from './project-tree';
import { shortPath } from './short-path';
import { SyncProgress } from './status-banner';
import type { ListRows } from './use-list-rows';
import type { ViewTab } from './view-tabs';

/** What an empty view says: why it is empty, where its entries come from. */
const emptyTexts: Record<ViewTab | 'project', [string, string]> = {
  all: ['emptyTitle', 'emptyText'],
  personal: ['emptyPersonalTitle', 'emptyPersonalText'],
  projects: ['emptyTitle', 'emptyText'],
  project: ['emptyProjectTitle', 'emptyProjectText'],
};

/** The list keeps this height whatever it holds, so nothing moves when data lands. */
const listHeight = 384;

export interface ListBodyProps {
  list: ListRows;
  state: PopupState;
  tab: ViewTab;
  query: string;
  project?: ProjectNode;
  onProject: (project?: ProjectNode) => void;
  activeIndex: number;
  onOpen: (entry: EntrySummary) => void;
}

export function ListBody(props: ListBodyProps) {
  const { list, state } = props;
  const syncNow = () => void send('syncNow', {}).catch(() => undefined);
  const neverSynced = state.sources.every((s) => !s.lastSyncAt);
  const syncing = state.sources.find((s) => s.progress);
  const body = () => {
    if (neverSynced && syncing && list.rows.length === 0) {
      return (
        <StateMessage title={t('firstSyncTitle')} text={t('firstSyncText')} busy>
          <SyncProgress source={syncing} />
        </StateMessage>
      );
    }
    if (list.error && list.rows.length === 0) {
      return (
        <StateMessage title={t('popupError')} text={errorText(list.error)}>
          <button type="button" onClick={syncNow}>
            {t('retry')}
          </button>
        </StateMessage>
      );
    }
    if (list.noMatch) {
      return (
        <StateMessage title={t('noMatchTitle')} text={t('noMatchText', props.query.trim())}>
          <button type="button" class="secondary" onClick={syncNow}>
            {t('syncNow')}
          </button>
        </StateMessage>
      );
    }
    if (props.tab === 'projects' && !props.query.trim() && !props.project)
      return <ProjectTree sources={state.sources} onSelect={props.onProject} />;
    if (list.loading) return <StateMessage title={t('popupLoading')} busy />;
    if (list.rows.length === 0) {
      const [title, text] = neverSynced ? ['emptyTitle', 'emptyNeverSynced'] : emptyTexts[props.project ? 'project' : props.tab];
      return (
        <StateMessage title={t(title)} text={t(text)}>
          <button type="button" class="secondary" onClick={syncNow}>
            {t('syncNow')}
          </button>
        </StateMessage>
      );
    }
    return (
      <EntryList
        rows={list.rows}
        height={listHeight}
        activeIndex={props.activeIndex}
        sources={state.sources}
        label={list.label}
        onOpen={props.onOpen}
        onRange={list.onRange}
      />
    );
  };
  return (
    <div class="list-body" style={{ minHeight: `${listHeight}px` }}>
      {props.tab === 'projects' && props.project && !props.query.trim() && (
        <button type="button" class="link back" onClick={() => props.onProject(undefined)} title={props.project.path.join(' › ')}>
          ‹ {t('tabProjects')} › {shortPath(props.project.path)}
        </button>
      )}
      {body()}
    </div>
  );
}
