/** Turns the base URL a user pastes into the sysPass JSON-RPC endpoint (`…/api.php`). */
import { AppError } from '../../errors';

/**
 * Accepts `https://host/syspass`, `https://host/syspass/`, `…/index.php` or `…/api.php` (query and fragment are
 * dropped; a missing scheme means https) and returns `https://host/syspass/api.php`.
 */
export function syspassEndpoint(baseUrl: string): string {
  const trimmed = baseUrl.trim();
  if (!trimmed) throw new AppError('bad_request', 'The sysPass server address is empty.');
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new AppError('bad_request', 'The sysPass server address is not a valid URL.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new AppError('bad_request', 'The sysPass server address must start with https:// or http://.');
  if (url.username || url.password)
    throw new AppError('bad_request', 'The sysPass server address must not contain a user name or password.');
  let path = url.pathname.replace(/\/+$/, '');
  path = path.replace(/\/(index|api)\.php$/i, '');
  return `${url.origin}${path}/api.php`;
}
