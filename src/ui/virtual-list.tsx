/**
 * A list that renders only the rows in view (fixed row height), so 10,000 entries paint as fast as 10.
 * The list keeps its height whatever the data, so a refresh never moves the layout.
 */
import type { AriaRole, ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';

export interface VirtualListProps {
  count: number;
  rowHeight: number;
  /** Visible height in pixels. */
  height: number;
  renderRow: (index: number) => ComponentChildren;
  /** Row to keep in view (keyboard navigation). */
  activeIndex?: number;
  /** Called with the rendered range, e.g. to load rows not fetched yet. */
  onRange?: (first: number, last: number) => void;
  id?: string;
  role?: AriaRole;
  label?: string;
}

const overscan = 4;

export function VirtualList(props: VirtualListProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const { count, rowHeight, height, activeIndex, onRange } = props;
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(count - 1, Math.ceil((scrollTop + height) / rowHeight) + overscan);

  useEffect(() => {
    const el = ref.current;
    if (!el || activeIndex === undefined || activeIndex < 0) return;
    const top = activeIndex * rowHeight;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + rowHeight > el.scrollTop + height) el.scrollTop = top + rowHeight - height;
  }, [activeIndex, rowHeight, height]);

  useEffect(() => {
    if (count > 0) onRange?.(first, last);
  }, [first, last, count, onRange]);

  const rows: ComponentChildren[] = [];
  for (let i = first; i <= last; i++) {
    rows.push(
      <div key={i} class="vrow" style={{ top: `${i * rowHeight}px`, height: `${rowHeight}px` }}>
        {props.renderRow(i)}
      </div>,
    );
  }
  return (
    // biome-ignore lint/a11y/useAriaPropsSupportedByRole: the caller gives the role (a listbox), which takes a label
    <div
      ref={ref}
      id={props.id}
      role={props.role}
      aria-label={props.label}
      class="vlist"
      style={{ height: `${height}px` }}
      onScroll={(event) => setScrollTop((event.currentTarget as HTMLDivElement).scrollTop)}
    >
      <div style={{ height: `${count * rowHeight}px`, position: 'relative' }}>{rows}</div>
    </div>
  );
}
