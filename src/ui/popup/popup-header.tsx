/** The popup's top bar: the search box, lock, and a way to the settings. */
import browser from 'webextension-polyfill';
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
          <span aria-hidden="true">🔒</span>
        </button>
      )}
      <button type="button" class="icon secondary" onClick={settings} aria-label={t('openSettings')} title={t('openSettings')}>
        <span aria-hidden="true">⚙</span>
      </button>
    </header>
  );
}
