// Replays every recorded sysPass 3.2.11 request against the simulator and compares status, headers and body bytes.
//
// Normalisation (the only one): `countView` and `countDecrypt` are compared as integers, not by value. They count
// every view/viewPass ever made, and the recordings show calls that were not recorded (e.g. account 2's countView
// goes from 0 to 1 with no recorded view in between). Everything else is compared byte for byte, timestamps
// included: the simulator's clock is set to each fixture's `Date` header, and the steps the recording did not
// capture (creating accounts 9, 10 and 16, granting actions, the cleanup, clearing the lockout) are replayed as
// explicit setup steps below, in the order the `Date` headers give. A `Date` header is the time of the answer: where
// the server slept first (the lockout), the request went out the recorded duration earlier (`tookS`, from the
// fixtures' README), and the simulator's sleep advances the clock, so its delays are checked against the recordings.
// The third round ran twice on a freshly restored database (`seed-round3.json`): once for the filters and sizes,
// once for the lockout.
import { request } from 'node:http';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_AUTH_TOKEN, DEMO_TOKEN_PASS } from '../../../sim/syspass/seed';
import { RECORDED_LATER_ACTIONS, recordedServerSeed, round3ServerSeed, smokeServerSeed } from '../../../sim/syspass/seed-presets';
import { startSyspassSim, type SyspassSim } from '../../../sim/syspass/server';

const FIXTURES = resolve(dirname(fileURLToPath(import.meta.url)), '../../../fixtures/syspass');

interface Raw {
  method: string;
  headers: Record<string, string>;
  body?: string;
  /** The client's own address (the recording sent one call from 127.0.0.2). */
  localAddress?: string;
}

type Server = 'smoke' | 'recorded' | 'round3' | 'round3Lockout';
type Step =
  | { fixture: string; server: Server; raw?: Partial<Raw>; tookS?: number }
  | { setup: string; server: Server; at: number; run: (sim: SyspassSim) => Promise<void> };

let clockMs = 0;
const sims = {} as Record<Server, SyspassSim>;

async function rpc(
  sim: SyspassSim,
  method: string,
  params: Record<string, unknown>,
): Promise<{ result?: { itemId: number }; error?: { code: number } }> {
  const res = await send(sim, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', method, params: { authToken: DEMO_AUTH_TOKEN, ...params }, id: 1 }),
  });
  return JSON.parse(res.body) as { result?: { itemId: number }; error?: { code: number } };
}

async function ok(sim: SyspassSim, method: string, params: Record<string, unknown>, expectedItemId?: number): Promise<void> {
  const reply = await rpc(sim, method, params);
  expect(reply.error, `setup ${method}`).toBeUndefined();
  if (expectedItemId !== undefined) expect(reply.result?.itemId).toBe(expectedItemId);
}

function send(sim: SyspassSim, raw: Raw): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  return new Promise((resolvePromise, reject) => {
    const req = request(
      { host: '127.0.0.1', port: sim.port, path: '/api.php', method: raw.method, headers: raw.headers, localAddress: raw.localAddress },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const headers: Record<string, string> = {};
          for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') headers[k.toLowerCase()] = v;
          resolvePromise({ status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks).toString('utf8') });
        });
      },
    );
    req.on('error', reject);
    if (raw.body !== undefined) req.write(raw.body);
    req.end();
  });
}

const PRE = '{"jsonrpc":"2.0","method":"account/search","params":{"authToken":"<authToken: 64 hex chars>","count":1},"id":7}';
const SMOKE: Step[] = [
  'account-search-all',
  'account-search-text',
  'account-view',
  'account-viewPass',
  'account-viewPass-missing',
  'account-viewPass-no-tokenPass',
  'account-viewPass-wrong-tokenPass',
  'error-bad-token',
  'error-unknown-method',
  'account-create',
  'category-search',
  'client-search',
  'tag-search',
].map((fixture) => ({ fixture, server: 'smoke' as const }));
SMOKE.splice(
  10,
  0,
  { fixture: 'error-batch', server: 'smoke', raw: { body: `[${PRE}]` } },
  { fixture: 'error-parse', server: 'smoke', raw: { body: 'this is not JSON' } },
);

const f = (...names: string[]): Step[] => names.map((fixture) => ({ fixture, server: 'recorded' as const }));
const RECORDED: Step[] = [
  {
    setup: 'create account 9 (edit target, tags 1 and 3, expiry set)',
    server: 'recorded',
    at: 1795619122,
    run: (sim) =>
      ok(
        sim,
        'account/create',
        {
          tokenPass: DEMO_TOKEN_PASS,
          name: 'Fixture edit target',
          clientId: 2,
          categoryId: 2,
          login: 'edit.user',
          url: 'https://edit.example.test/app',
          notes: 'all fields set',
          pass: 'Initial-9',
          expireDate: 1893456000,
          tagsId: [1, 3],
        },
        9,
      ),
  },
  {
    setup: 'create account 10 (delete target)',
    server: 'recorded',
    at: 1795619123,
    run: (sim) =>
      ok(
        sim,
        'account/create',
        {
          tokenPass: DEMO_TOKEN_PASS,
          name: 'Fixture delete target',
          clientId: 3,
          categoryId: 3,
          login: 'del.user',
          url: 'https://delete.example.test/',
          notes: 'to be deleted',
          pass: 'Initial-10',
        },
        10,
      ),
  },
  ...f('error-action-not-granted'),
  {
    setup: 'grant the actions added after error-action-not-granted',
    server: 'recorded',
    at: 1795619127,
    run: async (sim) => sim.state.grant(DEMO_AUTH_TOKEN, RECORDED_LATER_ACTIONS),
  },
  ...f(
    'account-view-before-partial-edit',
    'account-edit-partial',
    'account-view-after-partial-edit',
    'account-edit-full',
    'account-edit-missing',
    'account-view-missing',
  ),
  ...f(
    'account-editPass',
    'account-viewPass-after-editPass',
    'account-editPass-spaces',
    'account-viewPass-after-editPass-spaces',
    'account-editPass-tag',
    'account-viewPass-after-editPass-tag',
  ),
  {
    setup: 'ids 11 to 13 were used by calls that were not recorded',
    server: 'recorded',
    at: 1795619171,
    run: async (sim) => {
      sim.state.nextId.account = 14;
    },
  },
  ...f(
    'account-create-pass-tag',
    'account-viewPass-after-create-pass-tag',
    'account-delete',
    'account-view-deleted',
    'account-delete-missing',
  ),
  {
    setup: 'clean up accounts 9 and 14 (the searches below see only the 8 seeded accounts)',
    server: 'recorded',
    at: 1795619190,
    run: async (sim) => {
      await ok(sim, 'account/delete', { id: 9 });
      await ok(sim, 'account/delete', { id: 14 });
    },
  },
  ...f(
    'account-search-count-2',
    'account-search-categoryId',
    'account-search-categoryId-clientId',
    'account-search-clientId',
    'account-search-categoryId-clientId-op-or',
  ),
  ...f(
    'account-search-tags-and',
    'account-search-tags-or',
    'account-search-tags-no-op',
    'account-search-text-login',
    'account-search-text-name',
    'account-search-text-notes',
  ),
  ...f('account-search-text-url-host', 'account-search-text-client-name', 'account-search-text-wildcard'),
  ...f(
    'category-create',
    'category-view',
    'category-edit',
    'category-view-after-edit',
    'category-create-duplicate',
    'category-create-html',
    'category-create-duplicate-normalized',
  ),
  ...f('category-edit-duplicate', 'category-delete-in-use', 'category-delete', 'category-view-deleted'),
  ...f(
    'client-create',
    'client-view',
    'client-edit',
    'client-view-after-edit',
    'client-create-duplicate',
    'client-create-html',
    'client-delete',
    'client-view-deleted',
  ),
  ...f('tag-create', 'tag-view', 'tag-edit', 'tag-create-duplicate', 'tag-create-html', 'tag-delete', 'tag-view-deleted'),
  ...f(
    'userGroup-view',
    'config-export',
    'account-view-id-string',
    'account-view-id-string-digits',
    'account-create-missing-fields',
    'account-create-unicode',
    'account-create-unicode-bmp',
  ),
  ...f('account-view-unicode', 'account-viewPass-unicode'),
  {
    fixture: 'cors-preflight-extension-origin',
    server: 'recorded',
    raw: {
      method: 'OPTIONS',
      headers: {
        Origin: 'chrome-extension://abcdefghijklmnop',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type',
      },
    },
  },
  {
    fixture: 'cors-preflight-own-origin',
    server: 'recorded',
    raw: {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://127.0.0.1:8099',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type',
      },
    },
  },
  { fixture: 'http-get', server: 'recorded', raw: { method: 'GET', headers: {} } },
  {
    fixture: 'cors-post-foreign-origin',
    server: 'recorded',
    raw: { headers: { 'Content-Type': 'application/json', Origin: 'chrome-extension://abcdefghijklmnop' } },
  },
  { fixture: 'post-text-plain', server: 'recorded', raw: { headers: { 'Content-Type': 'text/plain' } } },
  ...f('cors-post-other-host', 'error-no-authToken', 'jsonrpc-id-string'),
  {
    setup: '10 calls with a wrong token password (each counted as a failed attempt)',
    server: 'recorded',
    at: 1795619312,
    run: async (sim) => {
      for (let i = 0; i < 10; i++) expect((await rpc(sim, 'account/viewPass', { id: 1, tokenPass: 'wrong' })).error?.code).toBe(-32603);
    },
  },
  { fixture: 'error-attempts-exceeded', server: 'recorded', tookS: 5 },
  {
    setup: 'an admin clears the Track table (later calls succeed within 600 s)',
    server: 'recorded',
    at: 1795619400,
    run: async (sim) => sim.state.clearTracks(),
  },
  {
    setup: 'create account 16 with tags 1 and 3, then edit it partially',
    server: 'recorded',
    at: 1795619467,
    run: async (sim) => {
      await ok(
        sim,
        'account/create',
        {
          tokenPass: DEMO_TOKEN_PASS,
          name: 'Fixture tags target',
          clientId: 2,
          categoryId: 2,
          login: 'tags.user',
          url: 'https://tags.example.test/',
          notes: 'tags',
          pass: 'Initial-16',
          tagsId: [1, 3],
        },
        16,
      );
      clockMs = 1795619470_000;
      await ok(sim, 'account/edit', { id: 16, name: 'Fixture tags target (renamed)', clientId: 2, categoryId: 2 }, 16);
    },
  },
  ...f('account-search-tags-after-partial-edit', 'account-edit-empty-tagsId', 'account-search-tags-after-empty-tagsId'),
];

const r3 = (...names: string[]): Step[] => names.map((fixture) => ({ fixture, server: 'round3' as const }));
const viewPassAfter = (...cases: string[]) => cases.flatMap((c) => [c, c.replace(/^account-/, 'account-viewPass-after-')]);
const ROUND3: Step[] = [
  ...r3('account-create-lt-space', 'account-view-after-create-lt-space', 'account-viewPass-after-create-lt-space'),
  ...r3(...viewPassAfter('account-editPass-lt-space', 'account-editPass-lt-tab', 'account-editPass-lt-nospace', 'account-editPass-lt-gt')),
  ...r3(...viewPassAfter('account-editPass-lt-digit', 'account-editPass-gt', 'account-editPass-lt-space-gt')),
  ...r3(
    'account-create-lt-contrast',
    'account-create-name-100',
    'account-create-name-101',
    'account-create-login-50',
    'account-create-login-51',
  ),
  ...r3('account-create-url-255', 'account-create-url-256', 'account-create-notes-65535', 'account-create-notes-65536'),
  ...r3('account-create-notes-65536-bytes-multibyte', 'account-create-name-100-multibyte', 'account-create-name-101-multibyte'),
  ...r3(...viewPassAfter('account-create-pass-416'), 'account-create-pass-417', 'account-create-pass-1000'),
  ...r3(...viewPassAfter('account-create-pass-200-multibyte', 'account-create-pass-208-multibyte'), 'account-create-pass-209-multibyte'),
  ...r3(...viewPassAfter('account-editPass-pass-416', 'account-editPass-pass-417'), 'account-editPass-pass-1000'),
  ...r3(
    ...viewPassAfter('account-editPass-pass-200-multibyte', 'account-editPass-pass-208-multibyte', 'account-editPass-pass-209-multibyte'),
  ),
  ...r3(...viewPassAfter('account-editPass-emoji'), 'account-edit-emoji-name', 'account-view-after-edit-emoji-name'),
  ...r3('account-create-emoji-login', 'account-create-emoji-notes'),
  {
    // Only 8 seconds fit: the call 600 s after the first of them still counted 14 failures (a 7 s delay).
    setup: 'failed attempts 1 to 8 (a wrong token password each, not recorded), one per second',
    server: 'round3Lockout',
    at: 1796569005,
    run: async (sim) => {
      for (let i = 0; i < 8; i++, clockMs += 1000)
        expect((await rpc(sim, 'account/viewPass', { id: 1, tokenPass: 'Wrong-TokenPass-0' })).error?.code).toBe(-32603);
    },
  },
  ...['lockout-attempt-09-wrong-tokenPass', 'lockout-attempt-10-wrong-tokenPass'].map((fixture) => ({
    fixture,
    server: 'round3Lockout' as const,
  })),
  { fixture: 'lockout-attempt-11-wrong-tokenPass', server: 'round3Lockout', tookS: 5 },
  { fixture: 'lockout-correct-tokenPass', server: 'round3Lockout', tookS: 5 },
  { fixture: 'lockout-view-no-tokenPass', server: 'round3Lockout', tookS: 6 },
  { fixture: 'lockout-correct-tokenPass-other-ip', server: 'round3Lockout', raw: { localAddress: '127.0.0.2' } },
  {
    fixture: 'lockout-correct-tokenPass-x-forwarded-for',
    server: 'round3Lockout',
    tookS: 6,
    raw: { headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': '192.0.2.10' } },
  },
  { fixture: 'lockout-correct-tokenPass-just-before-expiry', server: 'round3Lockout', tookS: 7 },
  { fixture: 'lockout-correct-tokenPass-after-expiry', server: 'round3Lockout' },
];

const STEPS = [...SMOKE, ...RECORDED, ...ROUND3];

function parseHeaders(text: string): { status: number; headers: Record<string, string> } {
  const [statusLine, ...lines] = text.split(/\r?\n/);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return { status: Number(statusLine.split(' ')[1]), headers };
}

const COUNTERS = /"(countView|countDecrypt)":(-?\d+)/g;
const COMPARED_HEADERS = [
  'content-type',
  'access-control-allow-origin',
  'access-control-allow-headers',
  'access-control-allow-methods',
  'allow',
];

beforeAll(async () => {
  const options = {
    clock: () => clockMs,
    sleep: async (ms: number) => {
      clockMs += ms;
    },
  };
  sims.smoke = await startSyspassSim({ seed: smokeServerSeed(), ...options });
  sims.recorded = await startSyspassSim({ seed: recordedServerSeed(), ...options });
  sims.round3 = await startSyspassSim({ seed: round3ServerSeed(), ...options });
  sims.round3Lockout = await startSyspassSim({ seed: round3ServerSeed(), ...options });
});
afterAll(async () => {
  for (const sim of Object.values(sims)) await sim.close();
});

describe('sysPass simulator fidelity (recorded 3.2.11 fixtures)', () => {
  it('covers every recorded case exactly once', () => {
    const recorded = readdirSync(FIXTURES)
      .filter((n) => n.endsWith('.headers'))
      .map((n) => n.replace(/\.headers$/, ''))
      .sort();
    const replayed = STEPS.flatMap((s) => ('fixture' in s ? [s.fixture] : [])).sort();
    expect(replayed).toEqual(recorded);
    expect(recorded.length).toBeGreaterThanOrEqual(158);
  });

  // One test per step, in order: later steps depend on the state earlier ones left (view → partial edit → view).
  for (const step of STEPS) {
    if ('setup' in step) {
      it(`(setup) ${step.setup}`, async () => {
        clockMs = step.at * 1000;
        await step.run(sims[step.server]);
      });
      continue;
    }
    it(`${step.fixture} answers like the recording`, async () => {
      const expected = parseHeaders(readFileSync(join(FIXTURES, `${step.fixture}.headers`), 'utf8'));
      const answeredAt = Date.parse(expected.headers.date);
      clockMs = answeredAt - (step.tookS ?? 0) * 1000;
      const reqFile = join(FIXTURES, `${step.fixture}.request.json`);
      const template = step.raw?.body ?? (existsSync(reqFile) ? readFileSync(reqFile, 'utf8') : undefined);
      const body = template?.replaceAll('<authToken: 64 hex chars>', DEMO_AUTH_TOKEN).replaceAll('<tokenPass>', DEMO_TOKEN_PASS);
      const raw: Raw = {
        method: step.raw?.method ?? 'POST',
        headers: { Host: expected.headers.host, ...(step.raw?.headers ?? { 'Content-Type': 'application/json' }) },
        body: step.raw?.method && step.raw.method !== 'POST' ? undefined : body,
        localAddress: step.raw?.localAddress,
      };
      const actual = await send(sims[step.server], raw);
      expect(clockMs, 'the answer comes after the recorded delay').toBe(answeredAt);

      expect(actual.status).toBe(expected.status);
      for (const name of COMPARED_HEADERS) expect(actual.headers[name], `header ${name}`).toBe(expected.headers[name]);
      expect(
        Object.keys(actual.headers)
          .filter((h) => h.startsWith('access-control-'))
          .sort(),
      ).toEqual(
        Object.keys(expected.headers)
          .filter((h) => h.startsWith('access-control-'))
          .sort(),
      );

      const resFile = join(FIXTURES, `${step.fixture}.response.json`);
      const expectedBody = existsSync(resFile) ? readFileSync(resFile, 'utf8') : '';
      const counters = [...actual.body.matchAll(COUNTERS)].map((m) => m[1]);
      expect(counters).toEqual([...expectedBody.matchAll(COUNTERS)].map((m) => m[1]));
      const normalise = (s: string) => s.replace(COUNTERS, '"$1":<n>');
      expect(normalise(actual.body)).toBe(normalise(expectedBody));
      if (expectedBody.startsWith('{'))
        expect(JSON.parse(normalise(actual.body).replaceAll('<n>', '0'))).toEqual(
          JSON.parse(normalise(expectedBody).replaceAll('<n>', '0')),
        );
    });
  }
});
