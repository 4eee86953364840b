/** Texts come from `_locales` through the i18n API, so every screen is translatable. */
import browser from '../browser';

export function t(key: string, substitutions?: string | string[]): string {
  return browser.i18n.getMessage(key, substitutions) || key;
}

/** Names the page's language (the locale the texts came from, for screen readers' pronunciation) and its title. */
export function localizePage(titleKey: string): void {
  document.documentElement.lang = t('lang');
  document.title = t(titleKey);
}
