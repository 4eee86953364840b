import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseEntryUrls } from '../../../src/vault/parse-entry-urls';

const brief = (text: string) =>
  parseEntryUrls(text).map((u) => ({
    kind: u.kind,
    scheme: u.scheme,
    host: u.host,
    port: u.port,
    path: u.path,
    hostKind: u.hostKind,
    href: u.href,
  }));

describe('parseEntryUrls', () => {
  it('reads a full URL, dropping the fragment and keeping path and query', () => {
    expect(brief('HTTPS://Example.COM:8443/Login?x=1#frag')).toEqual([
      {
        kind: 'web',
        scheme: 'https',
        host: 'example.com',
        port: 8443,
        path: '/Login?x=1',
        hostKind: 'dns',
        href: 'https://example.com:8443/Login?x=1',
      },
    ]);
  });

  it('splits several URLs separated by commas, spaces and new lines', () => {
    expect(parseEntryUrls('a.example.com, https://b.example.com/x\nc.co.uk:8443/login https://d.example.com').map((u) => u.href)).toEqual([
      'https://a.example.com/',
      'https://b.example.com/x',
      'https://c.co.uk:8443/login',
      'https://d.example.com/',
    ]);
  });

  it('links intranet hosts over http and public names over https when no scheme is written', () => {
    expect(brief('synology:5000')).toEqual([
      { kind: 'web', scheme: null, host: 'synology', port: 5000, path: '', hostKind: 'single', href: 'http://synology:5000/' },
    ]);
    expect(parseEntryUrls('192.168.0.1')[0]?.href).toBe('http://192.168.0.1/');
    expect(parseEntryUrls('example.com/login')[0]?.href).toBe('https://example.com/login');
  });

  it('reads IPv6 literals with and without brackets', () => {
    expect(parseEntryUrls('fe80::1')[0]).toMatchObject({ host: '[fe80::1]', port: null, hostKind: 'ip' });
    expect(parseEntryUrls('[2001:db8::1]:8443')[0]).toMatchObject({ host: '[2001:db8::1]', port: 8443, hostKind: 'ip' });
    expect(parseEntryUrls('[2001:db8::1]')[0]).toMatchObject({ host: '[2001:db8::1]', port: null });
  });

  it('keeps a written default port, which the URL parser would drop', () => {
    expect(parseEntryUrls('nas:80')[0]?.port).toBe(80);
    expect(parseEntryUrls('http://nas:80')[0]?.port).toBeNull();
  });

  it('marks other schemes as not web, without a link', () => {
    expect(brief('ftp://78.33.44.22')).toEqual([
      { kind: 'other', scheme: null, host: '', port: null, path: '', hostKind: 'dns', href: null },
    ]);
  });

  it('ignores free text, e-mail addresses, ssh targets and opaque schemes', () => {
    expect(parseEntryUrls("Outlook in Lisa's computer")).toEqual([]);
    expect(parseEntryUrls('internalapp.exe (from any pc on the network)')).toEqual([]);
    expect(parseEntryUrls('see wiki')).toEqual([]);
    expect(parseEntryUrls('ssh root@db01')).toEqual([]);
    expect(parseEntryUrls('mailto:admin@example.com')).toEqual([]);
    expect(parseEntryUrls('admin@example.com')).toEqual([]);
  });

  it('keeps the address out of free text', () => {
    expect(parseEntryUrls('192.168.1.1 (internal)').map((u) => u.host)).toEqual(['192.168.1.1']);
    expect(parseEntryUrls('login at https://example.com/sso (ask Bob).').map((u) => u.href)).toEqual(['https://example.com/sso']);
    expect(parseEntryUrls('portal on example.org').map((u) => u.host)).toEqual(['example.org']);
  });

  it('reads wildcards on registrable domains only', () => {
    expect(parseEntryUrls('*.example.co.uk')[0]).toMatchObject({ host: 'example.co.uk', wildcard: true, href: null });
    expect(parseEntryUrls('*.co.uk')).toEqual([]);
    expect(parseEntryUrls('*.com')).toEqual([]);
  });

  it('yields nothing for a text naming javascript:, data: or vbscript:', () => {
    expect(parseEntryUrls('javascript:alert(1)')).toEqual([]);
    expect(parseEntryUrls('https://ok.example, data:text/html,<b>x</b>')).toEqual([]);
    expect(parseEntryUrls('VBScript:msgbox')).toEqual([]);
    // …but a word ending in "data" followed by a colon is prose.
    expect(parseEntryUrls('metadata: https://ok.example').map((u) => u.host)).toEqual(['ok.example']);
  });

  it('converts international names to punycode, like the page URL', () => {
    expect(parseEntryUrls('bücher.de')[0]?.host).toBe('xn--bcher-kva.de');
  });

  it('returns nothing for empty or non-string input', () => {
    expect(parseEntryUrls('')).toEqual([]);
    expect(parseEntryUrls(undefined as unknown as string)).toEqual([]);
  });

  it('caps the number of URLs taken from one text', () => {
    const text = Array.from({ length: 100 }, (_, i) => `h${i}.example.com`).join(',');
    expect(parseEntryUrls(text)).toHaveLength(32);
  });

  it('never throws, and every link is http(s)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.webUrl(), fc.string({ unit: 'binary' })), (text) => {
        for (const u of parseEntryUrls(text)) {
          if (u.href !== null) expect(u.href).toMatch(/^https?:\/\//);
          if (u.kind === 'other') expect(u.href).toBeNull();
        }
      }),
      { numRuns: 1000 },
    );
  });
});
