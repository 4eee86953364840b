import { describe, expect, it } from 'vitest';
import { buildTarget, nextLink, normaliseBaseUrl, resourcePath, targetFromLink } from '../../../../src/api/tpm/url';

describe('normaliseBaseUrl', () => {
  it.each([
    ['https://tpm.example.com', 'https://tpm.example.com'],
    ['https://tpm.example.com/', 'https://tpm.example.com'],
    ['https://host/tpm/', 'https://host/tpm'],
    ['https://host/tpm/index.php', 'https://host/tpm'],
    ['https://host/tpm/index.php/api/v5/', 'https://host/tpm'],
    ['  https://host:8443/a/b?x=1#y ', 'https://host:8443/a/b'],
  ])('%s → %s', (input, expected) => {
    expect(normaliseBaseUrl(input)).toBe(expected);
  });

  it('rejects other schemes and non-URLs', () => {
    expect(() => normaliseBaseUrl('ftp://host')).toThrow(expect.objectContaining({ code: 'bad_request' }));
    expect(() => normaliseBaseUrl('not a url')).toThrow(expect.objectContaining({ code: 'bad_request' }));
  });
});

describe('buildTarget', () => {
  it('builds index.php URLs and signs the path from api/', () => {
    expect(buildTarget('https://host/tpm', 'v5', 'passwords/12')).toEqual({
      url: 'https://host/tpm/index.php/api/v5/passwords/12.json',
      signedPath: 'api/v5/passwords/12.json',
    });
  });

  it('omits index.php for rewriting servers but signs the same path', () => {
    expect(buildTarget('https://host', 'v4', 'version', false)).toEqual({
      url: 'https://host/api/v4/version.json',
      signedPath: 'api/v4/version.json',
    });
  });

  it('encodes a search string as one segment', () => {
    expect(resourcePath('access:example.com is:active')).toBe('access%3Aexample.com%20is%3Aactive');
    expect(resourcePath('a/b?c#d')).toBe('a%2Fb%3Fc%23d');
  });
});

describe('Link headers', () => {
  it('finds rel="next" among several links', () => {
    const header =
      '<https://h/index.php/api/v5/passwords/page/1.json>; rel="prev", <https://h/index.php/api/v5/passwords/page/3.json>; rel="next"';
    expect(nextLink(header)).toBe('https://h/index.php/api/v5/passwords/page/3.json');
    expect(nextLink('<https://h/x>; rel="prev"')).toBeUndefined();
    expect(nextLink(null)).toBeUndefined();
  });

  it('re-encodes a decoded search string from the link before signing', () => {
    const t = targetFromLink(
      'https://host/tpm',
      'https://host/tpm/index.php/api/v5/passwords/search/access:example.com is:active/page/2.json',
    );
    expect(t.signedPath).toBe('api/v5/passwords/search/access%3Aexample.com%20is%3Aactive/page/2.json');
    expect(t.url).toBe('https://host/tpm/index.php/api/v5/passwords/search/access%3Aexample.com%20is%3Aactive/page/2.json');
  });

  it('keeps already encoded segments as they are, and a literal % encodable', () => {
    expect(targetFromLink('https://h', 'https://h/index.php/api/v4/passwords/search/a%20b/page/2.json').signedPath).toBe(
      'api/v4/passwords/search/a%20b/page/2.json',
    );
    expect(targetFromLink('https://h', 'https://h/index.php/api/v4/passwords/search/100%/page/2.json').signedPath).toBe(
      'api/v4/passwords/search/100%25/page/2.json',
    );
  });

  it('refuses links to another origin (credentials stay with the server)', () => {
    expect(() => targetFromLink('https://host', 'https://evil.example/index.php/api/v5/passwords/page/2.json')).toThrow(
      expect.objectContaining({ code: 'invalid_response' }),
    );
  });

  it('accepts an explicit default port and relative links', () => {
    expect(targetFromLink('https://host', 'https://host:443/index.php/api/v5/passwords/page/2.json').signedPath).toBe(
      'api/v5/passwords/page/2.json',
    );
    expect(targetFromLink('https://host/tpm', '/tpm/index.php/api/v5/passwords/page/2.json').signedPath).toBe(
      'api/v5/passwords/page/2.json',
    );
  });
});
