import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../../src/errors';
import { DEMO_USERS } from '../../../sim/tpm/seed';
import { startTpmSim, type TpmSim } from '../../../sim/tpm/server';
import { totp } from '../../../sim/tpm/totp';
import { simClient, type AuthKind } from './sim-helpers';

let sim: TpmSim;
beforeAll(async () => {
  sim = await startTpmSim({ entries: 150, version: 'all' });
});
afterAll(() => sim.close());

const alice = () => sim.state.userByName('alice')!;
const ids = (items: { id: number }[]) => items.map((i) => i.id);

describe.each([
  ['v6', 'basic'],
  ['v6', 'hmac'],
  ['v5', 'basic'],
  ['v5', 'hmac'],
  ['v4', 'basic'],
  ['v4', 'hmac'],
] as const)('TpmClient on API %s with %s auth', (version, kind: AuthKind) => {
  const client = () => simClient(sim.url, DEMO_USERS.normal, kind, { apiVersion: version }).client;

  it('reads version and the signed-in user', async () => {
    expect((await client().version()).apiVersion).toBe(Number(version.slice(1)));
    expect(await client().me()).toMatchObject({
      username: 'alice',
      role: 'Normal user',
      readOnly: false,
      groups: [{ id: 1, name: 'Web team' }],
    });
  });

  it('lists all active passwords the user can see, by count + parallel pages and by Link headers', async () => {
    const expected = ids(sim.state.view(alice()).active);
    expect(expected.length).toBeGreaterThan(40); // several pages of 20
    expect(ids(await client().listPasswords())).toEqual(expected);
    expect(ids(await client().listPasswords({ strategy: 'links' }))).toEqual(expected);
  });

  it('marks v5 fields present from v5 on', async () => {
    const [first] = await client().listPasswords();
    expect(first.hasPassword).toBe(version !== 'v4' ? true : undefined);
    expect(first.projectArchived).toBe(version !== 'v4' ? false : undefined);
  });

  it('lists archived and favorite passwords', async () => {
    const archived = await client().listArchivedPasswords();
    expect(ids(archived)).toContain(sim.state.demo.archivedId);
    expect(archived.every((p) => p.archived)).toBe(true);
    const favorites = await client().listFavoritePasswords();
    expect(ids(favorites)).toContain(sim.state.demo.multiUrlId);
    expect(favorites.every((p) => p.favorite)).toBe(true);
  });

  it('searches with operators, across pages', async () => {
    const results = await client().searchPasswords('access:github is:active');
    expect(results.length).toBeGreaterThan(0);
    expect(results.every((p) => p.accessInfo?.toLowerCase().includes('github') && !p.archived)).toBe(true);
    expect(ids(results)).toEqual(ids(sim.state.searchPasswords(alice(), 'access:github is:active')));
    const many = await client().searchPasswords('is:active', { strategy: 'links' });
    expect(many.length).toBe(sim.state.view(alice()).active.length);
  });

  it('shows a password with normalised custom fields and the current OTP code', async () => {
    const before = Date.now();
    const p = await client().getPassword(sim.state.demo.otpId);
    const codes = [totp(sim.state.demo.otpSecret, before), totp(sim.state.demo.otpSecret, Date.now())];
    expect(p.customFields[0]).toMatchObject({ index: 1, kind: 'otp', label: '2FA code', secret: true });
    expect(codes).toContain(p.customFields[0].value);
    expect(p.customFields[1]).toMatchObject({ kind: 'encrypted_text', value: 'a1b2-c3d4 e5f6-g7h8' });
    expect(p).toMatchObject({ project: { id: sim.state.demo.sharedProjectId }, parents: [sim.state.demo.sharedProjectId], numFiles: 0 });
    const multi = await client().getPassword(sim.state.demo.multiUrlId);
    expect(multi.urls).toEqual(['https://mail.acme.com', 'https://webmail.acme.com/login', 'intranet']);
    const enc = await client().getPassword(sim.state.demo.encryptedId);
    expect(enc.customFields.map((f) => f.kind)).toEqual(['encrypted_notes', 'password', 'text']);
  });

  it('opens a reason-locked password only with a UTF-8 reason, and never a permission-locked one', async () => {
    const id = sim.state.demo.lockedReasonId;
    await expect(client().getPassword(id)).rejects.toMatchObject({ code: 'locked_reason' });
    const reason = `Störung ${version}/${kind} – Kunde №7 🔧`;
    const p = await client().getPassword(id, { unlockReason: reason });
    expect(p).toMatchObject({ locked: true, locking: 'reason' });
    expect(sim.state.unlockLog.at(-1)).toEqual({ userId: alice().id, passwordId: id, reason });
    await expect(client().getPassword(sim.state.demo.lockedPermissionId, { unlockReason: 'please' })).rejects.toMatchObject({
      code: 'locked_permission',
    });
    const listed = (await client().listPasswords()).find((x) => x.id === sim.state.demo.lockedPermissionId);
    expect(listed).toMatchObject({ locked: true, locking: version !== 'v4' ? 'permission' : 'reason' });
  });

  it('creates, updates, locks and unlocks a password', async () => {
    const c = client();
    const id = await c.createPassword(sim.state.demo.sharedProjectId, {
      name: `Router ${version} ${kind}`,
      accessInfo: '10.0.0.1:8443, http://router',
      tags: ['net', 'lab'],
      password: 'pä55-wörd',
      customData: { 1: 'rack 7' },
    });
    expect(await c.getPassword(id)).toMatchObject({
      name: `Router ${version} ${kind}`,
      urls: ['10.0.0.1:8443', 'http://router'],
      tags: ['net', 'lab'],
      password: 'pä55-wörd',
      customFields: [{ index: 1, value: 'rack 7' }],
    });
    await c.updatePassword(id, { username: 'netadmin', notes: 'Changed', expiryDate: '2099-01-01' });
    expect(await c.getPassword(id)).toMatchObject({
      username: 'netadmin',
      notes: 'Changed',
      expiryDate: '2099-01-01',
      expiryStatus: 'none',
    });
    await c.lockPassword(id);
    await expect(c.getPassword(id)).rejects.toMatchObject({ code: 'locked_reason' });
    await c.unlockPassword(id, 'Wartungsfenster – ok');
    expect((await c.getPassword(id)).locking).toBe('none');
  });

  it('reads and writes personal passwords', async () => {
    const c = client();
    const own = [...sim.state.myPasswords.values()].filter((p) => p.ownerId === alice().id);
    expect((await c.listMyPasswords()).length).toBe(own.length);
    const id = await c.createMyPassword({
      name: `Bank ${version} ${kind}`,
      accessInfo: 'https://bank.example',
      username: 'me',
      password: 's3cret',
    });
    expect(await c.getMyPassword(id)).toMatchObject({
      id,
      name: `Bank ${version} ${kind}`,
      urls: ['https://bank.example'],
      password: 's3cret',
    });
    await c.updateMyPassword(id, { email: 'me@example.org' });
    expect((await c.getMyPassword(id)).email).toBe('me@example.org');
    expect(ids(await c.searchMyPasswords(`name:"bank ${version} ${kind}"`))).toEqual([id]);
    expect(await c.myPasswordsEnabled()).toBe(true);
  });

  it('reads projects, the project tree and a project’s passwords', async () => {
    const c = client();
    const projects = await c.listProjects();
    expect(ids(projects)).toContain(sim.state.demo.sharedProjectId);
    const shared = await c.getProject(sim.state.demo.sharedProjectId);
    expect(shared).toMatchObject({ name: 'Shared services', parentId: 0, parents: [], userCanCreatePasswords: true, favorite: true });
    const roots = await c.listSubprojects(0);
    expect(roots.map((n) => n.name)).toContain('Infrastructure');
    const pick = await c.listNewPasswordProjects(0);
    expect(pick.find((n) => n.name === 'Infrastructure')).toMatchObject({ disabled: true, hasChildren: true });
    expect(pick.find((n) => n.name === 'Shared services')).toMatchObject({ disabled: false });
    const infra = pick.find((n) => n.name === 'Infrastructure')!;
    const children = await c.listSubprojects(infra.id);
    expect(children.map((n) => n.name)).toEqual(['Databases', 'Network', 'Servers']); // Firewalls: no access
    const inShared = await c.listProjectPasswords(sim.state.demo.sharedProjectId);
    expect(inShared.every((p) => p.project?.id === undefined && p.project?.name === 'Shared services')).toBe(true);
    expect(ids(inShared)).toEqual(ids(sim.state.view(alice()).byProject.get(sim.state.demo.sharedProjectId)!));
    expect(ids(await c.listFavoriteProjects())).toContain(sim.state.demo.sharedProjectId);
    expect((await c.searchProjects('shared')).map((p) => p.name)).toEqual(['Shared services']);
  });

  it('sets and unsets favorites', async () => {
    const c = client();
    const target = sim.state.view(alice()).active.find((p) => !p.favoriteOf.has(alice().id))!;
    await c.setFavoritePassword(target.id);
    expect(ids(await c.listFavoritePasswords())).toContain(target.id);
    await c.unsetFavoritePassword(target.id);
    expect(ids(await c.listFavoritePasswords())).not.toContain(target.id);
    const project = (await c.listProjects()).find((p) => !p.favorite)!;
    await c.setFavoriteProject(project.id);
    expect((await c.getProject(project.id)).favorite).toBe(true);
    await c.unsetFavoriteProject(project.id);
    expect((await c.getProject(project.id)).favorite).toBe(false);
  });

  it('generates passwords', async () => {
    const a = await client().generatePassword();
    expect(a).toMatch(/^.{16}$/);
    expect(await client().generatePassword()).not.toBe(a);
  });

  it('reports unknown ids and hidden projects as not_found', async () => {
    await expect(client().getPassword(999_999)).rejects.toMatchObject({ code: 'not_found' });
    const firewalls = [...sim.state.projects.values()].find((p) => p.name === 'Firewalls')!;
    await expect(client().getProject(firewalls.id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(client().getMyPassword(999_999)).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('roles, switches and auth failures', () => {
  it('lets a read-only user read but not create', async () => {
    const { client } = simClient(sim.url, DEMO_USERS.readOnly, 'hmac');
    expect((await client.me()).readOnly).toBe(true);
    expect((await client.listPasswords()).length).toBe(sim.state.view(sim.state.userByName('reader')!).active.length);
    await expect(client.createPassword(sim.state.demo.sharedProjectId, { name: 'x' })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(client.createMyPassword({ name: 'x' })).rejects.toMatchObject({ code: 'forbidden' });
    expect((await client.listNewPasswordProjects(0)).every((n) => n.disabled)).toBe(true);
  });

  it('lets the admin see everything', async () => {
    const { client } = simClient(sim.url, DEMO_USERS.admin, 'basic');
    const all = [...sim.state.passwords.values()].filter((p) => !p.archived).length;
    expect((await client.listPasswords()).length).toBe(all);
  });

  it('rejects wrong credentials, foreign keys and stale HMAC timestamps as auth errors', async () => {
    const bad = simClient(sim.url, { ...DEMO_USERS.normal, password: 'wrong' }, 'basic').client;
    await expect(bad.me()).rejects.toMatchObject({ code: 'auth', message: 'Incorrect username or password.' });
    const badKey = simClient(sim.url, { ...DEMO_USERS.normal, privateKey: DEMO_USERS.admin.privateKey }, 'hmac').client;
    await expect(badKey.me()).rejects.toMatchObject({ code: 'auth', message: 'Invalid request hash.' });
    const skewed = simClient(sim.url, DEMO_USERS.normal, 'hmac', { now: () => Date.now() - 10 * 60_000 }).client;
    await expect(skewed.me()).rejects.toMatchObject({ code: 'auth', details: { help: expect.stringMatching(/clock/) } });
  });

  it('honours the allowed auth methods', async () => {
    sim.state.settings.authMethods = 'hmac';
    try {
      await expect(simClient(sim.url, DEMO_USERS.normal, 'basic').client.me()).rejects.toMatchObject({ code: 'auth' });
      await expect(simClient(sim.url, DEMO_USERS.normal, 'hmac').client.me()).resolves.toMatchObject({ username: 'alice' });
    } finally {
      sim.state.settings.authMethods = 'both';
    }
  });

  it('reports a disabled API and disabled personal passwords', async () => {
    const { client } = simClient(sim.url, DEMO_USERS.normal, 'basic', { apiVersion: 'v5' });
    sim.state.settings.personalPasswordsEnabled = false;
    try {
      await expect(client.listMyPasswords()).rejects.toMatchObject({
        code: 'personal_disabled',
        message: 'Personal passwords are disabled',
      });
      expect(await client.myPasswordsEnabled()).toBe(false);
      expect((await client.listPasswords()).length).toBeGreaterThan(0);
    } finally {
      sim.state.settings.personalPasswordsEnabled = true;
    }
    sim.state.settings.apiEnabled = false;
    try {
      await expect(client.me()).rejects.toMatchObject({ code: 'api_disabled', message: 'API access is disabled' });
    } finally {
      sim.state.settings.apiEnabled = true;
    }
  });

  it('reports unsupported_media when the JSON content type is missing', async () => {
    const { TpmClient } = await import('../../../../src/api/tpm/client');
    const client = new TpmClient({
      baseUrl: sim.url,
      auth: { kind: 'basic', username: 'alice', password: DEMO_USERS.normal.password },
      apiVersion: 'v5',
      fetch: (url, init) => {
        const headers = { ...(init.headers as Record<string, string>) };
        delete headers['Content-Type'];
        return fetch(url, { ...init, headers });
      },
    });
    await expect(client.me()).rejects.toMatchObject({ code: 'unsupported_media', details: { status: 415 } });
  });
});

describe('API version detection', () => {
  it.each([
    ['v4', 'v4'],
    ['v5', 'v5'],
    ['both', 'v5'],
    ['v6', 'v6'],
    ['all', 'v6'],
  ] as const)('picks %s → %s', async (offered, expected) => {
    const only = await startTpmSim({ entries: 20, version: offered });
    try {
      const { client, requests } = simClient(only.url, DEMO_USERS.normal, 'hmac');
      expect((await client.me()).username).toBe('alice');
      expect(await client.apiVersion()).toBe(expected);
      expect(requests.at(-1)!.url).toContain(`/api/${expected}/users/me.json`);
    } finally {
      await only.close();
    }
  });

  it('reports wrong_version for a fixed version the server lacks', async () => {
    const v4 = await startTpmSim({ entries: 20, version: 'v4' });
    try {
      const error = await simClient(v4.url, DEMO_USERS.normal, 'basic', { apiVersion: 'v5' })
        .client.me()
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: 'wrong_version', message: expect.stringContaining('Controller does not exist.') });
    } finally {
      await v4.close();
    }
  });

  it("reads a v6 list in pages of the asked size, or of the server's limit when that is smaller", async () => {
    const v6 = await startTpmSim({ entries: 600, version: 'all', maxPageSize: 100 });
    try {
      const expected = [...v6.state.view(v6.state.userByName('alice')!).active].map((p) => p.id);
      expect(expected.length).toBeGreaterThan(200);
      const pagesRead = () => v6.faults.log.filter((k) => /passwords\/page\/\d+\.json$/.test(k)).length;
      const asks = [
        [1_000, Math.ceil(expected.length / 100)],
        [50, Math.ceil(expected.length / 50)],
      ] as const;
      for (const [pageSize, pages] of asks) {
        v6.faults.log.length = 0;
        const { client } = simClient(v6.url, DEMO_USERS.normal, 'basic', { apiVersion: 'v6', pageSize });
        expect(ids(await client.listPasswords())).toEqual(expected);
        expect(pagesRead()).toBe(pages);
        v6.faults.log.length = 0;
        expect(ids(await client.listPasswords({ strategy: 'links' }))).toEqual(expected);
        expect(pagesRead()).toBe(pages - 1); // the first page is the bare list
      }
    } finally {
      await v6.close();
    }
  });

  it('gives v6 its Link relations: next, prev, first, last, self', async () => {
    const res = await fetch(`${sim.url}/index.php/api/v6/passwords/page/2.json`, {
      headers: {
        'Content-Type': 'application/json',
        Authorization: `Basic ${Buffer.from(`${DEMO_USERS.normal.username}:${DEMO_USERS.normal.password}`).toString('base64')}`,
        'X-Page-Size': '40',
      },
    });
    const rels = [...(res.headers.get('link') ?? '').matchAll(/page\/(\d+)\.json>; rel="(\w+)"/g)].map((m) => `${m[2]}=${m[1]}`);
    const last = Math.ceil(sim.state.view(alice()).active.length / 40);
    expect(rels).toEqual(['next=3', 'prev=1', 'first=1', `last=${last}`, 'self=2']);
    expect(((await res.json()) as unknown[]).length).toBe(40);
  });

  it('works below a sub-folder, following Link headers there', async () => {
    const sub = await startTpmSim({ entries: 80, basePath: '/tools/tpm' });
    try {
      expect(sub.url).toMatch(/\/tools\/tpm$/);
      const { client } = simClient(`${sub.url}/`, DEMO_USERS.admin, 'hmac');
      const expected = [...sub.state.passwords.values()].filter((p) => !p.archived).length;
      expect((await client.listPasswords({ strategy: 'links' })).length).toBe(expected);
      expect((await client.searchPasswords('is:active', { strategy: 'links' })).length).toBe(expected);
    } finally {
      await sub.close();
    }
  });
});
