/** First run: no server yet; the next step is the settings page. */
import browser from '../../browser';
import { t } from '../i18n';
import { StateMessage } from '../state-message';
import { openedAsPage } from './active-tab';

export function NoServer() {
  const openSettings = async (event: Event) => {
    event.preventDefault();
    await browser.runtime.openOptionsPage();
    if (!openedAsPage()) window.close();
  };
  return (
    <StateMessage title={t('popupNoServerTitle')} text={t('popupNoServerText')}>
      <a class="button" href={browser.runtime.getURL('src/ui/options/index.html')} onClick={openSettings} autoFocus>
        {t('openSettings')}
      </a>
    </StateMessage>
  );
}
