import { describe, expect, it } from 'vitest';
import { tpmRequestHash } from '../../../../src/api/tpm/auth';
import { TpmClient } from '../../../../src/api/tpm/client';
import type { TpmClientOptions } from '../../../../src/api/tpm/connection';
import type { TpmApiVersion } from '../../../../src/api/tpm/types';
import { fakeFetch, jsonResponse, type FakeHandler } from './fake-fetch';
import { fixture } from './fixtures';

const HMAC = { kind: 'hmac' as const, publicKey: 'pub-key', privateKey: 'priv-key' };
const BASIC = { kind: 'basic' as const, username: 'u', password: 'p' };

function setup(handler: FakeHandler, options: Partial<TpmClientOptions> = {}) {
  const fake = fakeFetch(handler);
  const client = new TpmClient({
    baseUrl: 'https://host/tpm/',
    auth: BASIC,
    fetch: fake.fetch,
    apiVersion: 'v5',
    backoffMs: 1,
    ...options,
  });
  return { client, calls: fake.calls };
}

describe('requests', () => {
  it('sends the JSON content type on every method, GET and DELETE included', async () => {
    const { client, calls } = setup((call) =>
      call.method === 'GET' ? jsonResponse(200, fixture('users/me.json')) : jsonResponse(204, null),
    );
    await client.me();
    await client.unsetFavoritePassword(5);
    expect(calls.map((c) => [c.method, c.url, c.headers['Content-Type']])).toEqual([
      ['GET', 'https://host/tpm/index.php/api/v5/users/me.json', 'application/json; charset=utf-8'],
      ['DELETE', 'https://host/tpm/index.php/api/v5/favorite_passwords/5.json', 'application/json; charset=utf-8'],
    ]);
    expect(calls[1].body).toBeUndefined();
  });

  it('signs exactly the body it sends, with the path from api/', async () => {
    const { client, calls } = setup(() => jsonResponse(201, { id: '42' }), { auth: HMAC, now: () => 1_700_000_000_500 });
    const id = await client.createPassword(3, {
      name: 'Wiki',
      tags: ['a', 'b,c'],
      accessInfo: 'wiki',
      customData: { 2: 'x' },
      password: 'pä$$',
    });
    expect(id).toBe(42);
    const [call] = calls;
    expect(JSON.parse(call.body!)).toEqual({
      name: 'Wiki',
      tags: 'a,b c',
      access_info: 'wiki',
      password: 'pä$$',
      custom_data2: 'x',
      project_id: 3,
    });
    expect(call.headers['X-Request-Timestamp']).toBe('1700000000');
    expect(call.headers['X-Request-Hash']).toBe(await tpmRequestHash('priv-key', 'api/v5/passwords.json', '1700000000', call.body!));
    expect(call.headers.Authorization).toBeUndefined();
  });

  it('treats 204 answers as success without parsing a body', async () => {
    const { client, calls } = setup(() => new Response(null, { status: 204 }));
    await expect(client.updatePassword(9, { notes: 'n' })).resolves.toBeUndefined();
    await expect(client.lockPassword(9)).resolves.toBeUndefined();
    expect(calls.map((c) => `${c.method} ${c.url.split('/api/')[1]}`)).toEqual(['PUT v5/passwords/9.json', 'PUT v5/passwords/9/lock.json']);
    expect(calls[1].body).toBeUndefined();
  });
});

describe('retries', () => {
  it('never repeats a POST, whatever the failure', async () => {
    for (const answer of [
      () => jsonResponse(503, {}),
      () => Promise.reject(new TypeError('socket hang up')),
      () => jsonResponse(502, {}),
    ]) {
      const { client, calls } = setup(answer, { retries: 3 });
      await expect(client.createMyPassword({ name: 'x' })).rejects.toBeTruthy();
      await expect(client.setFavoritePassword(1)).rejects.toBeTruthy();
      expect(calls.map((c) => c.method)).toEqual(['POST', 'POST']);
    }
  });

  it('retries idempotent requests with a fresh HMAC timestamp and hash per attempt', async () => {
    let clock = 1_700_000_000_000;
    const { client, calls } = setup(
      (_call, i) => (i < 2 ? jsonResponse(503, { message: 'maintenance' }) : jsonResponse(200, fixture('users/me.json'))),
      {
        auth: HMAC,
        retries: 2,
        now: () => (clock += 5_000),
      },
    );
    await expect(client.me()).resolves.toMatchObject({ username: 'john' });
    expect(calls).toHaveLength(3);
    const stamps = calls.map((c) => c.headers['X-Request-Timestamp']);
    expect(new Set(stamps).size).toBe(3);
    for (const call of calls) {
      expect(call.headers['X-Request-Hash']).toBe(
        await tpmRequestHash('priv-key', 'api/v5/users/me.json', call.headers['X-Request-Timestamp'], ''),
      );
    }
  });

  it('gives up after the retries with the typed error of the last answer', async () => {
    const { client, calls } = setup(() => jsonResponse(503, { error: true, message: 'Maintenance mode' }), { retries: 2 });
    await expect(client.listSubprojects(0)).rejects.toMatchObject({ code: 'server', message: expect.stringContaining('Maintenance mode') });
    expect(calls).toHaveLength(3);
  });

  it('does not retry client errors', async () => {
    const { client, calls } = setup(() => jsonResponse(404, { error: true, message: 'The password does not exist' }), { retries: 2 });
    await expect(client.getPassword(1)).rejects.toMatchObject({ code: 'not_found' });
    expect(calls).toHaveLength(1);
  });
});

describe('API version', () => {
  const wrongVersion = () => jsonResponse(404, { error: true, type: 'Not found', message: 'Controller does not exist.' });

  it('falls back to v4 when v6 and v5 answer "Controller does not exist." and remembers it', async () => {
    const { client, calls } = setup(
      (call) =>
        call.url.includes('/api/v6/') || call.url.includes('/api/v5/')
          ? wrongVersion()
          : call.url.endsWith('version.json')
            ? jsonResponse(200, fixture('version.json'))
            : jsonResponse(200, fixture('users/me.json')),
      {
        apiVersion: 'auto',
      },
    );
    await Promise.all([client.me(), client.me()]);
    await client.me();
    expect(await client.apiVersion()).toBe('v4');
    expect(calls.map((c) => c.url.replace('https://host/tpm/index.php/', ''))).toEqual([
      'api/v6/version.json',
      'api/v5/version.json',
      'api/v4/version.json',
      'api/v4/users/me.json',
      'api/v4/users/me.json',
      'api/v4/users/me.json',
    ]);
  });

  it('uses v6 when the server has it, else v5', async () => {
    const newest = setup(() => jsonResponse(200, { ...(fixture('version.json') as object), api_version: '6' }), { apiVersion: 'auto' });
    expect(await newest.client.apiVersion()).toBe('v6');
    const older = setup((call) => (call.url.includes('/api/v6/') ? wrongVersion() : jsonResponse(200, fixture('version.json'))), {
      apiVersion: 'auto',
    });
    expect(await older.client.apiVersion()).toBe('v5');
  });

  it('asks the remembered version first and remembers a new one', async () => {
    const memory = new Map<string, TpmApiVersion>([['https://host/tpm', 'v5']]);
    const versionMemory = {
      get: async (url: string) => memory.get(url),
      set: async (url: string, v: TpmApiVersion) => void memory.set(url, v),
    };
    const restarted = setup(() => jsonResponse(200, fixture('version.json')), { apiVersion: 'auto', versionMemory });
    expect(await restarted.client.apiVersion()).toBe('v5');
    expect(restarted.calls.map((c) => c.url)).toEqual(['https://host/tpm/index.php/api/v5/version.json']);
    // The server was downgraded to v4: the remembered v5 fails, detection goes on and remembers v4.
    const downgraded = setup((call) => (call.url.includes('/api/v4/') ? jsonResponse(200, fixture('version.json')) : wrongVersion()), {
      apiVersion: 'auto',
      versionMemory,
    });
    expect(await downgraded.client.apiVersion()).toBe('v4');
    expect(memory.get('https://host/tpm')).toBe('v4');
  });

  it('asks large pages with X-Page-Size on v6 lists only', async () => {
    const page = (call: { url: string }) =>
      call.url.endsWith('/count.json')
        ? jsonResponse(200, { num_items: 3, num_pages: 1, num_items_per_page: 1000 })
        : jsonResponse(200, []);
    const v6 = setup((call) => (call.url.endsWith('users/me.json') ? jsonResponse(200, fixture('users/me.json')) : page(call)), {
      apiVersion: 'v6',
    });
    await v6.client.listPasswords();
    await v6.client.passwordsPage(1, 'access:example.com');
    await v6.client.countMyPasswords();
    await v6.client.me();
    expect(v6.calls.map((c) => [c.url.replace('https://host/tpm/index.php/api/', ''), c.headers['X-Page-Size']])).toEqual([
      ['v6/passwords/count.json', '1000'],
      ['v6/passwords/page/1.json', '1000'],
      ['v6/passwords/search/access%3Aexample.com/page/1.json', '1000'],
      ['v6/my_passwords/count.json', '1000'],
      ['v6/users/me.json', undefined],
    ]);
    const v5 = setup(page, { apiVersion: 'v5' });
    await v5.client.listPasswords();
    expect(v5.calls.map((c) => c.headers['X-Page-Size'])).toEqual([undefined, undefined]);
  });

  it('reports wrong_version when neither version exists, and an explicit version is not probed', async () => {
    const auto = setup(wrongVersion, { apiVersion: 'auto' });
    await expect(auto.client.me()).rejects.toMatchObject({ code: 'wrong_version' });
    const fixed = setup(wrongVersion, { apiVersion: 'v4' });
    await expect(fixed.client.me()).rejects.toMatchObject({ code: 'wrong_version' });
    expect(fixed.calls.map((c) => c.url)).toEqual(['https://host/tpm/index.php/api/v4/users/me.json']);
  });

  it('does not cache a failed detection', async () => {
    let fail = true;
    const { client } = setup(() => (fail ? Promise.reject(new TypeError('offline')) : jsonResponse(200, fixture('version.json'))), {
      apiVersion: 'auto',
      retries: 0,
    });
    await expect(client.apiVersion()).rejects.toMatchObject({ code: 'network' });
    fail = false;
    expect(await client.apiVersion()).toBe('v6');
  });
});

describe('unlock reasons', () => {
  it('sends a UTF-8 reason in X-Unlock-Reason', async () => {
    const { client, calls } = setup(() => jsonResponse(200, fixture('passwords/14.json')));
    await client.getPassword(14, { unlockReason: '  Störung bei Kunde №5 – 🔧 ' });
    const header = calls[0].headers['X-Unlock-Reason'];
    expect(Buffer.from(header, 'latin1').toString('utf8')).toBe('Störung bei Kunde №5 – 🔧');
  });

  it('refuses empty reasons and reasons over 200 characters without sending anything', async () => {
    const { client, calls } = setup(() => jsonResponse(204, null));
    await expect(client.unlockPassword(1, '   ')).rejects.toMatchObject({ code: 'bad_request' });
    await expect(client.unlockPassword(1, 'é'.repeat(201))).rejects.toMatchObject({ code: 'bad_request' });
    expect(calls).toHaveLength(0);
    await client.unlockPassword(1, '€'.repeat(200));
    expect(calls).toHaveLength(1);
  });
});

describe('probes', () => {
  it('reports personal passwords as disabled on 403 from my_passwords/count.json', async () => {
    const off = setup(() => jsonResponse(403, { error: true, message: 'Personal passwords are disabled' }));
    expect(await off.client.myPasswordsEnabled()).toBe(false);
    const on = setup(() => jsonResponse(200, { num_items: 0, num_pages: 0, num_items_per_page: 20 }));
    expect(await on.client.myPasswordsEnabled()).toBe(true);
    const broken = setup(() => jsonResponse(401, { error: true, message: 'nope' }));
    await expect(broken.client.myPasswordsEnabled()).rejects.toMatchObject({ code: 'auth' });
  });

  it('reads the generated password', async () => {
    const { client } = setup(() => jsonResponse(200, fixture('generate_password.json')));
    expect(await client.generatePassword()).toBe('Pt8)Zc7&<Q');
  });
});
