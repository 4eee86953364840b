import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../../src/errors';
import { SyspassClient } from '../../../../src/api/syspass/client';
import { mapRpcError, sendRpc } from '../../../../src/api/syspass/rpc';
import { DEMO_AUTH_TOKEN, DEMO_TOKEN_PASS, READER_AUTH_TOKEN, READER_TOKEN_PASS } from '../../../sim/syspass/seed';
import { startSyspassSim, type SyspassSim } from '../../../sim/syspass/server';
import { clientFor, recordingFetch } from './sim-fixture';

let sim: SyspassSim;

beforeAll(async () => {
  sim = await startSyspassSim({ accounts: 60 });
});
afterAll(() => sim.close());
afterEach(() => {
  sim.faults.clear();
  sim.state.clearTracks();
});

async function failure(p: Promise<unknown>): Promise<AppError> {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('SyspassClient against the simulator', () => {
  it('lists every visible account with normalised fields when count is 0', async () => {
    const rows = await clientFor(sim).listAllAccounts();
    const hidden = [...sim.state.accounts.values()].filter((a) => a.isPrivate === 1 && a.userId !== 1);
    expect(hidden.length).toBeGreaterThan(0); // the seed has other users' private accounts: the admin must not see them
    expect(rows).toHaveLength(60 - hidden.length);
    expect(rows.some((r) => hidden.some((h) => h.id === r.id))).toBe(false);
    const router = rows.find((r) => r.id === 5);
    expect(router).toMatchObject({
      name: 'Home router',
      url: '192.168.1.10',
      clientName: 'Home Lab',
      isPrivate: false,
      passDateChange: 0,
      dateEdit: null,
    });
    expect(typeof router?.isPrivateGroup).toBe('boolean');
  });

  it('searches by text, ids, tags and op like the server', async () => {
    const c = clientFor(sim);
    expect((await c.searchAccounts({ text: 'ROUTER' })).map((r) => r.id)).toContain(5);
    expect((await c.searchAccounts({ count: 2 })).length).toBe(2);
    const both = await c.searchAccounts({ tagsId: [2, 3], op: 'and', count: 0 });
    expect(both.every((r) => r.id !== 2)).toBe(true);
    expect(both.map((r) => r.id)).toContain(6);
    const anyOf = await c.searchAccounts({ categoryId: 2, clientId: 2, op: 'or', count: 0 });
    expect(anyOf.every((r) => r.categoryId === 2 || r.clientId === 2)).toBe(true);
  });

  it('views an account with string flags normalised to booleans', async () => {
    const a = await clientFor(sim).viewAccount(3);
    expect(a).toMatchObject({ id: 3, login: 'alice@example.test', isPrivate: false, userEditName: 'sysPass Admin' });
    expect(a.dateAdd).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
  });

  it('fetches a password', async () => {
    expect(await clientFor(sim).viewPassword(1)).toBe('Alice-Pass-1!');
  });

  it('sends the token password only to viewPass, editPass and create', async () => {
    const rec = recordingFetch();
    const c = clientFor(sim, { fetch: rec.fetch });
    await c.searchAccounts({ text: 'x' });
    await c.viewAccount(2);
    await c.viewPassword(2);
    const created = await c.createAccount({ name: 'Token check', clientId: 1, categoryId: 1, password: 'Tok-1' });
    await c.editAccount(created.id, { notes: 'n' });
    await c.editPassword(created.id, 'Tok-2');
    await c.searchTags();
    for (const b of rec.bodies) {
      const params = b.params as Record<string, unknown>;
      const secured = ['account/viewPass', 'account/editPass', 'account/create'].includes(String(b.method));
      // a secured call goes first without anything but the token (the permission probe), then with tokenPass
      if (secured && !('tokenPass' in params)) expect(Object.keys(params), String(b.method)).toEqual(['authToken']);
      else expect('tokenPass' in params, String(b.method)).toBe(secured);
      expect(Number.isInteger(b.id)).toBe(true);
    }
  });

  it('creates an account and reads it back', async () => {
    const c = clientFor(sim);
    const a = await c.createAccount({
      name: 'New site',
      clientId: 2,
      categoryId: 1,
      login: 'neo',
      url: 'https://new.example.test',
      password: 'P@ss-new',
      tagsId: [1],
    });
    expect(a).toMatchObject({ name: 'New site', login: 'neo', clientName: 'Home Lab', countView: 0 });
    expect(await c.viewPassword(a.id)).toBe('P@ss-new');
    expect((await c.searchAccounts({ tagsId: [1], text: 'new.example', count: 0 })).map((r) => r.id)).toEqual([a.id]);
  });

  it('edits one field without blanking the others (full replace on the server)', async () => {
    const c = clientFor(sim);
    const a = await c.createAccount({
      name: 'Edit me',
      clientId: 1,
      categoryId: 2,
      login: 'keep.login',
      url: 'keep.example.test',
      notes: 'keep notes',
      password: 'x1',
      expireDate: 1900000000,
      isPrivate: true,
    });
    const edited = await c.editAccount(a.id, { name: 'Edited' });
    expect(edited).toMatchObject({
      name: 'Edited',
      login: 'keep.login',
      url: 'keep.example.test',
      notes: 'keep notes',
      passDateChange: 1900000000,
      isPrivate: true,
      categoryId: 2,
    });
  });

  it('keeps the expiry when changing a password unless told otherwise', async () => {
    const c = clientFor(sim);
    const a = await c.createAccount({ name: 'Expiring', clientId: 1, categoryId: 1, password: 'one', expireDate: 1900000000 });
    expect((await c.editPassword(a.id, 'two')).passDateChange).toBe(1900000000);
    expect(await c.viewPassword(a.id)).toBe('two');
    expect((await c.editPassword(a.id, 'three', { expireDate: 0 })).passDateChange).toBe(0);
  });

  it('refuses passwords and fields the server would alter, unless the user accepted it, and reads back the result', async () => {
    const c = clientFor(sim);
    const rec = recordingFetch();
    const counted = clientFor(sim, { fetch: rec.fetch });
    expect((await failure(counted.editPassword(1, '  spaced  '))).code).toBe('would_alter');
    expect((await failure(counted.editPassword(1, 'Intra < new 2'))).code).toBe('would_alter');
    expect((await failure(counted.createAccount({ name: 'x', clientId: 1, categoryId: 1, password: ' lead' }))).code).toBe('would_alter');
    expect((await failure(counted.createAccount({ name: 'Tom < Jerry', clientId: 1, categoryId: 1, password: 'ok' }))).code).toBe(
      'would_alter',
    );
    expect(rec.bodies).toEqual([]); // refused before anything was sent
    const a = await c.createAccount({ name: 'Tagged pass', clientId: 1, categoryId: 1, password: 'a<b>c' });
    expect(await c.viewPassword(a.id)).toBe('a<b>c'); // create keeps markup in the password
    await c.editPassword(a.id, 'a<b>c', { accept: { password: true } });
    expect(await c.viewPassword(a.id)).toBe('ac'); // editPass strips it, as predicted and read back
    const named = await c.createAccount({ name: 'Tom < Jerry', clientId: 1, categoryId: 1, password: 'ok' }, { accept: { fields: true } });
    expect(named.name).toBe('Tom ');
  });

  it('refuses values over the column sizes and characters the tables cannot hold, naming the limit', async () => {
    const rec = recordingFetch();
    const c = clientFor(sim, { fetch: rec.fetch });
    const base = { clientId: 1, categoryId: 1, password: 'ok' };
    expect(await failure(c.createAccount({ ...base, name: 'N'.repeat(101) }))).toMatchObject({
      code: 'too_long',
      message: 'The name is 101 characters long; sysPass stores at most 100.',
    });
    expect((await failure(c.createAccount({ ...base, name: 'ok', login: 'l'.repeat(51) }))).code).toBe('too_long');
    expect((await failure(c.createAccount({ ...base, name: 'ok', url: 'u'.repeat(256) }))).code).toBe('too_long');
    expect((await failure(c.createAccount({ ...base, name: 'ok', notes: 'é'.repeat(32_768) }))).message).toBe(
      'The notes are 65536 bytes long; sysPass stores at most 65535.',
    );
    expect((await failure(c.createAccount({ ...base, name: 'ok', password: `${'1234567890'.repeat(41)}1234567` }))).message).toContain(
      '417 bytes',
    );
    expect((await failure(c.editPassword(1, 'é'.repeat(209), { expireDate: 0 }))).code).toBe('too_long');
    expect(await failure(c.createAccount({ ...base, name: 'Key 🔑' }))).toMatchObject({
      code: 'unstorable',
      message: expect.stringContaining('🔑'),
    });
    expect(rec.bodies).toEqual([]);
    // at the limits, accepted: characters for varchar, bytes for notes and the password; emoji in passwords
    const ok = clientFor(sim);
    const big = await ok.createAccount({ ...base, name: 'é'.repeat(100), notes: `${'é'.repeat(32_767)}a`, password: 'é'.repeat(208) });
    expect(big.name).toBe('é'.repeat(100));
    await ok.editPassword(big.id, 'Pässwörd-🔑-neu', { expireDate: 0 });
    expect(await ok.viewPassword(big.id)).toBe('Pässwörd-🔑-neu');
  });

  it('reports a read-back that differs from what was predicted as altered, never as saved', async () => {
    // A server that changes values in a way the client does not know (as if its filter were patched).
    let tamper: ((method: string) => void) | undefined;
    const c = clientFor(sim, {
      fetch: async (input, init) => {
        const res = await fetch(input, init);
        const body = JSON.parse(String(init.body)) as { method: string; params: Record<string, unknown> };
        if (body.params.tokenPass !== undefined || body.method === 'account/edit') tamper?.(body.method);
        return res;
      },
    });
    const a = await c.createAccount({ name: 'Read back', clientId: 1, categoryId: 1, password: 'Before-1' });
    const row = sim.state.accounts.get(a.id)!;
    tamper = (method) => method === 'account/editPass' && (row.pass = 'After-');
    expect(await failure(c.editPassword(a.id, 'After-2', { expireDate: 0 }))).toMatchObject({ code: 'altered' });
    tamper = (method) => method === 'account/edit' && (row.notes = 'trimmed');
    expect(await failure(c.editAccount(a.id, { notes: 'full notes' }))).toMatchObject({
      code: 'altered',
      message: expect.stringContaining('notes'),
    });
    tamper = (method) => {
      if (method !== 'account/create') return;
      const created = [...sim.state.accounts.values()].at(-1)!;
      created.name = 'Other name';
    };
    expect(await failure(c.createAccount({ name: 'Read back 2', clientId: 1, categoryId: 1, password: 'p' }))).toMatchObject({
      code: 'altered',
    });
  });

  it('refuses an edit that asks to clear tags', async () => {
    expect((await failure(clientFor(sim).editAccount(1, { tagsId: [] }))).code).toBe('bad_request');
  });

  it('lists categories, clients and tags despite count 0 returning nothing on the server', async () => {
    const c = clientFor(sim);
    expect((await c.searchCategories()).length).toBe(12);
    const clients = await c.searchClients();
    expect(clients.length).toBe(20);
    expect(clients[0]).toMatchObject({ name: 'Acme Corp', isGlobal: false });
    expect((await c.searchTags('pro')).map((t) => t.name)).toEqual(['prod']);
  });

  it('pages item searches when a page comes back full', async () => {
    for (let i = 0; i < 1_005; i++) sim.state.tags.set(1000 + i, { id: 1000 + i, name: `bulk-${i}` });
    try {
      expect((await clientFor(sim).searchTags('bulk')).length).toBe(1_005);
    } finally {
      for (let i = 0; i < 1_005; i++) sim.state.tags.delete(1000 + i);
    }
  });
});

describe('SyspassClient errors', () => {
  it('maps an unknown token to auth', async () => {
    const c = clientFor(sim, { authToken: '0'.repeat(64) });
    const e = await failure(c.searchAccounts());
    expect(e.code).toBe('auth');
  });

  it('maps a token without the action to forbidden and an unknown one to auth; never a counted failure', async () => {
    const unknown = clientFor(sim, { authToken: 'f'.repeat(64) });
    expect((await failure(unknown.createAccount({ name: 'no', clientId: 1, categoryId: 1, password: 'p' }))).code).toBe('auth');
    const reader = clientFor(sim, { authToken: READER_AUTH_TOKEN, tokenPassword: READER_TOKEN_PASS });
    expect(await failure(reader.createAccount({ name: 'no', clientId: 1, categoryId: 1, password: 'p' }))).toMatchObject({
      code: 'forbidden',
      message: expect.stringContaining('may not use account/create'),
    });
    const forbidden = await failure(reader.searchAccounts().then(() => reader.editAccount(1, { notes: 'x' })));
    expect(forbidden).toMatchObject({ code: 'forbidden', message: expect.stringContaining('may not use account/edit') });
    expect((await failure(reader.createAccount({ name: 'no', clientId: 1, categoryId: 1, password: 'p' }))).code).toBe('forbidden');
    expect(sim.state.recentFailures('127.0.0.1') + sim.state.recentFailures('::ffff:127.0.0.1')).toBe(0);
  });

  it('maps a wrong token password to token_password, counted once and never retried', async () => {
    const rec = recordingFetch();
    const c = clientFor(sim, { tokenPassword: 'wrong', fetch: rec.fetch });
    const e = await failure(c.viewPassword(1));
    expect(e.code).toBe('token_password');
    // the probe without tokenPass first (not counted), then the call; no second attempt with the password
    expect(rec.bodies.filter((b) => (b.params as Record<string, unknown>).tokenPass !== undefined)).toHaveLength(1);
    const failures = [...sim.state.tracks.values()].reduce((n, l) => n + l.length, 0);
    expect(failures).toBe(1);
  });

  it('maps a missing account to not_found (view, viewPass, edit, editPass)', async () => {
    const c = clientFor(sim);
    expect((await failure(c.viewAccount(99_999))).code).toBe('not_found');
    expect((await failure(c.viewPassword(99_999))).code).toBe('not_found');
    expect((await failure(c.editAccount(99_999, { name: 'x' }))).code).toBe('not_found');
    expect((await failure(c.editPassword(99_999, 'x', { expireDate: 0 }))).code).toBe('not_found');
  });

  it('maps -32602 to missing_param with the help and -32601 to unknown_method', async () => {
    const t = { endpoint: `${sim.url}/api.php`, fetch: (i: string, init: RequestInit) => fetch(i, init), timeoutMs: 5_000 };
    const missing = await sendRpc(t, 'account/view', { authToken: DEMO_AUTH_TOKEN }, 3);
    expect(missing.ok).toBe(false);
    if (missing.ok) return;
    const e = mapRpcError(missing.error);
    expect(e.code).toBe('missing_param');
    expect(e.details.help).toBe('id (required): Account Id');
    const unknown = await sendRpc(t, 'account/frobnicate', { authToken: DEMO_AUTH_TOKEN }, 4);
    expect(!unknown.ok && unknown.error.status).toBe(404);
    if (!unknown.ok) expect(mapRpcError(unknown.error).code).toBe('unknown_method');
  });

  it('maps a non-JSON body, an empty body and a truncated body to invalid_response', async () => {
    const c = clientFor(sim);
    for (const body of ['html', 'empty', 'truncated', 'garbage'] as const) {
      sim.faults.add({ match: 'account/view', body, times: 2 });
      expect((await failure(c.viewAccount(1))).code, body).toBe('invalid_response');
      sim.faults.clear();
    }
  });

  it('maps a 5xx without a JSON-RPC body to server', async () => {
    sim.faults.add({ match: 'account/search', status: 502, times: 2 });
    expect((await failure(clientFor(sim).searchAccounts())).code).toBe('server');
  });

  it('times out on a hanging server', async () => {
    sim.faults.add({ match: 'account/viewPass', hang: true, times: 1 });
    expect((await failure(clientFor(sim, { timeoutMs: 300 }).viewPassword(1))).code).toBe('timeout');
  });

  it('reports a network error, retrying a read-only call once but never a write', async () => {
    sim.faults.add({ match: 'account/search', drop: true, times: 1 });
    expect((await clientFor(sim).searchAccounts({ count: 1 })).length).toBe(1);
    sim.faults.add({ match: 'account/viewPass', drop: true, times: 1 });
    expect((await failure(clientFor(sim).viewPassword(1))).code).toBe('network');
    const down = new SyspassClient({
      baseUrl: 'http://127.0.0.1:1',
      authToken: DEMO_AUTH_TOKEN,
      tokenPassword: DEMO_TOKEN_PASS,
      fetch: (i, init) => fetch(i, init),
    });
    expect((await failure(down.searchAccounts())).code).toBe('network');
  });

  it('accepts base URLs with index.php or api.php', async () => {
    for (const base of [`${sim.url}/index.php`, `${sim.url}/api.php`, `${sim.url}/`]) {
      expect((await clientFor(sim, { baseUrl: base }).searchAccounts({ count: 1 })).length).toBe(1);
    }
  });
});
