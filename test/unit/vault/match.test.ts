import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildMatchIndex,
  entryLookupKeys,
  matchAmong,
  matchEntry,
  matchPage,
  removeSourceEntries,
  replaceEntry,
  replaceSourceEntries,
  type MatchOptions,
  type MatchQuality,
  type MatchStrategy,
} from '../../../src/vault/match';
import { pageLookupKeys } from '../../../src/vault/match-keys';
import { parseEntryUrls } from '../../../src/vault/parse-entry-urls';

/** The recorded TPM responses, in `test/fixtures/tpm`. */
const FIXTURES = join(import.meta.dirname, '../../fixtures/tpm');

function entry(urls: string[], id = 'e1', sourceId = 's1') {
  return { id, sourceId, urls };
}

/** [entry URL text, page URL, strategy, expected quality (null = no match), askFirst]. */
type Row = [string, string, MatchStrategy, MatchQuality | null, boolean?];

const TABLE: Row[] = [
  // Real `access_info` values from the TPM fixtures.
  ['http://www.amazon.com', 'https://www.amazon.com/gp/signin', 'domain', 'host'],
  ['http://www.amazon.com', 'https://smile.amazon.com/', 'domain', 'domain'],
  ['http://www.amazon.com', 'https://www.amazon.co.uk/', 'domain', null],
  ['https://www.facebook.com/', 'http://www.facebook.com/login', 'domain', 'host', true],
  ['https://github.com/login', 'https://github.com/login?return_to=x', 'domain', 'path'],
  ['https://github.com/login', 'https://github.com/settings', 'domain', 'host'],
  ['https://github.com/login', 'https://gist.github.com/', 'domain', 'domain'],
  ['https://github.com/login', 'https://github.com.evil.example/login', 'domain', null],
  ['http://hiringformoney.wordpress.com', 'https://hiringformoney.wordpress.com/wp-login.php', 'domain', 'host'],
  ['http://jobsearchtipos.blogspot.com', 'https://jobsearchtipos.blogspot.com/', 'domain', 'host'],
  // blogspot.com is a private public suffix: two blogs are two owners.
  ['http://jobsearchtipos.blogspot.com', 'https://someoneelse.blogspot.com/', 'domain', null],
  ['192.168.0.1', 'http://192.168.0.1/', 'domain', 'host'],
  ['192.168.0.1', 'https://192.168.0.1/', 'domain', 'host'],
  ['192.168.0.1', 'http://192.168.0.1:8080/', 'domain', null],
  ['192.168.0.1', 'http://192.168.0.10/', 'domain', null],
  ['http://3.4.5.6:2345', 'http://3.4.5.6:2345/admin', 'domain', 'host'],
  ['http://3.4.5.6:2345', 'http://3.4.5.6:2346/', 'domain', null],
  ['http://3.4.5.6:2345', 'http://3.4.5.6/', 'domain', null],
  ['http://3.4.5.6:2345', 'https://3.4.5.6:2345/', 'domain', 'host'],
  ['http://4.3.2.1:2222', 'http://4.3.2.1:2222/', 'host', 'host'],
  ['192.168.1.1 (internal)', 'http://192.168.1.1/', 'domain', 'host'],
  ['3.4.5.6 (external IP)', 'http://3.4.5.6/', 'domain', 'host'],
  ["Outlook in Lisa's computer", 'http://outlook/', 'domain', null],
  ['internalapp.exe (from any pc on the network)', 'http://internalapp.exe/', 'domain', null],
  ['ftp://78.33.44.22', 'http://78.33.44.22/', 'domain', null],
  ['78.33.44.22', 'http://78.33.44.22/', 'domain', 'host'],
  ['sftp://www.fictionalgadgetsite.com', 'https://www.fictionalgadgetsite.com/', 'domain', null],
  ['http://www.fictionalgadgetsite.com/wp-admin', 'https://www.fictionalgadgetsite.com/wp-admin/post.php', 'domain', 'path'],
  ['http://www.fictionalgadgetsite.com/wp-admin', 'https://www.fictionalgadgetsite.com/wp-admin2', 'domain', 'host'],
  ['http://localhost/testsite/wp-admin', 'http://localhost/testsite/wp-admin/index.php', 'domain', 'path'],
  ['http://localhost/testsite/wp-admin', 'http://localhost:8080/testsite/wp-admin', 'domain', null],
  ['localhost', 'http://localhost/', 'domain', 'host'],
  ['localhost', 'http://localhost:3000/', 'domain', null],
  ['http://inventedsitename.com:555', 'http://inventedsitename.com:555/x', 'domain', 'host'],
  ['http://inventedsitename.com:555', 'https://inventedsitename.com/', 'domain', 'domain'],
  ['http://inventedsitename.com:555', 'https://inventedsitename.com/', 'host', null],
  ['notanymorewifi', 'http://notanymorewifi/', 'domain', 'host'],
  ['https://accounts.google.com/', 'https://mail.google.com/', 'domain', 'domain'],
  ['https://accounts.google.com/', 'https://mail.google.com/', 'host', null],
  // Intranet: one-word hosts, ports, plain http.
  ['synology:5000', 'http://synology:5000/webman/', 'domain', 'host'],
  ['synology:5000', 'https://synology:5001/', 'domain', null],
  ['synology:5000', 'http://synology/', 'domain', null],
  ['nas', 'http://nas/', 'domain', 'host'],
  ['nas', 'https://nas/', 'domain', 'host'],
  ['nas', 'http://nas:5000/', 'domain', null],
  ['nas', 'http://nas.local/', 'domain', null],
  ['http://nas', 'https://nas/', 'domain', 'host'],
  ['https://nas', 'http://nas/', 'domain', 'host', true],
  ['nas:80', 'http://nas/', 'domain', 'host'],
  ['nas:80', 'https://nas/', 'domain', null],
  ['wiki.corp', 'http://wiki.corp/', 'domain', 'host'],
  ['wiki.corp', 'http://git.corp/', 'domain', null],
  ['printer.office.lan', 'http://nas.office.lan/', 'domain', 'domain'],
  ['http://10.0.0.5:8080/login', 'http://10.0.0.5:8080/login?next=/', 'host', 'path'],
  // IPv6 literals, with and without brackets and ports.
  ['[::1]:8080', 'http://[::1]:8080/', 'domain', 'host'],
  ['[::1]:8080', 'http://[::1]:8081/', 'domain', null],
  ['fe80::1', 'http://[fe80::1]/', 'domain', 'host'],
  ['[2001:db8::1]', 'https://[2001:DB8::1]/', 'domain', 'host'],
  ['2001:db8::1', 'http://[2001:db8::1]:8443/', 'domain', null],
  ['https://[2001:db8::1]:8443/admin', 'https://[2001:db8::1]:8443/admin/x', 'domain', 'path'],
  // Several URLs in one field.
  ['https://a.example.com, https://b.example.org', 'https://b.example.org/login', 'host', 'host'],
  ['https://a.example.com\nhttp://10.0.0.5:8080', 'http://10.0.0.5:8080/', 'domain', 'host'],
  ['https://a.example.com intranet:8443', 'https://intranet:8443/', 'domain', 'host'],
  ['https://a.example.com; https://c.example.net/', 'https://c.example.net/', 'host', 'host'],
  // co.uk-style public suffixes.
  ['https://shop.example.co.uk', 'https://www.example.co.uk/', 'domain', 'domain'],
  ['https://shop.example.co.uk', 'https://example2.co.uk/', 'domain', null],
  ['https://example.co.uk', 'https://evil.co.uk/', 'domain', null],
  ['co.uk', 'https://example.co.uk/', 'domain', null],
  // Subdomains and ports under public names.
  ['example.com', 'https://login.example.com/', 'domain', 'domain'],
  ['login.example.com', 'https://example.com/', 'domain', 'domain'],
  ['login.example.com', 'https://example.com/', 'host', null],
  ['example.com', 'https://example.com:8443/', 'domain', 'domain'],
  ['example.com', 'https://example.com:8443/', 'host', null],
  ['example.com', 'http://example.com/', 'host', 'host'],
  ['Example.COM.', 'https://EXAMPLE.com./', 'host', 'host'],
  ['bücher.de', 'https://xn--bcher-kva.de/', 'host', 'host'],
  // Wildcards.
  ['*.example.com', 'https://a.b.example.com/', 'domain', 'domain'],
  ['*.example.com', 'https://example.com/', 'host', 'domain'],
  ['*.example.com', 'https://notexample.com/', 'domain', null],
  ['*.co.uk', 'https://x.co.uk/', 'domain', null],
  // Free text and forbidden schemes.
  ['see wiki', 'http://see/', 'domain', null],
  ['ssh root@db01', 'http://db01/', 'domain', null],
  ['javascript:alert(1)', 'https://example.com/', 'domain', null],
  ['data:text/html,https://example.com', 'https://example.com/', 'domain', null],
  ['https://example.com', 'chrome://settings/', 'domain', null],
  ['https://example.com', 'file:///etc/passwd', 'domain', null],
  ['https://example.com', 'about:blank', 'domain', null],
  ['https://example.com', 'data:text/html,https://example.com', 'domain', null],
  ['https://example.com', 'javascript:alert("https://example.com")', 'domain', null],
  ['https://example.com', 'not a url', 'domain', null],
  // startsWith / exact / never.
  ['https://example.com/app', 'https://example.com/app/login', 'startsWith', 'path'],
  ['https://example.com/app', 'https://example.com/other', 'startsWith', null],
  ['https://example.com/app', 'https://sub.example.com/app', 'startsWith', null],
  ['example.com/app', 'http://example.com/app', 'startsWith', 'path'],
  ['https://example.com', 'https://example.com/anything', 'startsWith', 'host'],
  ['https://example.com/login', 'https://example.com/login', 'exact', 'path'],
  ['https://example.com/login', 'https://example.com/login?x=1', 'exact', null],
  ['https://example.com/login', 'http://example.com/login', 'exact', 'path', true],
  ['https://example.com', 'https://example.com/', 'exact', 'path'],
  ['https://example.com', 'https://example.com/', 'never', null],
  ['https://www.example.com', 'https://www.example.com/x', 'host', 'host'],
  ['https://www.example.com', 'https://example.com/', 'host', null],
];

describe('matchPage: page/entry table', () => {
  it.each(TABLE)('entry %j on page %j with %s gives %s', (text, page, strategy, quality, askFirst = false) => {
    const index = buildMatchIndex([entry([text])], { defaultStrategy: strategy });
    const matches = matchPage(index, page);
    if (quality === null) {
      expect(matches).toEqual([]);
    } else {
      expect(matches).toEqual([{ entryId: 'e1', quality, askFirst }]);
    }
  });
});

describe('matchPage: ranking and index', () => {
  const entries = [
    entry(['https://example.com/login'], 'path'),
    entry(['https://example.com'], 'host'),
    entry(['https://other.example.com'], 'domain'),
    entry(['https://example.com/login'], 'insecure-page', 's2'),
    entry(['https://unrelated.org'], 'unrelated'),
  ];

  it('ranks path over host over base domain', () => {
    const index = buildMatchIndex(entries.slice(0, 3), { defaultStrategy: 'domain' });
    expect(matchPage(index, 'https://example.com/login/step2').map((m) => [m.entryId, m.quality])).toEqual([
      ['path', 'path'],
      ['host', 'host'],
      ['domain', 'domain'],
    ]);
  });

  it('ranks an ask-first match after a safe one of the same quality', () => {
    const index = buildMatchIndex([entry(['https://example.com'], 'a-https'), entry(['http://example.com'], 'b-http')], {
      defaultStrategy: 'domain',
    });
    expect(matchPage(index, 'http://example.com/')).toEqual([
      { entryId: 'b-http', quality: 'host', askFirst: false },
      { entryId: 'a-https', quality: 'host', askFirst: true },
    ]);
  });

  it('ranks the most specific "starts with" match first (the longest path), whatever the ids', () => {
    const index = buildMatchIndex(
      [
        entry(['https://example.com/app'], 'a-app'),
        entry(['https://example.com/app/admin/'], 'b-admin'),
        entry(['https://example.com/'], 'c-root'),
        entry(['https://example.com/app/admin/login?tenant=7'], 'd-tenant'),
      ],
      { defaultStrategy: 'startsWith' },
    );
    expect(matchPage(index, 'https://example.com/app/admin/login?tenant=7&x=1').map((m) => [m.entryId, m.quality])).toEqual([
      ['d-tenant', 'path'],
      ['b-admin', 'path'],
      ['a-app', 'path'],
      ['c-root', 'host'],
    ]);
    expect(matchPage(index, 'https://example.com/app/settings').map((m) => m.entryId)).toEqual(['a-app', 'c-root']);
  });

  it('ranks the longer covered path first under the host and base-domain strategies too', () => {
    for (const defaultStrategy of ['host', 'domain'] as const) {
      const index = buildMatchIndex([entry(['https://example.com/wiki'], 'a-wiki'), entry(['https://example.com/wiki/admin'], 'b-admin')], {
        defaultStrategy,
      });
      expect(
        matchPage(index, 'https://example.com/wiki/admin/users').map((m) => m.entryId),
        defaultStrategy,
      ).toEqual(['b-admin', 'a-wiki']);
    }
  });

  it('ranks a more specific ask-first match before a less specific safe one (the user confirms it)', () => {
    const index = buildMatchIndex([entry(['http://example.com/app'], 'a-http'), entry(['https://example.com/app/admin'], 'b-https')], {
      defaultStrategy: 'startsWith',
    });
    expect(matchPage(index, 'http://example.com/app/admin')).toEqual([
      { entryId: 'b-https', quality: 'path', askFirst: true },
      { entryId: 'a-http', quality: 'path', askFirst: false },
    ]);
  });

  it('keeps the best of several URLs of one entry', () => {
    const index = buildMatchIndex([entry(['https://other.example.com, https://example.com/login'])], { defaultStrategy: 'domain' });
    expect(matchPage(index, 'https://example.com/login')).toEqual([{ entryId: 'e1', quality: 'path', askFirst: false }]);
  });

  it('replaces one source without touching the others', () => {
    const index = buildMatchIndex(entries, { defaultStrategy: 'domain' });
    expect(matchPage(index, 'https://example.com/login').map((m) => m.entryId)).toContain('insecure-page');
    replaceSourceEntries(index, 's2', [entry(['https://example.com/'], 'replaced', 's2')]);
    const ids = matchPage(index, 'https://example.com/login').map((m) => m.entryId);
    expect(ids).toContain('replaced');
    expect(ids).not.toContain('insecure-page');
    expect(ids).toContain('path');
    removeSourceEntries(index, 's1');
    expect(matchPage(index, 'https://example.com/login').map((m) => m.entryId)).toEqual(['replaced']);
  });

  it('replaces one entry as if its source had been rebuilt: new URLs match, old ones no longer', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('https://a.example.com/x', 'b.example.com', '*.example.org', 'nas:5000', 'https://c.example.net/app'), {
          minLength: 1,
          maxLength: 6,
        }),
        fc.nat(5),
        fc.constantFrom('https://d.example.com', 'nas:5000/admin', '*.example.com', ''),
        fc.constantFrom<MatchStrategy>('domain', 'host', 'startsWith', 'exact'),
        (urls, at, newUrl, defaultStrategy) => {
          const list = urls.map((u, i) => entry([u], `e${i}`));
          const index = buildMatchIndex(list, { defaultStrategy });
          const i = at % list.length;
          const next = { ...list[i]!, urls: newUrl ? [newUrl] : [] };
          replaceEntry(index, list[i], next);
          const rebuilt = buildMatchIndex(
            list.map((e, j) => (j === i ? next : e)),
            { defaultStrategy },
          );
          for (const page of [
            'https://a.example.com/x',
            'https://d.example.com/',
            'http://nas:5000/admin',
            'https://www.example.org/',
            'https://c.example.net/app/1',
          ]) {
            expect(matchPage(index, page)).toEqual(matchPage(rebuilt, page));
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('adds and removes one entry on its own', () => {
    const index = buildMatchIndex([entry(['https://example.com'], 'a')], { defaultStrategy: 'host' });
    replaceEntry(index, undefined, entry(['https://example.com/login'], 'b', 's2'));
    expect(matchPage(index, 'https://example.com/login').map((m) => m.entryId)).toEqual(['b', 'a']);
    replaceEntry(index, entry(['https://example.com'], 'a'), undefined);
    expect(matchPage(index, 'https://example.com/login').map((m) => m.entryId)).toEqual(['b']);
  });

  it('checks a single entry against a frame URL (re-check before fill)', () => {
    const options: MatchOptions = { defaultStrategy: 'domain' };
    expect(matchEntry(entry(['nas:5000']), 'http://nas:5000/', options)).toEqual({ entryId: 'e1', quality: 'host', askFirst: false });
    expect(matchEntry(entry(['nas:5000']), 'http://nas:5001/', options)).toBeNull();
  });

  it('matches every fixture access_info with a link on that link, and the rest nowhere', () => {
    const texts = [...new Set(collectAccessInfo(FIXTURES))];
    expect(texts.length).toBeGreaterThan(40);
    const index = buildMatchIndex(
      texts.map((t, i) => entry([t], `f${i}`)),
      { defaultStrategy: 'domain' },
    );
    const linked = new Set<string>();
    texts.forEach((text, i) => {
      const href = parseEntryUrls(text)[0]?.href;
      if (!href) return;
      linked.add(`f${i}`);
      expect(matchPage(index, href).map((m) => m.entryId)).toContain(`f${i}`);
    });
    // Free text and non-web schemes ("Outlook in Lisa's computer", "ftp://…") match no page at all.
    const unlinked = texts.flatMap((_, i) => (linked.has(`f${i}`) ? [] : [`f${i}`]));
    expect(unlinked.length).toBeGreaterThanOrEqual(4);
    const pages = texts.flatMap((t) => parseEntryUrls(t).flatMap((u) => (u.href ? [u.href] : [])));
    for (const page of [...pages, 'http://outlook/', 'http://78.33.44.22/', 'http://internalapp.exe/']) {
      for (const m of matchPage(index, page)) expect(unlinked).not.toContain(m.entryId);
    }
  });
});

/** Every `access_info` value in the recorded TPM responses. */
function collectAccessInfo(dir: string): string[] {
  const out: string[] = [];
  const walk = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (typeof value === 'object' && value !== null) {
      for (const [k, v] of Object.entries(value)) {
        if (k === 'access_info' && typeof v === 'string' && v !== '') out.push(v);
        else walk(v);
      }
    }
  };
  for (const file of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    if (!file.endsWith('.json')) continue;
    try {
      walk(JSON.parse(readFileSync(join(dir, file), 'utf8')));
    } catch {
      // value_error.json is deliberately invalid JSON.
    }
  }
  return out;
}

describe('matchPage: properties', () => {
  const strategies = fc.constantFrom<MatchStrategy>('domain', 'host', 'startsWith', 'exact', 'never');

  it('never throws, whatever the entry text and page', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.webUrl())), fc.oneof(fc.string(), fc.webUrl()), strategies, (urls, page, strategy) => {
        const index = buildMatchIndex([entry(urls)], { defaultStrategy: strategy });
        expect(Array.isArray(matchPage(index, page))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('never matches a page that is not http(s)', () => {
    const scheme = fc.constantFrom('chrome:', 'file:', 'about:', 'data:', 'javascript:', 'chrome-extension:', 'blob:', 'ftp:');
    fc.assert(
      fc.property(fc.webUrl(), scheme, fc.constantFrom<MatchStrategy>('domain', 'host', 'startsWith', 'exact'), (url, s, strategy) => {
        const page = url.replace(/^https?:/, s);
        const index = buildMatchIndex([entry([url, '.*'])], { defaultStrategy: strategy });
        expect(matchPage(index, page)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('never matches through an entry text that uses javascript: or data:', () => {
    fc.assert(
      fc.property(fc.webUrl(), fc.constantFrom('javascript:', 'data:', 'JavaScript:', 'vbscript:'), fc.string(), (url, s, tail) => {
        const text = `${s}${tail.replace(/\s/g, '')}x,${url}`;
        const index = buildMatchIndex([entry([text])], { defaultStrategy: 'domain' });
        expect(matchPage(index, url)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('matches any web URL entry on its own page', () => {
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true }), (url) => {
        const index = buildMatchIndex([entry([url])], { defaultStrategy: 'host' });
        expect(matchPage(index, url).map((m) => m.entryId)).toEqual(['e1']);
      }),
      { numRuns: 300 },
    );
  });
});

describe('matchAmong (no index, for a cold first screen)', () => {
  const entries = [
    { id: 'a', sourceId: 's', urls: ['https://login.example.com/app'] },
    { id: 'b', sourceId: 's', urls: ['*.example.com'] },
    { id: 'c', sourceId: 's', urls: ['nas:5000'] },
    { id: 'd', sourceId: 's', urls: ['https://bücher.example/login'] },
    { id: 'e', sourceId: 's', urls: ['https://other.test'] },
  ];
  const options = { defaultStrategy: 'domain' as const };
  it.each([
    'https://www.example.com/login',
    'http://nas:5000/',
    'https://xn--bcher-kva.example/login',
    'https://other.test/',
    'https://nowhere.example.org/',
  ])('finds what the index finds for %s', (page) => {
    expect(matchAmong(entries, page, options)).toEqual(matchPage(buildMatchIndex(entries, options), page));
  });
});

describe('matchAmong, property', () => {
  const label = fc.constantFrom('a', 'b', 'login', 'nas', 'intranet', 'xn--bcher-kva', 'bücher');
  const suffix = fc.constantFrom('', '.example', '.example.com', '.co.uk', '.test', '.local');
  const host = fc.oneof(
    fc.tuple(label, suffix).map(([l, s]) => `${l}${s}`),
    fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 })).map(([a, b]) => `192.168.${a}.${b}`),
  );
  const port = fc.constantFrom('', ':8080', ':5000');
  const scheme = fc.constantFrom('', 'http://', 'https://');
  const urlText = fc
    .tuple(scheme, fc.constantFrom('', '*.'), host, port, fc.constantFrom('', '/login', '/app/x'))
    .map(([s, w, h, p, path]) => `${s}${w}${h}${p}${path}`);
  const entries = fc
    .array(fc.array(urlText, { minLength: 1, maxLength: 2 }), { maxLength: 12 })
    .map((lists) => lists.map((urls, i) => ({ id: `e${i}`, sourceId: i % 2 ? 's1' : 's2', urls: [urls.join(', ')] })));
  const page = fc
    .tuple(fc.constantFrom('http://', 'https://'), host, port, fc.constantFrom('/', '/login', '/app/x/y'))
    .map(([s, h, p, path]) => `${s}${h}${p}${path}`);
  const strategy = fc.constantFrom('domain', 'host', 'startsWith', 'exact') as fc.Arbitrary<MatchStrategy>;

  it('finds exactly what the full index finds', () => {
    fc.assert(
      fc.property(entries, page, strategy, (list, url, defaultStrategy) => {
        const options = { defaultStrategy };
        expect(matchAmong(list, url, options)).toEqual(matchPage(buildMatchIndex(list, options), url));
      }),
      { numRuns: 500 },
    );
  });

  it("finds exactly what the full index finds among the entries filed under the page's lookup keys", () => {
    fc.assert(
      fc.property(entries, page, fc.constantFrom('', 'www.', 'a.b.'), strategy, (list, url, sub, defaultStrategy) => {
        const options = { defaultStrategy };
        const deep = url.replace('//', `//${sub}`);
        const full = buildMatchIndex(list, options);
        const filed = entryLookupKeys(full);
        const ids = new Set(pageLookupKeys(deep).flatMap((key) => [...(filed.get(key) ?? [])]));
        const candidates = list.filter((e) => ids.has(e.id));
        expect(matchPage(buildMatchIndex(candidates, options), deep)).toEqual(matchPage(full, deep));
      }),
      { numRuns: 500 },
    );
  });
});

describe('pageLookupKeys', () => {
  it.each([
    ['https://a.login.example.co.uk./x?y', ['a.login.example.co.uk', 'login.example.co.uk', 'example.co.uk', 'co.uk', 'uk']],
    ['http://nas:5000/', ['nas']],
    ['http://[::1]:8080/', ['[::1]']],
    ['https://BÜCHER.example/', ['xn--bcher-kva.example', 'example']],
    ['chrome://settings', []],
    ['not a url', []],
  ])('%s', (url, keys) => {
    expect(pageLookupKeys(url)).toEqual(keys);
  });
});
