/** The search field, focused on open; it owns the list's keyboard (arrows, Enter, copy shortcuts). */
import { focusOnMount } from '../focus-on-mount';
import { t } from '../i18n';
import { listId, optionId } from './entry-list';

// Preact's types tie role="combobox" on an input to a `list` attribute; the ARIA 1.2 combobox pattern needs neither.
const comboboxRole = { role: 'combobox' } as Record<string, string>;

export function SearchBox(props: {
  value: string;
  activeIndex: number;
  onInput: (text: string) => void;
  onKeyDown: (event: KeyboardEvent) => void;
}) {
  return (
    // biome-ignore lint/a11y/useAriaPropsSupportedByRole: the combobox role comes in through the spread
    <input
      type="search"
      class="search"
      {...comboboxRole}
      aria-label={t('searchLabel')}
      aria-controls={listId}
      aria-expanded="true"
      aria-autocomplete="list"
      aria-activedescendant={props.activeIndex >= 0 ? optionId(props.activeIndex) : undefined}
      aria-describedby="search-hint"
      placeholder={t('searchPlaceholder')}
      value={props.value}
      onInput={(e) => props.onInput(e.currentTarget.value)}
      onKeyDown={props.onKeyDown}
      autoFocus
      ref={focusOnMount}
      spellcheck={false}
      autoComplete="off"
    />
  );
}
