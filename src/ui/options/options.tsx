/** The settings page: servers and preferences. */
import { t } from '../i18n';

export function Options() {
  return (
    <main class="options-page">
      <h1>{t('optionsTitle')}</h1>
      <section aria-labelledby="servers-heading">
        <h2 id="servers-heading">{t('optionsServers')}</h2>
        <p>{t('optionsNoServers')}</p>
      </section>
    </main>
  );
}
