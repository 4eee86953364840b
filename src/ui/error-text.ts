/** Turns an error from the worker into a sentence for the user: a localized text by code, then the detail. */
import { RemoteError } from '../errors';
import { t } from './i18n';

/** Codes whose server message adds nothing the localized text does not say. */
const selfExplained = new Set(['vault_locked', 'bad_passphrase', 'locked_reason']);

/** A localized text by key, or undefined when the locales have none. */
function known(key: string): string | undefined {
  const text = t(key);
  return text === key ? undefined : text;
}

export interface ErrorParts {
  /** What happened, in the user's language (the error's own message only when its code has no text). */
  text: string;
  /** The server's or the worker's own words, when they add something: for support, never shown alone. */
  detail?: string;
  /** What the user can do about it. */
  fix?: string;
}

/** The error in parts; `advice` picks the fix texts (`fix_<code>`, for a stopped save) or the general hints. */
export function errorParts(error: unknown, advice: 'fix' | 'hint' = 'hint'): ErrorParts {
  const code = error instanceof RemoteError ? error.code : 'internal';
  const message = error instanceof Error ? error.message : String(error);
  const text = known(`error_${code}`);
  const fix = (advice === 'fix' && known(`fix_${code}`)) || known(`hint_${code}`);
  if (!text) return { text: message, fix };
  const detail = selfExplained.has(code) || !message || message === text ? undefined : message;
  return { text, detail, fix };
}

export function errorText(error: unknown): string {
  const { text, detail } = errorParts(error);
  return detail ? `${text} (${detail})` : text;
}

/** The error's code, when it came from the worker. */
export function errorCode(error: unknown): string | undefined {
  return error instanceof RemoteError ? error.code : undefined;
}
