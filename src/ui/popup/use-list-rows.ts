/** Chooses what the list shows: search results, the first screen, My Passwords, or a project's entries. */
import { useMemo } from 'preact/hooks';
import type { ProjectNode } from '../../messages';
import { t } from '../i18n';
import { entryRows, firstScreenRows, type Row } from './list-rows';
import { useEntryPages } from './use-entry-pages';
import type { FirstScreenState } from './use-first-screen';
import { useProjectEntries } from './use-project-entries';
import { useSearch } from './use-search';
import type { ViewTab } from './view-tabs';

export interface ListRows {
  rows: Row[];
  onRange?: (first: number, last: number) => void;
  loading: boolean;
  error?: unknown;
  label: string;
  /** The search found nothing. */
  noMatch: boolean;
}

export function useListRows(
  tab: ViewTab,
  query: string,
  project: ProjectNode | undefined,
  first: FirstScreenState,
  syncKey: string,
): ListRows {
  const searching = query.trim() !== '';
  const search = useSearch(query, first.tabId ?? undefined, syncKey);
  const screen = first.screen;
  const initial = useMemo(() => screen && { entries: screen.entries, total: screen.total }, [screen]);
  const all = useEntryPages('all', !searching && tab === 'all' && initial !== undefined, syncKey, initial);
  const personal = useEntryPages('personal', !searching && tab === 'personal', syncKey);
  const inProject = useProjectEntries(!searching && tab === 'projects' ? project : undefined, syncKey);

  const allRows = useMemo(() => (screen ? firstScreenRows(screen, all.items) : []), [screen, all.items]);
  const personalRows = useMemo(() => entryRows(personal.items), [personal.items]);
  const searchRows = useMemo(() => entryRows(search.results ?? []), [search.results]);
  const projectRows = useMemo(() => entryRows(inProject.entries ?? []), [inProject.entries]);

  if (searching) {
    const loading = !search.results && !search.error;
    return { rows: searchRows, loading, error: search.error, label: t('searchResults'), noMatch: search.results?.length === 0 };
  }
  if (tab === 'personal') {
    return {
      rows: personalRows,
      onRange: personal.need,
      loading: !personal.loaded,
      error: personal.error,
      label: t('tabPersonal'),
      noMatch: false,
    };
  }
  if (tab === 'projects') {
    return {
      rows: projectRows,
      loading: !!project && !inProject.entries && !inProject.error,
      error: inProject.error,
      label: project?.name ?? '',
      noMatch: false,
    };
  }
  const offset = allRows.length - all.items.length;
  return {
    rows: allRows,
    onRange: (a, b) => all.need(a - offset, b - offset),
    loading: !screen && !first.error,
    error: first.error,
    label: t('tabAll'),
    noMatch: false,
  };
}
