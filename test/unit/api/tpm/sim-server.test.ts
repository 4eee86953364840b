import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basicAuthorization, tpmRequestHash } from '../../../../src/api/tpm/auth';
import type { SimPassword } from '../../../sim/tpm/model';
import { fold } from '../../../sim/tpm/search';
import { DEMO_USERS, seedTpm } from '../../../sim/tpm/seed';
import { startTpmSim, type TpmSim } from '../../../sim/tpm/server';
import { totp } from '../../../sim/tpm/totp';
import { simClient } from './sim-helpers';

const JSON_TYPE = 'application/json; charset=utf-8';
const basic = (u = DEMO_USERS.admin) => basicAuthorization(u.username, u.password);

describe('seed', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    expect(seedTpm({ entries: 300, seed: 7 })).toEqual(seedTpm({ entries: 300, seed: 7 }));
    expect(seedTpm({ entries: 300, seed: 8 }).passwords.map((p) => p.name)).not.toEqual(
      seedTpm({ entries: 300, seed: 7 }).passwords.map((p) => p.name),
    );
  });

  it('produces realistic, varied data', () => {
    const data = seedTpm({ entries: 2_000 });
    expect(data.passwords).toHaveLength(2_000);
    const access = data.passwords.map((p) => p.accessInfo);
    const styles = {
      fullUrl: access.filter((a) => /^https?:\/\/[^,]+$/.test(a)).length,
      bareHost: access.filter((a) => /^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(a) && !/^\d+(\.\d+){3}$/.test(a)).length,
      hostPort: access.filter((a) => /^[a-z0-9.-]+:\d+$/i.test(a) && !a.includes('://')).length,
      ip: access.filter((a) => /(^|\/\/)\d+\.\d+\.\d+\.\d+/.test(a)).length,
      oneWord: access.filter((a) => /^[a-z]+$/.test(a) || /^http:\/\/[a-z]+\/$/.test(a)).length,
      several: access.filter((a) => a.split(',').length > 1).length,
      empty: access.filter((a) => a === '').length,
    };
    for (const [style, count] of Object.entries(styles)) expect(count, style).toBeGreaterThan(10);
    const depth = (id: number): number => {
      const p = data.projects.find((x) => x.id === id)!;
      return p.parentId ? 1 + depth(p.parentId) : 1;
    };
    expect(Math.max(...data.projects.map((p) => depth(p.id)))).toBeGreaterThanOrEqual(3);
    const types = new Set(data.passwords.flatMap((p) => p.custom.filter(Boolean).map((c) => c!.type)));
    expect([...types].sort()).toEqual(['Date', 'E-mail', 'Encrypted notes', 'Encrypted text', 'One Time Password', 'Password', 'Text']);
    expect(data.passwords.some((p) => p.archived)).toBe(true);
    expect(data.passwords.filter((p) => p.lockingType === 1).length).toBeGreaterThan(0);
    expect(data.passwords.filter((p) => p.lockingType === 2).length).toBeGreaterThan(0);
    expect(data.passwords.filter((p) => p.favoriteOf.size > 0).length).toBeGreaterThan(20);
    expect(data.myPasswords.length).toBeGreaterThan(0);
    expect(data.users.map((u) => [u.username, u.role])).toEqual(
      expect.arrayContaining([
        ['admin', 'Admin'],
        ['alice', 'Normal user'],
        ['reader', 'Read only'],
      ]),
    );
  });
});

describe('TOTP', () => {
  // RFC 6238 appendix B, SHA-1 secret "12345678901234567890", truncated to 6 digits.
  it.each([
    [59, '287082'],
    [1_111_111_109, '081804'],
    [1_234_567_890, '005924'],
    [20_000_000_000, '353130'],
  ])('matches the RFC vector at T=%i', (seconds, code) => {
    expect(totp('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', seconds * 1000)).toBe(code);
  });
});

describe('simulator HTTP behaviour', () => {
  let sim: TpmSim;
  let clock = Date.UTC(2025, 5, 1, 12, 0, 0);
  beforeAll(async () => {
    sim = await startTpmSim({ entries: 400, hmacWindowSeconds: 30, pageSize: 7, now: () => clock });
  });
  afterAll(() => sim.close());

  const raw = (path: string, init: RequestInit = {}) => fetch(`${sim.url}/index.php/api/v5/${path}`, init);

  it('verifies the HMAC hash over path, timestamp and body, within the timestamp window', async () => {
    const path = 'api/v5/my_passwords.json';
    const body = JSON.stringify({ name: 'Signed' });
    const send = async (offsetSeconds: number, sentBody = body) => {
      const ts = String(Math.floor(clock / 1000) + offsetSeconds);
      return raw('my_passwords.json', {
        method: 'POST',
        body: sentBody,
        headers: {
          'Content-Type': JSON_TYPE,
          'X-Public-Key': DEMO_USERS.admin.publicKey,
          'X-Request-Timestamp': ts,
          'X-Request-Hash': await tpmRequestHash(DEMO_USERS.admin.privateKey, path, ts, body),
        },
      });
    };
    expect((await send(29)).status).toBe(201);
    expect((await send(-29)).status).toBe(201);
    const late = await send(31);
    expect(late.status).toBe(401);
    expect(await late.json()).toMatchObject({ error: true, message: expect.stringMatching(/timestamp/) });
    expect((await send(0, JSON.stringify({ name: 'Tampered' }))).status).toBe(401);
  });

  it('answers 415 without a JSON content type', async () => {
    const res = await raw('users/me.json', { headers: { Authorization: basic() } });
    expect(res.status).toBe(415);
    expect(await res.json()).toMatchObject({ error: true, type: 'Unsupported Media Type' });
  });

  it('paginates with count.json, page/N.json and a Link header carrying the decoded search string', async () => {
    const headers = { Authorization: basic(), 'Content-Type': JSON_TYPE };
    const q = encodeURIComponent('is:active web');
    const count = (await (await raw(`passwords/search/${q}/count.json`, { headers })).json()) as {
      num_items: number;
      num_pages: number;
      num_items_per_page: number;
    };
    expect(count.num_items_per_page).toBe(7);
    expect(count.num_pages).toBe(Math.ceil(count.num_items / 7));
    expect(count.num_pages).toBeGreaterThan(2);
    const first = await raw(`passwords/search/${q}.json`, { headers });
    expect(((await first.json()) as unknown[]).length).toBe(7);
    expect(first.headers.get('link')).toBe(`<${sim.url}/index.php/api/v5/passwords/search/is%3Aactive web/page/2.json>; rel="next"`);
    const last = await raw(`passwords/search/${q}/page/${count.num_pages}.json`, { headers });
    expect(last.headers.get('link')).toBeNull();
    expect(((await last.json()) as unknown[]).length).toBe(count.num_items - 7 * (count.num_pages - 1));
    expect(await (await raw(`passwords/search/${q}/page/${count.num_pages + 1}.json`, { headers })).json()).toEqual([]);
  });

  it('accepts quote_plus encoded searches (Python clients)', async () => {
    const headers = { Authorization: basic(), 'Content-Type': JSON_TYPE };
    const plus = await (await raw('passwords/search/access%3Agithub+is%3Aactive/count.json', { headers })).json();
    const pct = await (await raw('passwords/search/access%3Agithub%20is%3Aactive/count.json', { headers })).json();
    expect(plus).toEqual(pct);
  });

  it('answers unknown resources with "Controller does not exist." and non-API paths with 404', async () => {
    const res = await raw('nothing_here.json', { headers: { Authorization: basic(), 'Content-Type': JSON_TYPE } });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: true, type: 'Not found', message: 'Controller does not exist.' });
    expect((await fetch(`${sim.url}/index.php/other`)).status).toBe(404);
  });

  it('returns the current OTP code of the server clock, not the seed', async () => {
    const res = await raw(`passwords/${sim.state.demo.otpId}.json`, { headers: { Authorization: basic(), 'Content-Type': JSON_TYPE } });
    const body = (await res.json()) as { custom_field1: { data: string } };
    expect(body.custom_field1).toEqual({ type: 'One Time Password', label: '2FA code', data: totp(sim.state.demo.otpSecret, clock) });
    clock += 30_000;
    const next = (await (
      await raw(`passwords/${sim.state.demo.otpId}.json`, { headers: { Authorization: basic(), 'Content-Type': JSON_TYPE } })
    ).json()) as typeof body;
    expect(next.custom_field1.data).toBe(totp(sim.state.demo.otpSecret, clock));
  });

  it('computes expiry status from the server clock', async () => {
    const { client } = simClient(sim.url, DEMO_USERS.admin, 'basic', { apiVersion: 'v5' });
    const today = new Date(clock).toISOString().slice(0, 10);
    const soon = new Date(clock + 5 * 86_400_000).toISOString().slice(0, 10);
    const id = await client.createPassword(sim.state.demo.sharedProjectId, { name: 'Expiring', expiryDate: today });
    expect((await client.getPassword(id)).expiryStatus).toBe('today');
    await client.updatePassword(id, { expiryDate: soon });
    expect((await client.getPassword(id)).expiryStatus).toBe('soon');
    await client.updatePassword(id, { expiryDate: '2020-01-01' });
    expect((await client.getPassword(id)).expiryStatus).toBe('expired');
  });
});

describe('search operators', () => {
  let sim: TpmSim;
  beforeAll(async () => {
    sim = await startTpmSim({ entries: 600 });
  });
  afterAll(() => sim.close());

  const admin = () => sim.state.userByName('admin')!;
  const visible = () => sim.state.view(admin()).all;
  const search = async (q: string) =>
    (await simClient(sim.url, DEMO_USERS.admin, 'hmac', { apiVersion: 'v5' }).client.searchPasswords(q))
      .map((p) => p.id)
      .sort((a, b) => a - b);
  const expectIds = (filter: (p: SimPassword) => boolean) =>
    visible()
      .filter(filter)
      .map((p) => p.id)
      .sort((a, b) => a - b);

  it.each<[string, (p: SimPassword) => boolean]>([
    ['access:github.com', (p) => fold(p.accessInfo).includes('github.com')],
    ['name:"organisation owner"', (p) => fold(p.name).includes('organisation') && fold(p.name).includes('owner')],
    ['username:[root]', (p) => p.username === 'root'],
    ['username:[svc-', (p) => p.username.startsWith('svc-')],
    ['email:.es]', (p) => p.email.endsWith('.es')],
    ['tag:"web, email"', (p) => p.tags.split(',').includes('web') && p.tags.split(',').includes('email')],
    ['in:marketing', (p) => fold(sim.state.projects.get(p.projectId)!.name).includes('marketing')],
    ['is:archived', (p) => p.archived],
    ['is:active access:https', (p) => !p.archived && p.accessInfo.includes('https')],
    ['is:favorite', (p) => p.favoriteOf.has(1)],
    ['is:locked', (p) => p.lockingType > 0],
    ['has:expiry', (p) => p.expiryDate !== null],
    [
      'PRODUCTION database',
      (p) =>
        ['production', 'database'].every((w) =>
          [
            p.name,
            p.notes,
            p.accessInfo,
            p.username,
            p.email,
            p.tags,
            ...p.custom.filter((c) => c && c.type !== 'One Time Password').map((c) => c!.data),
          ].some((f) => fold(f).includes(w)),
        ),
    ],
  ])('%s', async (query, filter) => {
    const expected = expectIds(filter);
    expect(expected.length).toBeGreaterThan(0);
    expect(await search(query)).toEqual(expected);
  });

  it('ignores case and accents', async () => {
    const withAccent = visible().find((p) => /[éëöüç]/.test(p.email) || /[éëöüç]/.test(p.username));
    expect(withAccent).toBeDefined();
    const word = fold(withAccent!.username || withAccent!.email).split(/[.@]/)[0];
    expect(await search(word.toUpperCase())).toContain(withAccent!.id);
  });

  it('ANDs terms: a term that matches nothing empties the result', async () => {
    expect(await search('access:github.com name:zzzz-no-such-name')).toEqual([]);
  });
});

describe('scale', () => {
  // How fast it answers is not a test's business (it varies with the machine's load): `npm run bench` runs it at
  // 10,000 to 100,000 entries. What keeps it fast is: the pages of one search come from one computed result.
  it('serves 50,000 entries, computing a search once for all its pages', async () => {
    const sim = await startTpmSim({ entries: 50_000 });
    try {
      const { client } = simClient(sim.url, DEMO_USERS.admin, 'basic', { apiVersion: 'v5' });
      const count = await client.countPasswords();
      expect(count.numItems).toBeGreaterThan(48_000);
      expect((await client.passwordsPage(count.numPages)).length).toBeGreaterThan(0);
      const query = 'access:github.com is:active';
      const found = await client.countPasswords(query);
      expect(found.numItems).toBeGreaterThan(100);
      const admin = sim.state.userByName(DEMO_USERS.admin.username)!;
      const computed = sim.state.searchPasswords(admin, query);
      const pages = [];
      for (let n = 1; n <= found.numPages; n++) pages.push(...(await client.passwordsPage(n, query)));
      expect(pages.map((p) => p.id).sort()).toEqual(computed.map((p) => p.id).sort());
      expect(sim.state.searchPasswords(admin, query)).toBe(computed);
      // A change makes the next search compute afresh.
      sim.state.touch();
      expect(sim.state.searchPasswords(admin, query)).not.toBe(computed);
    } finally {
      await sim.close();
    }
  });
});
