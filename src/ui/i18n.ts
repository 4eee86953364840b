/** Texts come from `_locales` through the i18n API, so every screen is translatable. */
import browser from '../browser';

export function t(key: string, substitutions?: string | string[]): string {
  return browser.i18n.getMessage(key, substitutions) || key;
}
