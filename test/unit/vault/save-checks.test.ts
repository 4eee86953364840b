// Before anything is sent, each source says what its server would store or refuse; after a write it reads back.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SyspassClient } from '../../../src/api/syspass/client';
import { TpmClient } from '../../../src/api/tpm/client';
import type { FetchLike } from '../../../src/api/http';
import type { AppError } from '../../../src/errors';
import { SaveQueue } from '../../../src/vault/save-queue';
import type { NewLogin, SaveTarget } from '../../../src/vault/sources';
import { SyspassSource } from '../../../src/vault/syspass-source';
import { TpmSource } from '../../../src/vault/tpm-source';
import { DEMO_AUTH_TOKEN, DEMO_TOKEN_PASS, READER_AUTH_TOKEN, READER_TOKEN_PASS } from '../../sim/syspass/seed';
import { startSyspassSim, type SyspassSim } from '../../sim/syspass/server';
import { DEMO_USERS } from '../../sim/tpm/seed';
import { startTpmSim, type TpmSim } from '../../sim/tpm/server';
import { MemoryStore } from './memory-store';

/** A fetch that runs `after(method, url, body)` once the server answered (to play a server that changes values). */
function tamperingFetch(after: { fn?: (method: string, url: string, body: string) => void }): FetchLike {
  return async (input, init) => {
    const res = await fetch(input, init);
    after.fn?.(String(init.method), input, typeof init.body === 'string' ? init.body : '');
    return res;
  };
}

const failure = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e as AppError,
  );
const target = {
  kind: 'category',
  id: 'sp:project:c1-k1',
  sourceId: 'sp',
  clientId: 1,
  categoryId: 1,
  path: ['Acme Corp', 'Web'],
} as const satisfies SaveTarget;

describe('sysPass: the check before sending', () => {
  let sim: SyspassSim;
  let source: SyspassSource;
  beforeAll(async () => {
    sim = await startSyspassSim({ accounts: 10 });
    source = new SyspassSource(
      'sp',
      new SyspassClient({
        baseUrl: sim.url,
        authToken: DEMO_AUTH_TOKEN,
        tokenPassword: DEMO_TOKEN_PASS,
        fetch: (i, init) => fetch(i, init),
      }),
      sim.url,
    );
  });
  afterAll(() => sim.close());
  beforeEach(() => sim.state.clearTracks());

  it('shows fields as they will be stored, cuts a long URL to origin + path, and names the limits it refuses', () => {
    const url = `https://app.example.test/${'segment/'.repeat(35)}login?next=${'x'.repeat(30)}`;
    const check = source.checkCreate(target, { name: 'Tom < Jerry', username: 'tom', url, password: 'pass < word' });
    expect(check.changed).toEqual([
      { field: 'name', stored: 'Tom ' },
      { field: 'url', stored: check.login.url },
    ]);
    expect(check.login.url.length).toBeLessThanOrEqual(255);
    expect(url.startsWith(check.login.url)).toBe(true);
    expect(check.refused).toEqual([]);
    expect(check.password).toBeUndefined(); // create keeps "<" in passwords (only trims)
    const refused = source.checkCreate(target, { name: 'Key 🔑', username: 'u'.repeat(51), url: 'https://x.test/', password: ' lead ' });
    expect(refused.refused).toEqual([
      { field: 'name', issue: { kind: 'unstorable', chars: ['🔑'] } },
      { field: 'username', issue: { kind: 'too_long', max: 50, unit: 'characters' } },
    ]);
    expect(refused.password).toEqual({ kind: 'altered', edges: 2, parts: [] });
  });

  it('says which characters of a new password editPass would drop, or its byte limit', () => {
    const entry = { remoteId: 1 } as never;
    expect(source.checkPassword(entry, 'Intra < new 2')).toEqual({ kind: 'altered', edges: 0, parts: [{ first: '<', length: 7 }] });
    expect(source.checkPassword(entry, ' x <b>y ')).toEqual({ kind: 'altered', edges: 2, parts: [{ first: '<', length: 3 }] });
    expect(source.checkPassword(entry, 'é'.repeat(209))).toEqual({ kind: 'too_long', max: 416, unit: 'bytes' });
    expect(source.checkPassword(entry, '5 > 3 and Pässwörd-🔑')).toBeUndefined();
  });

  it('refuses in the queue what the user did not accept: the job stops, nothing reaches the server', async () => {
    const store = new MemoryStore();
    const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
    const queue = new SaveQueue({ store, key });
    const entry = (await source.list()).entries.find((e) => e.remoteId === 1)!;
    sim.faults.log.length = 0;
    await queue.enqueue({ kind: 'update', sourceId: 'sp', entry, password: 'Intra < new 2' });
    const run = await queue.process(() => source);
    expect(run.failed).toMatchObject([{ state: 'stopped', lastError: { code: 'would_alter' } }]);
    expect(sim.faults.log.filter((k) => k.includes('account/editPass'))).toEqual([]);
    expect(sim.state.accounts.get(1)!.pass).toBe('Alice-Pass-1!');
  });

  it('waits out a lockout instead of stopping, and tries again only when it is over', async () => {
    const store = new MemoryStore();
    const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
    const now = Date.now();
    const queue = new SaveQueue({ store, key, now: () => now });
    const locked = new SyspassSource(
      'sp',
      new SyspassClient({
        baseUrl: sim.url,
        authToken: DEMO_AUTH_TOKEN,
        tokenPassword: DEMO_TOKEN_PASS,
        fetch: (i, init) => fetch(i, init),
        now: () => now,
      }),
      sim.url,
    );
    for (let i = 0; i < 10; i++) sim.state.addFailure('127.0.0.1');
    await queue.enqueue({
      kind: 'create',
      sourceId: 'sp',
      target,
      login: { name: 'Locked out', username: 'lo', url: 'https://lo.example.test/', password: 'Locked-1' },
    });
    const run = await queue.process(() => locked);
    expect(run.failed).toMatchObject([{ state: 'waiting', lastError: { code: 'lockout' } }]);
    expect(run.nextAttemptAt! - now).toBeGreaterThanOrEqual(10 * 60_000 - 1);
  }, 20_000);
});

describe('sysPass: the token password check of Test connection', () => {
  let sim: SyspassSim;
  beforeAll(async () => {
    sim = await startSyspassSim({ accounts: 10 });
  });
  afterAll(() => sim.close());
  beforeEach(() => sim.state.clearTracks());
  const failures = () => [...sim.state.tracks.values()].reduce((n, l) => n + l.length, 0);
  const identify = (token: string, tokenPassword: string) =>
    new SyspassSource(
      'sp',
      new SyspassClient({ baseUrl: sim.url, authToken: token, tokenPassword, fetch: (i, init) => fetch(i, init) }),
      sim.url,
    ).identify();

  it('proves a right token password without reading any password', async () => {
    const decrypted = () => [...sim.state.accounts.values()].reduce((n, a) => n + a.countDecrypt, 0);
    const before = decrypted();
    expect((await identify(DEMO_AUTH_TOKEN, DEMO_TOKEN_PASS)).details).toContain('Token password: correct (view password allowed)');
    expect(decrypted()).toBe(before);
    expect(failures()).toBe(0);
  });

  it('costs exactly the one failed attempt a wrong token password makes, none of its own', async () => {
    expect(await failure(identify(DEMO_AUTH_TOKEN, 'wrong'))).toMatchObject({ code: 'token_password' });
    expect(failures()).toBe(1);
  });

  it('costs none when the token may not view passwords (the probe goes without the token password)', async () => {
    sim.state.tokens.get(READER_AUTH_TOKEN)!.actions.delete('account/viewPass');
    try {
      expect(await failure(identify(READER_AUTH_TOKEN, READER_TOKEN_PASS))).toMatchObject({
        code: 'forbidden',
        message: expect.stringContaining('account/viewPass'),
      });
      expect(failures()).toBe(0);
    } finally {
      sim.state.grant(READER_AUTH_TOKEN, ['account/viewPass']);
    }
  });
});

describe('TPM: required fields before sending, read-back after saving', () => {
  let sim: TpmSim;
  const after: { fn?: (method: string, url: string, body: string) => void } = {};
  let source: TpmSource;
  let project: Extract<SaveTarget, { kind: 'project' }>;
  beforeAll(async () => {
    sim = await startTpmSim({ entries: 20 });
    const user = DEMO_USERS.normal;
    source = new TpmSource(
      'tpm',
      new TpmClient({
        baseUrl: sim.url,
        auth: { kind: 'basic', username: user.username, password: user.password },
        fetch: tamperingFetch(after),
        retries: 0,
      }),
    );
    project = (await source.saveTargets()).find(
      (t): t is typeof project => t.kind === 'project' && t.projectId === sim.state.demo.sharedProjectId,
    )!;
  });
  afterAll(() => sim.close());
  beforeEach(() => (after.fn = undefined));

  const login = (extra: Partial<NewLogin> = {}): NewLogin => ({
    name: 'Read-back portal',
    username: 'rb',
    url: 'https://rb.example.test/a,b',
    password: 'Rb-Pass-1!',
    ...extra,
  });

  it('requires a name and encodes the separators of its access field', () => {
    expect(source.checkCreate(project, login({ name: '  ' })).refused).toEqual([{ field: 'name', issue: { kind: 'required' } }]);
    const check = source.checkCreate(project, login());
    expect(check.changed).toEqual([{ field: 'url', stored: 'https://rb.example.test/a%2Cb' }]);
    expect(source.checkPassword()).toBeUndefined();
  });

  it('reads a create back: a different value on the server is an error, not a save', async () => {
    const saved = await source.create(project, source.checkCreate(project, login()).login);
    const stored = sim.state.passwords.get(saved.remoteId)!;
    expect(stored).toMatchObject({ name: 'Read-back portal', accessInfo: 'https://rb.example.test/a%2Cb', password: 'Rb-Pass-1!' });
    // A server that trims what it stores (no TPM is known to, this checks the check).
    after.fn = (method) => {
      if (method !== 'POST') return;
      const newest = [...sim.state.passwords.values()].at(-1)!;
      newest.password = newest.password.slice(0, 4);
    };
    expect(await failure(source.create(project, login({ name: 'Trimmed portal', url: 'https://t.example.test/' })))).toMatchObject({
      code: 'altered',
      message: expect.stringContaining('password'),
    });
  });

  it('reads a password change back', async () => {
    const entry = await source.create(project, login({ name: 'Update read-back', url: 'https://u.example.test/' }));
    await source.updatePassword(entry, 'Next-Pass-2!');
    expect(sim.state.passwords.get(entry.remoteId)!.password).toBe('Next-Pass-2!');
    after.fn = (method) => {
      if (method === 'PUT') sim.state.passwords.get(entry.remoteId)!.password = 'Something else';
    };
    expect(await failure(source.updatePassword(entry, 'Third-Pass-3!'))).toMatchObject({ code: 'altered' });
  });
});
