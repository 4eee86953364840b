/** The unlocked popup: search, tabs, server status, the list, and an entry's details when one is open. */
import { useCallback, useState } from 'preact/hooks';
import type { EntrySummary, PopupState, ProjectNode } from '../../messages';
import { errorText } from '../error-text';
import { t } from '../i18n';
import { EntryDetailsView } from './entry-details-view';
import { copyPassword, copyUsername, fillEntry } from './entry-actions';
import { ListBody } from './list-body';
import { firstEntryIndex, nextEntryIndex } from './list-rows';
import { PopupHeader } from './popup-header';
import { StatusBanner, SyncLine } from './status-banner';
import type { StoredFirstScreen } from '../../first-screen/reader';
import { useFirstScreen } from './use-first-screen';
import { useListRows } from './use-list-rows';
import { useClipboardClearSeconds } from './use-settings';
import { useSyncRefresh } from './use-sync-refresh';
import { ViewTabs, type ViewTab } from './view-tabs';
import { PendingSaves } from './pending-saves';
import { GenerateView } from './generate-view';
import { copiedText, Toast, useToast } from './toast';

export function PopupMain(props: {
  state: PopupState;
  stored?: StoredFirstScreen;
  onState: (state: PopupState) => void;
  onLocked: () => void;
}) {
  const syncKey = useSyncRefresh(props.state, props.onState);
  const first = useFirstScreen(syncKey, props.stored);
  const clearSeconds = useClipboardClearSeconds();
  const [tab, setTab] = useState<ViewTab>('all');
  const [query, setQuery] = useState('');
  const [project, setProject] = useState<ProjectNode>();
  const [open, setOpen] = useState<EntrySummary>();
  const [picked, setPicked] = useState(-1);
  const [toast, showToast] = useToast();
  const list = useListRows(tab, query, project, first, syncKey);
  const active = list.rows[picked]?.type === 'entry' ? picked : firstEntryIndex(list.rows);
  const activeRow = list.rows[active];
  const activeEntry = activeRow?.type === 'entry' ? activeRow.entry : undefined;
  const canFill = first.screen?.canFill ?? false;

  const run = useCallback(
    async (action: () => Promise<unknown>, done: string, clearSeconds?: number) => {
      try {
        await action();
        showToast(done, { clearSeconds });
      } catch (error) {
        showToast(errorText(error), { error: true });
      }
    },
    [showToast],
  );

  const onKeyDown = (event: KeyboardEvent) => {
    const mod = event.ctrlKey || event.metaKey;
    const input = event.currentTarget as HTMLInputElement;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setPicked(nextEntryIndex(list.rows, active, event.key === 'ArrowDown' ? 1 : -1));
    } else if (event.key === 'Enter' && activeEntry) {
      event.preventDefault();
      // A locked entry needs a reason or a request first: the details view asks for it.
      if (canFill && activeEntry.lockedType === 0) void run(() => fillEntry(activeEntry, first.tabId ?? undefined), t('filled'));
      else setOpen(activeEntry);
    } else if (mod && event.key.toLowerCase() === 'c' && activeEntry && input.selectionStart === input.selectionEnd) {
      event.preventDefault();
      if (activeEntry.lockedType !== 0) setOpen(activeEntry);
      else void run(() => copyPassword(activeEntry, clearSeconds), copiedText('password', clearSeconds), clearSeconds);
    } else if (mod && event.key.toLowerCase() === 'b' && activeEntry) {
      event.preventDefault();
      void run(async () => (await copyUsername(activeEntry)) || Promise.reject(new Error(t('noUsername'))), t('usernameCopied'));
    } else if (event.key === 'Escape' && query) {
      event.preventDefault();
      setQuery('');
    }
  };

  if (open) {
    const back = () => setOpen(undefined);
    return (
      <EntryDetailsView
        entry={open}
        canFill={canFill}
        tabId={first.tabId ?? undefined}
        clearSeconds={clearSeconds}
        sources={props.state.sources}
        onBack={back}
      />
    );
  }
  return (
    <div class="popup-main">
      <PopupHeader
        query={query}
        activeIndex={activeEntry ? active : -1}
        hasPassphrase={props.state.hasPassphrase}
        onQuery={(text) => (setQuery(text), setPicked(-1))}
        onKeyDown={onKeyDown}
        onLocked={props.onLocked}
      />
      <ViewTabs value={tab} onChange={(next) => (setTab(next), setPicked(-1), setProject(undefined))} />
      <StatusBanner sources={props.state.sources} />
      <PendingSaves refreshKey={syncKey} sources={props.state.sources} />
      <div id="view-panel" role="tabpanel" aria-labelledby={`tab-${tab}`}>
        <ListBody
          list={list}
          state={props.state}
          tab={tab}
          query={query}
          project={project}
          onProject={setProject}
          activeIndex={activeEntry ? active : -1}
          onOpen={setOpen}
        />
      </div>
      <GenerateView tabId={first.tabId ?? undefined} clearSeconds={clearSeconds} />
      <SyncLine sources={props.state.sources} />
      <Toast toast={toast} />
      <p id="search-hint" class="hint">
        {canFill ? t('keyboardHintFill') : t('keyboardHint')}
      </p>
    </div>
  );
}
