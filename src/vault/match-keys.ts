/**
 * The keys a page is looked up under in the match index, without the Public Suffix List: the page's host and each
 * of its parent domains (a base domain and every wildcard host that can cover the page are among them). Lets the
 * popup fetch only the part of a stored index a page can match.
 */

/** Keys for a page URL, most specific first; empty for what is not an http(s) URL. Same host rules as `match.ts`. */
export function pageLookupKeys(pageUrl: string): string[] {
  let url: URL;
  try {
    url = new URL(pageUrl);
  } catch {
    return [];
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return [];
  const host = url.hostname.endsWith('.') ? url.hostname.slice(0, -1) : url.hostname;
  if (host === '') return [];
  const keys = [host];
  for (let dot = host.indexOf('.'); dot !== -1; dot = host.indexOf('.', dot + 1)) keys.push(host.slice(dot + 1));
  return keys;
}
