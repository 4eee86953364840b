/**
 * Host access to a server is asked for at run time, for that server's origin only. Must be called from a
 * click handler: the browser only shows the prompt during a user gesture.
 */
import browser from '../../browser';
import { t } from '../i18n';
import type { SetupProblem } from './setup-error';

/** The match pattern for a base URL's origin. Ports are left out: Firefox's patterns cannot hold them. */
export function originPattern(baseUrl: string): string {
  const url = new URL(baseUrl);
  return `${url.protocol}//${url.hostname}/*`;
}

/**
 * True when the extension may reach the server (asked now if needed). `request` is the first call, made before any
 * `await`: Firefox accepts it only while the click is being handled ("may only be called from a user input
 * handler"), not after another promise; both browsers answer true at once, without a prompt, for access already held.
 */
export function ensureHostPermission(baseUrl: string): Promise<boolean> {
  return browser.permissions.request({ origins: [originPattern(baseUrl)] });
}

/** Undefined when the extension may reach the server (asked now if needed), else why it cannot, in words. */
export async function hostAccessRefused(baseUrl: string): Promise<SetupProblem | undefined> {
  if (await ensureHostPermission(baseUrl)) return undefined;
  return { text: t('permissionRefused', originPattern(baseUrl)), hint: t('permissionRefusedHint') };
}
