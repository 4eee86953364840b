/**
 * What a person types or pastes as their server's address → the base URL both server kinds hang their API under.
 * Pure, used by the pages (to ask for host access to the right origin) and again by the worker (which trusts no page).
 */

export type ServerAddress = { ok: true; baseUrl: string; origin: string } | { ok: false; problem: 'empty' | 'invalid' | 'credentials' };

/**
 * `tpm.example.com` → `https://tpm.example.com`; a pasted page of the server (`…/index.php/pwd/view/12`,
 * `…/index.php?r=login`, `…/api.php`) → the folder it runs in. Query, fragment and trailing slashes go.
 */
export function parseServerAddress(input: string): ServerAddress {
  const text = input.trim();
  if (!text) return { ok: false, problem: 'empty' };
  const withScheme = /^[a-z][a-z\d+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return { ok: false, problem: 'invalid' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, problem: 'invalid' };
  if (!url.hostname) return { ok: false, problem: 'invalid' };
  if (url.username || url.password) return { ok: false, problem: 'credentials' };
  // Both servers are PHP applications: their pages and APIs live under /index.php and /api.php of their folder.
  const path = url.pathname.replace(/\/(index|api)\.php(\/.*)?$/i, '').replace(/\/+$/, '');
  return { ok: true, baseUrl: `${url.origin}${path}`, origin: url.origin };
}

/** Two addresses name the same server (compared as base URLs). */
export function sameServerAddress(a: string, b: string): boolean {
  const x = parseServerAddress(a);
  const y = parseServerAddress(b);
  return x.ok && y.ok && x.baseUrl === y.baseUrl;
}
