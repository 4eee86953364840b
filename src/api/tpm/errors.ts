/** Maps a failed TPM answer (status + body) to a typed AppError that carries the server's own message. */
import { AppError } from '../../errors';

/** The `{ error, type, message }` body TPM sends with failures, when it is JSON at all. */
export function serverMessage(text: string): string | undefined {
  try {
    const body: unknown = JSON.parse(text);
    if (body && typeof body === 'object' && 'message' in body && typeof body.message === 'string' && body.message.trim()) {
      return body.message.trim();
    }
  } catch {
    // Not JSON (an HTML error page, PHP output): the status alone decides.
  }
  return undefined;
}

/** The exact message TPM gives for an API version (or resource) it does not have. */
const WRONG_VERSION = /controller does not exist/i;

/**
 * Classifies a non-2xx answer. 403 is split by the server's message, because TPM uses it for several unrelated
 * refusals (API disabled, personal passwords disabled, locked passwords, missing permission).
 */
export function tpmError(status: number, text: string, retryAfterMs?: number): AppError {
  const message = serverMessage(text);
  const details = retryAfterMs === undefined ? { status } : { status, retryAfterMs };
  const says = (re: RegExp) => message !== undefined && re.test(message);
  if (says(WRONG_VERSION)) {
    return new AppError('wrong_version', `${message} The server does not offer this API version; check the API version setting.`, details);
  }
  if (status === 401) return new AppError('auth', message ?? 'The user name, password or API key was not accepted.', details);
  if (status === 403) {
    if (says(/personal passwords.*disabled/i)) return new AppError('personal_disabled', message!, details);
    if (says(/api.*(disabled|not enabled)/i)) return new AppError('api_disabled', message!, details);
    if (says(/lock/i)) {
      // Type 2 ("requires permission") cannot be opened with a reason; anything else asks for one.
      const code = says(/permission/i) && !says(/reason/i) ? 'locked_permission' : 'locked_reason';
      return new AppError(code, message!, details);
    }
    return new AppError('forbidden', message ?? 'The server refused the request (no permission).', details);
  }
  if (status === 404) return new AppError('not_found', message ?? 'The item does not exist or you cannot access it.', details);
  if (status === 415) return new AppError('unsupported_media', message ?? 'The server did not accept the request format (415).', details);
  if (status === 429)
    return new AppError(
      'server',
      message ? `${message} (status 429)` : 'The server is limiting requests (429); trying again later.',
      details,
    );
  if (status >= 400 && status < 500) return new AppError('bad_request', message ?? `The server rejected the request (${status}).`, details);
  const fallback = message === undefined && text.trim() ? ` (status ${status}, not a JSON answer)` : ` (status ${status})`;
  return new AppError('server', message ? `${message} (status ${status})` : `The server had an error${fallback}.`, details);
}
