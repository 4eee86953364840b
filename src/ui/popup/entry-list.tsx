/** The virtualised list of rows (headings, entries, placeholders) the search box drives by keyboard. */
import type { SourceStatus } from '../../messages';
import type { EntrySummary } from '../../messages';
import { useEffect } from 'preact/hooks';
import { t } from '../i18n';
import { VirtualList } from '../virtual-list';
import { EntryRow } from './entry-row';
import type { Row } from './list-rows';

const rowHeight = 48;
export const listId = 'entry-list';
export const optionId = (index: number) => `entry-option-${index}`;

export interface EntryListProps {
  rows: Row[];
  height: number;
  activeIndex: number;
  sources: SourceStatus[];
  label: string;
  onOpen: (entry: EntrySummary) => void;
  onRange?: (first: number, last: number) => void;
}

/** Marked once, when the first rows are on screen: `npm run bench` measures popup open → this mark. */
const firstListMark = 'popup:first-list-painted';

export function EntryList(props: EntryListProps) {
  const hasEntries = props.rows.some((row) => row.type === 'entry');
  useEffect(() => {
    // Preact runs effects after the browser painted the frame.
    if (hasEntries && performance.getEntriesByName(firstListMark).length === 0) performance.mark(firstListMark);
  }, [hasEntries]);
  const names = new Map(props.sources.map((s) => [s.id, s.name]));
  const showSource = props.sources.length > 1;
  const renderRow = (index: number) => {
    const row = props.rows[index];
    if (row.type === 'heading')
      return (
        <div role="presentation" class="list-heading">
          {row.label}
        </div>
      );
    if (row.type === 'loading')
      return (
        <div role="presentation" class="entry-row placeholder">
          {t('popupLoading')}
        </div>
      );
    return (
      <EntryRow
        entry={row.entry}
        id={optionId(index)}
        active={index === props.activeIndex}
        source={showSource ? names.get(row.entry.sourceId) : undefined}
        onOpen={() => props.onOpen(row.entry)}
      />
    );
  };
  return (
    <VirtualList
      id={listId}
      role="listbox"
      label={props.label}
      count={props.rows.length}
      rowHeight={rowHeight}
      height={props.height}
      activeIndex={props.activeIndex}
      renderRow={renderRow}
      onRange={props.onRange}
    />
  );
}
