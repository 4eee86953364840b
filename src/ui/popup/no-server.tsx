/** First run: no server yet; the next step is the setup assistant (the settings stay one link away). */
import browser from '../../browser';
import { t } from '../i18n';
import { StateMessage } from '../state-message';
import { openedAsPage } from './active-tab';

const WELCOME = 'src/ui/welcome/index.html';
const OPTIONS = 'src/ui/options/index.html';

export function NoServer() {
  const open = (path: string) => async (event: Event) => {
    event.preventDefault();
    await browser.tabs.create({ url: browser.runtime.getURL(path) });
    if (!openedAsPage()) window.close();
  };
  return (
    <StateMessage title={t('popupNoServerTitle')} text={t('popupNoServerText')}>
      <p class="state-actions">
        <a class="button" href={browser.runtime.getURL(WELCOME)} onClick={open(WELCOME)} autoFocus>
          {t('setUp')}
        </a>{' '}
        <a class="button secondary" href={browser.runtime.getURL(OPTIONS)} onClick={open(OPTIONS)}>
          {t('openSettings')}
        </a>
      </p>
    </StateMessage>
  );
}
