import { request } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_AUTH_TOKEN, DEMO_TOKEN_PASS, READER_AUTH_TOKEN, READER_TOKEN_PASS } from '../../../sim/syspass/seed';
import { startSyspassSim, type SyspassSim } from '../../../sim/syspass/server';
import { rawPost, rpcBody } from './sim-fixture';

let sim: SyspassSim;
let clock = Date.now();
beforeAll(async () => {
  sim = await startSyspassSim({ accounts: 300, sleep: async () => undefined, clock: () => clock });
});
afterAll(() => sim.close());
afterEach(() => {
  sim.state.clearTracks();
  sim.faults.clear();
});

/** Posts from another loopback address (the whole 127/8 is local on Linux). */
function postFrom(localAddress: string, body: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: sim.port,
        path: '/api.php',
        method: 'POST',
        localAddress,
        headers: { 'Content-Type': 'application/json' },
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString('utf8')));
        res.on('end', () => resolve(text));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function call(method: string, params: Record<string, unknown>, token = DEMO_AUTH_TOKEN) {
  const res = await rawPost(sim, rpcBody(method, { authToken: token, ...params }, 5));
  return {
    status: res.status,
    headers: res.headers,
    json: res.text
      ? (JSON.parse(res.text) as {
          result?: { result: any; count: number | null; itemId: number };
          error?: { code: number; message: string; data: unknown };
        })
      : undefined,
    text: res.text,
  };
}

describe('sysPass simulator', () => {
  it('applies visibility rules for a non-admin token', async () => {
    const rows = (await call('account/search', { count: 0 }, READER_AUTH_TOKEN)).json!.result!.result as Array<{
      id: number;
      userId: number;
      userGroupId: number;
      isPrivate: number;
    }>;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.userId === 2 || r.userGroupId === 2)).toBe(true);
    // account 1 is the admin's: not searchable, not decryptable, but view skips the ACL (as on the real server)
    expect(rows.some((r) => r.id === 1)).toBe(false);
    const pass = await call('account/viewPass', { id: 1, tokenPass: READER_TOKEN_PASS }, READER_AUTH_TOKEN);
    expect(pass.json!.error).toEqual({ message: 'Account not found', code: 0, data: null });
    expect((await call('account/view', { id: 1 }, READER_AUTH_TOKEN)).json!.result!.result.name).toBe('Example login');
  });

  it('hides private accounts of other users even from admins', async () => {
    const priv = [...sim.state.accounts.values()].find((a) => a.isPrivate === 1 && a.userId !== 1);
    expect(priv).toBeDefined();
    const ids = ((await call('account/search', { count: 0 })).json!.result!.result as Array<{ id: number }>).map((r) => r.id);
    expect(ids).not.toContain(priv!.id);
  });

  it('counts only wrong token passwords (and refused calls) towards the lockout, per IP', async () => {
    await call('account/search', {}, '0'.repeat(64));
    await call('account/delete', { id: 1 }, READER_AUTH_TOKEN);
    expect(sim.state.recentFailures('127.0.0.1')).toBe(0);
    for (let i = 0; i < 10; i++) await call('account/viewPass', { id: 1, tokenPass: 'nope' });
    const locked = await call('account/search', {}, '0'.repeat(64));
    expect(locked.status).toBe(200);
    expect(locked.json!.error).toEqual({ message: 'Attempts exceeded', code: -32603, data: null });
    expect(sim.state.recentFailures('127.0.0.1')).toBe(11);
    // X-Forwarded-For does not change the client's address (recorded); another address is not locked
    const proxied = await rawPost(sim, rpcBody('account/search', { authToken: DEMO_AUTH_TOKEN, count: 1 }), {
      'X-Forwarded-For': '10.1.2.3',
    });
    expect(JSON.parse(proxied.text).error.message).toBe('Attempts exceeded');
    const other = await postFrom('127.0.0.2', rpcBody('account/search', { authToken: DEMO_AUTH_TOKEN, count: 1 }));
    expect(JSON.parse(other).result.count).toBe(1);
    // the window is 600 s
    clock += 601_000;
    expect((await call('account/search', { count: 1 })).json!.result!.count).toBe(1);
  });

  it('answers CORS like sysPass: no preflight, allowed origin = http:// + Host', async () => {
    const pre = await fetch(`${sim.url}/api.php`, {
      method: 'OPTIONS',
      headers: { Origin: 'chrome-extension://x', 'Access-Control-Request-Method': 'POST' },
    });
    expect(pre.status).toBe(200);
    expect(pre.headers.get('allow')).toBe('POST, GET');
    expect([...pre.headers.keys()].some((k) => k.startsWith('access-control-'))).toBe(false);
    const post = await rawPost(sim, rpcBody('account/search', { authToken: DEMO_AUTH_TOKEN, count: 1 }), {
      Origin: 'chrome-extension://x',
    });
    expect(post.headers.get('access-control-allow-origin')).toBe(`http://127.0.0.1:${sim.port}`);
    const get = await fetch(`${sim.url}/api.php`);
    expect(get.status).toBe(404);
    expect(await get.text()).toBe('Oops, it looks like this content does not exist...');
  });

  it('orders by client name then name, treats _ as a wildcard and ORs every filter with op "or"', async () => {
    const rows = (await call('account/search', { count: 0 })).json!.result!.result as Array<{ clientName: string; name: string }>;
    for (let i = 1; i < rows.length; i++) {
      const a = rows[i - 1];
      const b = rows[i];
      const c = a.clientName.toLowerCase().localeCompare(b.clientName.toLowerCase(), 'en');
      expect(c <= 0 || a.clientName.normalize('NFD') > b.clientName.normalize('NFD')).toBe(true);
    }
    expect((await call('account/search', { text: '_', count: 0 })).json!.result!.count).toBe(rows.length);
    expect((await call('account/search', { text: '\\_', count: 0 })).json!.result!.count).toBeLessThan(rows.length);
    const desc = (await call('account/search', { count: 0, order: 1 })).json!.result!.result as Array<{ id: number }>;
    expect(desc[0].id).toBe((rows.at(-1) as unknown as { id: number }).id);
  });

  it('reads integers loosely, answers an id that is not an integer with 1, and 404s a scalar tagsId with an empty body', async () => {
    expect((await call('account/view', { id: '2abc' })).json!.result!.itemId).toBe(2);
    expect((await call('account/view', { id: 'abc' })).json!.error!.message).toBe("The account doesn't exist");
    const odd = await rawPost(sim, rpcBody('tag/search', { authToken: DEMO_AUTH_TOKEN, count: 1 }, 'req-42'));
    expect(JSON.parse(odd.text).id).toBe(1);
    const bad = await call('account/search', { tagsId: 3 });
    expect(bad.status).toBe(404);
    expect(bad.text).toBe('');
  });

  it('stores create and editPass passwords differently and keeps tags on an edit without tagsId', async () => {
    const created = await call('account/create', {
      tokenPass: DEMO_TOKEN_PASS,
      name: ' A <b>b</b> ',
      clientId: 1,
      categoryId: 1,
      pass: '  x<y>z  ',
      tagsId: [4],
    });
    const id = created.json!.result!.itemId;
    expect(created.json!.result!.result.name).toBe('A b');
    expect((await call('account/viewPass', { id, tokenPass: DEMO_TOKEN_PASS })).json!.result!.result.password).toBe('x<y>z');
    await call('account/editPass', { id, tokenPass: DEMO_TOKEN_PASS, pass: '  x<y>z  ' });
    expect((await call('account/viewPass', { id, tokenPass: DEMO_TOKEN_PASS })).json!.result!.result.password).toBe('xz');
    await call('account/edit', { id, name: 'A b', clientId: 1, categoryId: 1, tagsId: [] });
    const tagged = (await call('account/search', { tagsId: [4], count: 0 })).json!.result!.result as Array<{ id: number }>;
    expect(tagged.map((r) => r.id)).toContain(id);
  });

  it('applies faults per JSON-RPC method', async () => {
    sim.faults.add({ match: 'POST /api.php account/viewPass', status: 503 });
    expect((await call('account/search', { count: 1 })).status).toBe(200);
    expect((await call('account/viewPass', { id: 1, tokenPass: DEMO_TOKEN_PASS })).status).toBe(503);
  });
});

describe('sysPass simulator with 10,000 accounts', () => {
  // Its speed is not a test's business (it varies with the machine's load); `npm run bench` syncs 10,000 accounts.
  it('answers text searches with matching rows, at most `count` of them', async () => {
    const big = await startSyspassSim({ accounts: 10_000 });
    try {
      for (const text of ['portal', 'acme', '10.', 'zz-none', 'git_']) {
        const res = await rawPost(big, rpcBody('account/search', { authToken: DEMO_AUTH_TOKEN, text, count: 50 }));
        expect(res.status).toBe(200);
        const rows = (JSON.parse(res.text) as { result: { result: Array<{ name: string; login: string; url: string; notes: string }> } })
          .result.result;
        expect(rows.length).toBeLessThanOrEqual(50);
        if (text === 'zz-none') expect(rows).toEqual([]);
        else expect(rows.length, text).toBeGreaterThan(0);
        // MySQL's LIKE: `_` is any one character.
        const like = new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/_/g, '.'), 'i');
        for (const row of rows)
          expect(
            [row.name, row.login, row.url, row.notes].some((field) => like.test(field)),
            `${text}: ${row.name}`,
          ).toBe(true);
      }
    } finally {
      await big.close();
    }
  });
});
