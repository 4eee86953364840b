/** The rows of the popup's list: section headings, entries, and entries not fetched yet (placeholders). */
import type { EntrySummary, FirstScreen } from '../../messages';
import { t } from '../i18n';

export type Row = { type: 'heading'; label: string } | { type: 'entry'; entry: EntrySummary } | { type: 'loading' };

/** This site, then Favorites, then the whole list (whose rows may not be fetched yet). */
export function firstScreenRows(screen: FirstScreen, all: readonly (EntrySummary | undefined)[]): Row[] {
  const rows: Row[] = [];
  if (screen.site.length > 0) {
    rows.push({ type: 'heading', label: screen.siteHost ? t('sectionSiteHost', screen.siteHost) : t('sectionSite') });
    for (const entry of screen.site) rows.push({ type: 'entry', entry });
  }
  if (screen.favorites.length > 0) {
    rows.push({ type: 'heading', label: t('sectionFavorites') });
    for (const entry of screen.favorites) rows.push({ type: 'entry', entry });
  }
  if (all.length > 0) rows.push({ type: 'heading', label: t('sectionAll', String(all.length)) });
  return rows.concat(entryRows(all));
}

export function entryRows(entries: readonly (EntrySummary | undefined)[]): Row[] {
  return entries.map((entry) => (entry ? { type: 'entry', entry } : { type: 'loading' }));
}

/** The next entry row from `from` in direction `step`, or `from` when there is none. */
export function nextEntryIndex(rows: readonly Row[], from: number, step: 1 | -1): number {
  for (let i = from + step; i >= 0 && i < rows.length; i += step) if (rows[i].type === 'entry') return i;
  return from;
}

export function firstEntryIndex(rows: readonly Row[]): number {
  return rows.findIndex((row) => row.type === 'entry');
}
