/** A page URL cut to fit a server's field, keeping what matching uses. */

/**
 * `url` when it fits `max` characters; otherwise origin + path (no query, no fragment: matching does not use
 * them), and while that is still too long, the path loses segments from its end (a shorter path still matches the
 * page's site, and "starts with" still matches the page). Undefined when it is no URL or not even the origin fits.
 */
export function shortenUrl(url: string, max: number): string | undefined {
  if (Array.from(url).length <= max) return url;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.origin === 'null') return undefined;
  const segments = parsed.pathname.split('/');
  for (;;) {
    const candidate = parsed.origin + segments.join('/');
    if (candidate.length <= max) return candidate;
    if (segments.length <= 2 && segments[1] === '') return undefined; // only "/" is left
    // "/a/b/c" → "/a/b/" → "/a/" → "/"
    if (segments[segments.length - 1] === '') segments.splice(-2, 1);
    else segments[segments.length - 1] = '';
  }
}
