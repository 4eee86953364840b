/** The popup's top bar: the search box, lock, and a way to the settings. */
import browser from '../../browser';
import { send } from '../client';
import { t } from '../i18n';
import { openedAsPage } from './active-tab';
import { SearchBox } from './search-box';

export interface PopupHeaderProps {
  query: string;
  activeIndex: number;
  hasPassphrase: boolean;
  onQuery: (text: string) => void;
  onKeyDown: (event: KeyboardEvent) => void;
  onLocked: () => void;
}

export function PopupHeader(props: PopupHeaderProps) {
  const lock = async () => {
    await send('lock', {}).catch(() => undefined);
    props.onLocked();
  };
  const settings = async () => {
    await browser.runtime.openOptionsPage();
    if (!openedAsPage()) window.close();
  };
  return (
    <header class="popup-header">
      <SearchBox value={props.query} activeIndex={props.activeIndex} onInput={props.onQuery} onKeyDown={props.onKeyDown} />
      {props.hasPassphrase && (
        <button type="button" class="icon secondary" onClick={lock} aria-label={t('lock')} title={t('lock')}>
          <svg aria-hidden="true" width="14" height="14" viewBox="0 0 16 16" fill="currentColor">
            <path d="M4 7V5a4 4 0 1 1 8 0v2h1v8H3V7h1Zm2 0h4V5a2 2 0 1 0-4 0v2Z" />
          </svg>
        </button>
      )}
      <button type="button" class="icon secondary" onClick={settings} aria-label={t('openSettings')} title={t('openSettings')}>
        <svg aria-hidden="true" width="14" height="14" viewBox="0 0 16 16" fill="currentColor">
          <path
            d="M7 0h2l.4 2.2 1.5.6 1.8-1.3 1.4 1.4-1.3 1.8.6 1.5L16 7v2l-2.2.4-.6 1.5 1.3 1.8-1.4 1.4-1.8-1.3-1.5.6L9 16H7
               l-.4-2.2-1.5-.6-1.8 1.3-1.4-1.4 1.3-1.8-.6-1.5L0 9V7l2.2-.4.6-1.5-1.3-1.8 1.4-1.4 1.8 1.3 1.5-.6L7 0Z
               m1 5a3 3 0 1 0 0 6 3 3 0 0 0 0-6Z"
          />
        </svg>
      </button>
    </header>
  );
}
