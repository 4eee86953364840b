import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SyspassClient } from '../../../src/api/syspass/client';
import { TpmClient } from '../../../src/api/tpm/client';
import { MemoryStore } from './memory-store';
import { pendingSaveCount, SAVE_QUEUE_STORAGE_KEY, SaveQueue, type SourceFor } from '../../../src/vault/save-queue';
import type { NewLogin, SaveTarget, Source } from '../../../src/vault/sources';
import { SyspassSource } from '../../../src/vault/syspass-source';
import { TpmSource } from '../../../src/vault/tpm-source';
import { startSyspassSim, type SyspassSim } from '../../sim/syspass/server';
import { DEMO_AUTH_TOKEN, DEMO_TOKEN_PASS, READER_AUTH_TOKEN, READER_TOKEN_PASS } from '../../sim/syspass/seed';
import { startTpmSim, type TpmSim } from '../../sim/tpm/server';
import { DEMO_USERS, type DemoUser } from '../../sim/tpm/seed';

const fetchFn = (input: string, init: RequestInit) => fetch(input, init);
const TPM_POST = 'POST /index.php/api/v5/passwords.json';
const TPM_MY_POST = 'POST /index.php/api/v5/my_passwords.json';
const SP_CREATE = 'POST /api.php account/create';

const newKey = () => crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);

function tpmSource(sim: TpmSim, id: string, user: DemoUser): TpmSource {
  return new TpmSource(
    id,
    new TpmClient({
      baseUrl: sim.url,
      auth: { kind: 'basic', username: user.username, password: user.password },
      fetch: fetchFn,
      retries: 0,
    }),
  );
}

let unique = 0;
/** A login with a name no seed uses, so each test finds exactly its own records. */
function login(extra: Partial<NewLogin> = {}): NewLogin {
  unique++;
  return {
    name: `Queue test ${unique} "quoted" portal`,
    username: `user${unique}`,
    url: `https://portal${unique}.example.test/login`,
    password: `Pw-${unique}-x9!Q`,
    ...extra,
  };
}

describe('SaveQueue and the write side of the sources, against the simulators', () => {
  let tpm: TpmSim;
  let syspass: SyspassSim;
  let alice: TpmSource;
  let reader: TpmSource;
  let sp: SyspassSource;
  let spReader: SyspassSource;
  let sources: Record<string, Source>;
  const sourceFor: SourceFor = (id) => sources[id];
  let store: MemoryStore;
  let key: CryptoKey;
  let clock: number;
  const queue = () => new SaveQueue({ store, key, now: () => clock });

  beforeAll(async () => {
    tpm = await startTpmSim({ entries: 60 });
    syspass = await startSyspassSim({ accounts: 30 });
    alice = tpmSource(tpm, 'tpm1', DEMO_USERS.normal);
    reader = tpmSource(tpm, 'tpm-reader', DEMO_USERS.readOnly);
    sp = new SyspassSource(
      'sp1',
      new SyspassClient({ baseUrl: syspass.url, authToken: DEMO_AUTH_TOKEN, tokenPassword: DEMO_TOKEN_PASS, fetch: fetchFn }),
      syspass.url,
    );
    spReader = new SyspassSource(
      'sp-reader',
      new SyspassClient({ baseUrl: syspass.url, authToken: READER_AUTH_TOKEN, tokenPassword: READER_TOKEN_PASS, fetch: fetchFn }),
      syspass.url,
    );
    sources = { tpm1: alice, 'tpm-reader': reader, sp1: sp, 'sp-reader': spReader };
  });
  afterAll(async () => {
    await tpm.close();
    await syspass.close();
  });
  beforeEach(async () => {
    store = new MemoryStore();
    key = await newKey();
    clock = Date.UTC(2026, 10, 25, 12);
    tpm.faults.clear();
    syspass.faults.clear();
    tpm.faults.log.length = 0;
    syspass.faults.log.length = 0;
  });

  const tpmProjectTarget = async (source = alice): Promise<Extract<SaveTarget, { kind: 'project' }>> => {
    const target = (await source.saveTargets()).find((t) => t.kind === 'project' && t.projectId === tpm.state.demo.sharedProjectId);
    if (target?.kind !== 'project') throw new Error('the shared project is not a save target');
    return target;
  };
  const recordsNamed = (name: string) => [...tpm.state.passwords.values()].filter((p) => p.name === name);
  const myRecordsNamed = (name: string) => [...tpm.state.myPasswords.values()].filter((p) => p.name === name);
  const accountsNamed = (name: string) => [...syspass.state.accounts.values()].filter((a) => a.name === name);
  const posts = (sim: TpmSim | SyspassSim, key: string) => sim.faults.log.filter((k) => k === key).length;

  describe('save targets', () => {
    it('offers TPM My Passwords and exactly the projects where the user may create, with paths', async () => {
      const targets = await alice.saveTargets();
      expect(targets[0]).toEqual({ kind: 'personal', id: 'tpm1:personal', sourceId: 'tpm1', path: [] });
      const projects = targets.filter((t) => t.kind === 'project');
      const user = [...tpm.state.users.values()].find((u) => u.username === DEMO_USERS.normal.username)!;
      const allowed = [...tpm.state.projects.values()]
        .filter((p) => !p.archived && tpm.state.projectPerm(user, p.id) >= 30)
        .map((p) => p.id);
      expect(projects.map((t) => t.projectId).sort()).toEqual(allowed.sort());
      expect(projects.length).toBeGreaterThan(0);
      const shared = await tpmProjectTarget();
      expect(shared.path).toEqual(['Shared services']);
      expect(shared.id).toBe(`tpm1:project:${tpm.state.demo.sharedProjectId}`);
      for (const t of projects) {
        const project = tpm.state.projects.get(t.kind === 'project' ? t.projectId : 0)!;
        expect(t.path.at(-1)).toBe(project.name);
      }
    });

    it('offers nothing to a TPM read-only user', async () => {
      expect(await reader.saveTargets()).toEqual([]);
    });

    it('offers every sysPass client/category pair', async () => {
      const targets = await sp.saveTargets();
      expect(targets).toHaveLength(syspass.state.clients.size * syspass.state.categories.size);
      const first = targets[0];
      expect(first.kind).toBe('category');
      if (first.kind !== 'category') return;
      expect(first.path).toEqual([syspass.state.clients.get(first.clientId)!.name, syspass.state.categories.get(first.categoryId)!.name]);
    });

    it('generates with the TPM server and leaves sysPass to the local generator', async () => {
      expect(await alice.generate()).toMatch(/^\S{16}$/);
      expect(tpm.faults.log).toContain('GET /index.php/api/v5/generate_password.json');
      expect(await sp.generate()).toBeUndefined();
    });
  });

  describe('creating', () => {
    it('creates into a TPM project', async () => {
      const q = queue();
      const target = await tpmProjectTarget();
      const l = login({ email: 'e@example.test' });
      await q.enqueue({ kind: 'create', sourceId: 'tpm1', target, login: l });
      const result = await q.process(sourceFor);
      expect(result).toMatchObject({ failed: [], remaining: 0 });
      const [record] = recordsNamed(l.name);
      expect(record).toMatchObject({
        projectId: target.projectId,
        username: l.username,
        email: 'e@example.test',
        accessInfo: l.url,
        password: l.password,
      });
      expect(result.saved[0].entry).toMatchObject({
        id: `tpm1:shared:${record.id}`,
        kind: 'shared',
        name: l.name,
        projectPath: ['Shared services'],
        projectId: target.id,
        urls: [l.url],
      });
      expect(await q.pending()).toEqual([]);
    });

    it('creates into TPM My Passwords', async () => {
      const q = queue();
      const target = (await alice.saveTargets()).find((t) => t.kind === 'personal')!;
      const l = login();
      await q.enqueue({ kind: 'create', sourceId: 'tpm1', target, login: l });
      const result = await q.process(sourceFor);
      const [record] = myRecordsNamed(l.name);
      expect(record).toMatchObject({ username: l.username, accessInfo: l.url, password: l.password });
      expect(result.saved[0].entry).toMatchObject({ kind: 'personal', remoteId: record.id, projectPath: [] });
    });

    it('creates into a sysPass client and category', async () => {
      const q = queue();
      const target = (await sp.saveTargets())[3];
      if (target.kind !== 'category') throw new Error('not a category target');
      const l = login();
      await q.enqueue({ kind: 'create', sourceId: 'sp1', target, login: l });
      const result = await q.process(sourceFor);
      const [account] = accountsNamed(l.name);
      expect(account).toMatchObject({
        clientId: target.clientId,
        categoryId: target.categoryId,
        login: l.username,
        url: l.url,
        pass: l.password,
      });
      expect(result.saved[0].entry).toMatchObject({ remoteId: account.id, projectPath: target.path, projectId: target.id });
    });

    it('stops on a permanent error, keeps the save visible, and drops it on request', async () => {
      const q = queue();
      const target = await tpmProjectTarget();
      const forReader: SaveTarget = { ...target, sourceId: 'tpm-reader' };
      const l = login();
      const save = await q.enqueue({ kind: 'create', sourceId: 'tpm-reader', target: forReader, login: l });
      const first = await q.process(sourceFor);
      expect(first.failed[0]).toMatchObject({ id: save.id, state: 'stopped', lastError: { code: 'forbidden' } });
      clock += 24 * 3_600_000;
      tpm.faults.log.length = 0;
      const second = await q.process(sourceFor);
      expect(second).toMatchObject({ saved: [], failed: [], remaining: 1 });
      expect(second.nextAttemptAt).toBeUndefined();
      expect(tpm.faults.log).toEqual([]); // not retried
      expect(await q.pending()).toMatchObject([{ id: save.id, state: 'stopped', name: l.name, username: l.username, url: l.url }]);
      expect(await q.drop(save.id)).toBe(true);
      expect(await q.pending()).toEqual([]);
      expect(recordsNamed(l.name)).toEqual([]);
    });

    it('stops when the sysPass token may not create accounts', async () => {
      const q = queue();
      const target = (await sp.saveTargets())[0];
      await q.enqueue({ kind: 'create', sourceId: 'sp-reader', target: { ...target, sourceId: 'sp-reader' }, login: login() });
      const result = await q.process(sourceFor);
      expect(result.failed[0]).toMatchObject({
        state: 'stopped',
        lastError: { code: 'forbidden', message: expect.stringContaining('may not use account/create') },
      });
    });
  });

  describe('updating a password', () => {
    it('changes only the password of a TPM entry', async () => {
      const { entries } = await alice.list();
      const entry = entries.find(
        (e) => e.kind === 'shared' && e.projectId === `tpm1:project:${tpm.state.demo.sharedProjectId}` && e.lockedType === 0 && !e.archived,
      )!;
      const before = structuredClone({ ...tpm.state.passwords.get(entry.remoteId)!, favoriteOf: [], unlockGrantedTo: [] });
      const q = queue();
      await q.enqueue({ kind: 'update', sourceId: 'tpm1', entry, password: 'New-Pass-1!' });
      expect((await q.process(sourceFor)).saved).toHaveLength(1);
      const after = tpm.state.passwords.get(entry.remoteId)!;
      expect(after.password).toBe('New-Pass-1!');
      const { password: _p, updatedOn: _u, updatedBy: _b, favoriteOf: _f, unlockGrantedTo: _g, ...rest } = before;
      expect(after).toMatchObject(rest);
    });

    it('changes a locked (reason) TPM entry only with a reason, which the server logs', async () => {
      const { entries } = await alice.list();
      const entry = entries.find((e) => e.remoteId === tpm.state.demo.lockedReasonId && e.kind === 'shared')!;
      expect(entry.lockedType).toBe(1);
      const q = queue();
      const save = await q.enqueue({ kind: 'update', sourceId: 'tpm1', entry, password: 'Locked-New-1!' });
      const first = await q.process(sourceFor);
      expect(first.failed[0]).toMatchObject({ state: 'stopped', lastError: { code: 'locked_reason' } });
      expect(tpm.state.passwords.get(entry.remoteId)!.password).not.toBe('Locked-New-1!');
      await q.retryNow(save.id, { reason: 'Rotating after the audit' });
      const second = await q.process(sourceFor);
      expect(second.saved).toHaveLength(1);
      const record = tpm.state.passwords.get(entry.remoteId)!;
      expect(record).toMatchObject({
        password: 'Locked-New-1!',
        name: 'Production database (locked)',
        username: 'postgres',
        accessInfo: 'db01.corp.local:5432',
        lockingType: 1,
      });
      expect(tpm.state.unlockLog.at(-1)).toMatchObject({ passwordId: entry.remoteId, reason: 'Rotating after the audit' });
    });

    it('changes a TPM My Passwords entry', async () => {
      const { entries } = await alice.list();
      const entry = entries.find((e) => e.kind === 'personal')!;
      const before = { ...tpm.state.myPasswords.get(entry.remoteId)! };
      await alice.updatePassword(entry, 'Mine-New-1!');
      expect(tpm.state.myPasswords.get(entry.remoteId)).toMatchObject({
        ...before,
        password: 'Mine-New-1!',
        updatedOn: expect.any(String),
      });
    });

    it('changes only the password of a sysPass account, keeping its expiry', async () => {
      const { entries } = await sp.list();
      const entry = entries.find((e) => e.username && e.urls.length)!;
      const account = syspass.state.accounts.get(entry.remoteId)!;
      account.notes = 'keep these notes';
      account.passDateChange = Math.floor(clock / 1000) + 90 * 86_400;
      const before = { ...account, tags: [...account.tags] };
      const q = queue();
      await q.enqueue({ kind: 'update', sourceId: 'sp1', entry, password: 'Sp-New-Pass-1' });
      expect((await q.process(sourceFor)).saved).toHaveLength(1);
      const after = syspass.state.accounts.get(entry.remoteId)!;
      expect(after.pass).toBe('Sp-New-Pass-1');
      for (const field of [
        'name',
        'login',
        'url',
        'notes',
        'clientId',
        'categoryId',
        'isPrivate',
        'isPrivateGroup',
        'parentId',
        'passDateChange',
        'userId',
        'userGroupId',
      ] as const) {
        expect(after[field]).toEqual(before[field]);
      }
      expect(after.tags).toEqual(before.tags);
      expect(syspass.faults.log).not.toContain('POST /api.php account/edit');
    });
  });

  describe('outages', () => {
    it('queues a save during an outage, survives a restart, and lands exactly once after a lost reply (TPM)', async () => {
      const target = await tpmProjectTarget();
      const l = login();
      // Outage: the POST never reaches the handler.
      tpm.faults.add({ match: TPM_POST, drop: true });
      const q1 = queue();
      const save = await q1.enqueue({ kind: 'create', sourceId: 'tpm1', target, login: l });
      const down = await q1.process(sourceFor);
      expect(down.failed[0]).toMatchObject({ id: save.id, state: 'waiting', attempts: 1, lastError: { code: 'network' } });
      expect(down.nextAttemptAt).toBe(clock + 30_000);
      expect(recordsNamed(l.name)).toHaveLength(0);
      expect(await pendingSaveCount(store)).toBe(1); // readable without the key, for the popup
      expect(store.data.get(SAVE_QUEUE_STORAGE_KEY)).not.toContain(l.password); // encrypted at rest
      expect(store.data.get(SAVE_QUEUE_STORAGE_KEY)).not.toContain('portal');

      // Restart: a new queue over the same store. Not due yet: nothing is sent.
      const q2 = queue();
      tpm.faults.clear();
      tpm.faults.add({ match: TPM_POST, dropAfter: true, times: 1 });
      clock += 10_000;
      expect(await q2.process(sourceFor)).toMatchObject({ saved: [], failed: [], remaining: 1 });
      expect(posts(tpm, TPM_POST)).toBe(1);

      // Server back, but the reply to the POST is lost: the record exists, the queue cannot know it.
      clock += 30_000;
      const lost = await q2.process(sourceFor);
      expect(lost.failed[0]).toMatchObject({ attempts: 2, lastError: { code: 'network' } });
      expect(lost.nextAttemptAt).toBe(clock + 60_000); // doubled
      expect(recordsNamed(l.name)).toHaveLength(1);

      // Next try: the check finds the record, so the POST is not sent again.
      clock += 60_000;
      const done = await queue().process(sourceFor);
      expect(done.saved).toHaveLength(1);
      expect(done.saved[0].entry.remoteId).toBe(recordsNamed(l.name)[0].id);
      expect(recordsNamed(l.name)).toHaveLength(1);
      expect(posts(tpm, TPM_POST)).toBe(2); // the dropped one and the one whose reply was lost
      expect(await pendingSaveCount(store)).toBe(0);
    });

    it('does not duplicate a TPM My Passwords create whose reply was lost', async () => {
      const target = (await alice.saveTargets()).find((t) => t.kind === 'personal')!;
      const l = login({ username: undefined });
      tpm.faults.add({ match: TPM_MY_POST, dropAfter: true, times: 1 });
      const q = queue();
      await q.enqueue({ kind: 'create', sourceId: 'tpm1', target, login: l });
      expect((await q.process(sourceFor)).failed).toHaveLength(1);
      clock += 60_000;
      expect((await queue().process(sourceFor)).saved).toHaveLength(1);
      expect(myRecordsNamed(l.name)).toHaveLength(1);
      expect(posts(tpm, TPM_MY_POST)).toBe(1);
    });

    it('does not duplicate a sysPass create whose reply was lost', async () => {
      const target = (await sp.saveTargets())[5];
      const l = login();
      syspass.faults.add({ match: SP_CREATE, dropAfter: true, times: 1 });
      const q = queue();
      await q.enqueue({ kind: 'create', sourceId: 'sp1', target, login: l });
      expect((await q.process(sourceFor)).failed[0]).toMatchObject({ lastError: { code: 'network' } });
      expect(accountsNamed(l.name)).toHaveLength(1);
      clock += 60_000;
      const done = await queue().process(sourceFor);
      expect(done.saved[0].entry.remoteId).toBe(accountsNamed(l.name)[0].id);
      expect(accountsNamed(l.name)).toHaveLength(1);
      expect(posts(syspass, SP_CREATE)).toBe(1);
    });

    it('re-sends a create that did not land, after checking', async () => {
      const target = await tpmProjectTarget();
      const l = login();
      tpm.faults.add({ match: TPM_POST, drop: true, times: 1 });
      const q = queue();
      await q.enqueue({ kind: 'create', sourceId: 'tpm1', target, login: l });
      await q.process(sourceFor);
      clock += 60_000;
      expect((await q.process(sourceFor)).saved).toHaveLength(1);
      expect(recordsNamed(l.name)).toHaveLength(1);
      expect(tpm.faults.log.filter((k) => k.includes('/passwords/search/'))).toHaveLength(1); // the check ran
      expect(posts(tpm, TPM_POST)).toBe(2);
    });

    it('applies a newer password given while a lost create was pending', async () => {
      const target = await tpmProjectTarget();
      const l = login();
      tpm.faults.add({ match: TPM_POST, dropAfter: true, times: 1 });
      const q = queue();
      await q.enqueue({ kind: 'create', sourceId: 'tpm1', target, login: l });
      await q.process(sourceFor);
      const again = await q.enqueue({ kind: 'create', sourceId: 'tpm1', target, login: { ...l, password: 'Second-Try-2!' } });
      expect(await q.pending()).toHaveLength(1);
      expect(again.nextAttemptAt).toBe(clock);
      expect((await q.process(sourceFor)).saved).toHaveLength(1);
      expect(recordsNamed(l.name).map((p) => p.password)).toEqual(['Second-Try-2!']);
    });

    it('joins a run already going instead of sending the same create twice', async () => {
      const target = await tpmProjectTarget();
      const l = login();
      tpm.faults.latencyMs = 30;
      const q = queue();
      await q.enqueue({ kind: 'create', sourceId: 'tpm1', target, login: l });
      const [a, b] = await Promise.all([q.process(sourceFor), q.process(sourceFor)]);
      expect(a).toBe(b);
      expect(recordsNamed(l.name)).toHaveLength(1);
      expect(posts(tpm, TPM_POST)).toBe(1);
    });

    it('stops a save whose server was removed', async () => {
      const q = queue();
      const { entries } = await alice.list();
      await q.enqueue({ kind: 'update', sourceId: 'gone', entry: entries[0], password: 'x' });
      expect((await q.process(sourceFor)).failed[0]).toMatchObject({ state: 'stopped', lastError: { code: 'not_found' } });
    });
  });

  describe('storage', () => {
    it('merges a second save of the same entry instead of queueing it twice', async () => {
      const { entries } = await alice.list();
      const q = queue();
      const a = await q.enqueue({ kind: 'update', sourceId: 'tpm1', entry: entries[1], password: 'one' });
      const b = await q.enqueue({ kind: 'update', sourceId: 'tpm1', entry: entries[1], password: 'two' });
      expect(b.id).toBe(a.id);
      expect(await q.pending()).toHaveLength(1);
      await q.process(sourceFor);
      expect(tpm.state.passwords.get(entries[1].remoteId)!.password).toBe('two');
    });

    it('cannot be read with another key', async () => {
      await queue().enqueue({ kind: 'create', sourceId: 'tpm1', target: await tpmProjectTarget(), login: login() });
      const other = new SaveQueue({ store, key: await newKey() });
      await expect(other.pending()).rejects.toMatchObject({ code: 'invalid_response' });
    });

    it('never sends a password or reason in the summaries', async () => {
      const { entries } = await alice.list();
      const q = queue();
      await q.enqueue({ kind: 'update', sourceId: 'tpm1', entry: entries[0], password: 'Secret-Value-9', reason: 'Secret reason' });
      await q.enqueue({ kind: 'create', sourceId: 'tpm1', target: await tpmProjectTarget(), login: login({ password: 'Secret-Value-8' }) });
      const text = JSON.stringify(await q.pending());
      expect(text).not.toMatch(/Secret-Value|Secret reason/);
    });
  });
});
