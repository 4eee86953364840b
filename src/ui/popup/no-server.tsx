/** First run: no server yet; the next step is the setup assistant (the settings stay one link away). */
import browser from '../../browser';
import { OPTIONS_PAGE, WELCOME_PAGE } from '../../extension-pages';
import { t } from '../i18n';
import { StateMessage } from '../state-message';
import { openedAsPage } from './active-tab';

export function NoServer() {
  const open = (path: string) => async (event: Event) => {
    event.preventDefault();
    await browser.tabs.create({ url: browser.runtime.getURL(path) });
    if (!openedAsPage()) window.close();
  };
  return (
    <StateMessage title={t('popupNoServerTitle')} text={t('popupNoServerText')}>
      <p class="state-actions">
        <a class="button" href={browser.runtime.getURL(WELCOME_PAGE)} onClick={open(WELCOME_PAGE)} autoFocus>
          {t('setUp')}
        </a>{' '}
        <a class="button secondary" href={browser.runtime.getURL(OPTIONS_PAGE)} onClick={open(OPTIONS_PAGE)}>
          {t('openSettings')}
        </a>
      </p>
    </StateMessage>
  );
}
