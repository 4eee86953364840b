/** Turns an error from the worker into a sentence for the user: a localized text by code, then the detail. */
import { RemoteError } from '../errors';
import { t } from './i18n';

/** Codes whose server message adds nothing the localized text does not say. */
const selfExplained = new Set(['vault_locked', 'bad_passphrase', 'locked_reason']);

export function errorText(error: unknown): string {
  const code = error instanceof RemoteError ? error.code : 'internal';
  const message = error instanceof Error ? error.message : String(error);
  const key = `error_${code}`;
  const text = t(key);
  if (text === key) return message;
  return selfExplained.has(code) || !message || message === text ? text : `${text} (${message})`;
}

/** The error's code, when it came from the worker. */
export function errorCode(error: unknown): string | undefined {
  return error instanceof RemoteError ? error.code : undefined;
}
