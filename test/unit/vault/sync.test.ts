import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SyspassClient } from '../../../src/api/syspass/client';
import { TpmClient } from '../../../src/api/tpm/client';
import type { Entry, Project } from '../../../src/vault/entry';
import { AppError } from '../../../src/errors';
import { Syncer, type SyncResult, type SyncState } from '../../../src/vault/sync';
import { SyspassSource } from '../../../src/vault/syspass-source';
import { TpmSource } from '../../../src/vault/tpm-source';
import { startSyspassSim, type SyspassSim } from '../../sim/syspass/server';
import { DEMO_AUTH_TOKEN, DEMO_TOKEN_PASS } from '../../sim/syspass/seed';
import { startTpmSim, type TpmSim } from '../../sim/tpm/server';
import { DEMO_USERS } from '../../sim/tpm/seed';

const fetchFn = (input: string, init: RequestInit) => fetch(input, init);

function makeSyncer() {
  const accepted = new Map<string, { entries: Entry[]; projects: Project[] }>();
  const states: [string, SyncState][] = [];
  const clock = { now: Date.parse('2026-11-25T12:00:00Z') };
  const syncer = new Syncer({
    now: () => new Date(clock.now),
    accept: async (r: SyncResult) => void accepted.set(r.sourceId, r),
    acceptAdded: async (sourceId, entries) => {
      const held = accepted.get(sourceId)!;
      const ids = new Set(entries.map((e) => e.id));
      held.entries = [...held.entries.filter((e) => !ids.has(e.id)), ...entries];
    },
    known: async (sourceId) => accepted.get(sourceId) ?? { entries: [], projects: [] },
    onState: (id, state) => states.push([id, structuredClone(state)]),
  });
  return { syncer, accepted, states, clock };
}

describe('Syncer with real sources', () => {
  let tpm: TpmSim;
  let syspass: SyspassSim;
  let tpmSource: TpmSource;
  let syspassSource: SyspassSource;

  beforeAll(async () => {
    tpm = await startTpmSim({ entries: 250, pageSize: 20 });
    syspass = await startSyspassSim({ accounts: 60 });
    const user = DEMO_USERS.normal;
    tpmSource = new TpmSource(
      'tpm1',
      new TpmClient({
        baseUrl: tpm.url,
        auth: { kind: 'basic', username: user.username, password: user.password },
        fetch: fetchFn,
        retries: 0,
      }),
    );
    syspassSource = new SyspassSource(
      'sp1',
      new SyspassClient({ baseUrl: syspass.url, authToken: DEMO_AUTH_TOKEN, tokenPassword: DEMO_TOKEN_PASS, fetch: fetchFn }),
      syspass.url,
    );
  });
  afterAll(async () => {
    await tpm.close();
    await syspass.close();
  });

  it('syncs both sources and reports progress up to the total', async () => {
    const { syncer, accepted, states } = makeSyncer();
    await Promise.all([syncer.run(tpmSource), syncer.run(syspassSource)]);
    const tpmEntries = accepted.get('tpm1')!.entries;
    expect(tpmEntries.length).toBeGreaterThan(100);
    expect(tpmEntries.some((e) => e.kind === 'personal')).toBe(true);
    expect(tpmEntries.filter((e) => e.kind === 'shared').every((e) => e.projectPath.length >= 1)).toBe(true);
    expect(accepted.get('sp1')!.entries.length).toBeGreaterThan(30);
    expect(accepted.get('sp1')!.projects.some((p) => p.parentId)).toBe(true);
    const progress = states.filter(([id, s]) => id === 'tpm1' && s.progress).map(([, s]) => s.progress!);
    expect(progress.at(-1)!.total).toBe(tpmEntries.length);
    const personal = tpmEntries.filter((e) => e.kind === 'personal').length;
    expect(syncer.state('tpm1')).toEqual({
      entryCount: tpmEntries.length,
      lastSyncAt: '2026-11-25T12:00:00.000Z',
      lastFullSyncAt: '2026-11-25T12:00:00.000Z',
      fingerprint: `passwords ${tpmEntries.length - personal}, my_passwords ${personal}`,
    });
  });

  it('keeps the last good data of a failing source and says why, while the other source syncs', async () => {
    const { syncer, accepted } = makeSyncer();
    await syncer.run(tpmSource);
    const good = accepted.get('tpm1')!.entries.length;
    accepted.clear();
    tpm.faults.add({ match: '/passwords', status: 503 });
    await Promise.all([syncer.run(tpmSource), syncer.run(syspassSource)]);
    tpm.faults.clear();
    expect(accepted.has('tpm1')).toBe(false);
    expect(accepted.has('sp1')).toBe(true);
    expect(syncer.state('tpm1')).toMatchObject({ entryCount: good, lastSyncAt: '2026-11-25T12:00:00.000Z', lastError: { code: 'server' } });
    await syncer.run(tpmSource);
    expect(syncer.state('tpm1')!.lastError).toBeUndefined();
  });

  it('joins a run already going instead of starting a second one', async () => {
    const { syncer } = makeSyncer();
    tpm.faults.log.length = 0;
    await Promise.all([syncer.run(tpmSource), syncer.run(tpmSource)]);
    expect(tpm.faults.log.filter((k) => k.endsWith('/passwords/count.json'))).toHaveLength(1);
  });

  it('a run cancelled while its pages are in flight leaves the run that replaced it in place: a third call joins it', async () => {
    const { syncer, accepted } = makeSyncer();
    tpm.faults.latencyMs = 40;
    tpm.faults.log.length = 0;
    const first = syncer.run(tpmSource);
    await expect.poll(() => tpm.faults.log.some((k) => /\/passwords\/page\/\d+\.json$/.test(k))).toBe(true);
    syncer.cancel('tpm1');
    const second = syncer.run(tpmSource);
    await first; // the cancelled run is over
    const third = syncer.run(tpmSource);
    expect(third).toBe(second);
    await third;
    tpm.faults.latencyMs = 0;
    // Two runs reached the server (the cancelled one and its replacement), not three.
    expect(tpm.faults.log.filter((k) => k.endsWith('/passwords/count.json'))).toHaveLength(2);
    expect(accepted.get('tpm1')!.entries.length).toBeGreaterThan(100);
    expect(syncer.isRunning('tpm1')).toBe(false);
  });

  it('cancels a run without reporting an error', async () => {
    const { syncer, accepted } = makeSyncer();
    tpm.faults.latencyMs = 50;
    const run = syncer.run(tpmSource);
    syncer.cancel('tpm1');
    await run;
    tpm.faults.latencyMs = 0;
    expect(accepted.size).toBe(0);
    expect(syncer.state('tpm1')?.lastError).toBeUndefined();
  });
});

describe('change detection before transfer (TPM)', () => {
  let tpm: TpmSim;
  let source: TpmSource;
  let colleague: TpmClient;
  const HOUR = 3_600_000;
  const run = { fullAfterMs: 8 * HOUR };
  const requests = (re: RegExp) => tpm.faults.log.filter((k) => re.test(k)).length;
  const PAGES = /\/(my_)?passwords(\/page\/\d+)?\.json$/;

  beforeAll(async () => {
    tpm = await startTpmSim({ entries: 120, pageSize: 20 });
    const user = DEMO_USERS.normal;
    const client = () =>
      new TpmClient({
        baseUrl: tpm.url,
        auth: { kind: 'basic', username: user.username, password: user.password },
        fetch: fetchFn,
        retries: 0,
      });
    source = new TpmSource('tpm1', client());
    // The same user on another device (or the web interface): changes the extension did not make.
    colleague = client();
  });
  afterAll(() => tpm.close());

  it('an unchanged server costs the two count requests, and the list stays as it was', async () => {
    const { syncer, accepted, clock } = makeSyncer();
    await syncer.run(source, run);
    const listed = accepted.get('tpm1')!.entries.length;
    tpm.faults.log.length = 0;
    clock.now += 10 * 60_000;
    await syncer.run(source, run);
    expect(tpm.faults.log).toEqual(['GET /index.php/api/v5/passwords/count.json', 'GET /index.php/api/v5/my_passwords/count.json']);
    expect(accepted.get('tpm1')!.entries).toHaveLength(listed);
    expect(syncer.state('tpm1')).toMatchObject({
      lastSyncAt: new Date(clock.now).toISOString(),
      lastFullSyncAt: '2026-11-25T12:00:00.000Z',
    });
  });

  it('entries added on the server arrive with one page per grown list, without the full list', async () => {
    const { syncer, accepted, clock } = makeSyncer();
    await syncer.run(source, run);
    const before = accepted.get('tpm1')!.entries.length;
    const shared = await colleague.createPassword(tpm.state.demo.sharedProjectId, {
      name: 'Added on the server',
      accessInfo: 'https://added.example.org/login',
      username: 'new',
    });
    const personal = await colleague.createMyPassword({ name: 'My new one', accessInfo: 'https://mine.example.org' });
    tpm.faults.log.length = 0;
    clock.now += 10 * 60_000;
    await syncer.run(source, run);
    expect(requests(/count\.json$/)).toBe(2);
    expect(requests(/\/passwords\/page\/1\.json$/)).toBe(1);
    expect(requests(/\/my_passwords\/page\/1\.json$/)).toBe(1);
    expect(tpm.faults.log).toHaveLength(4);
    const entries = accepted.get('tpm1')!.entries;
    expect(entries).toHaveLength(before + 2);
    expect(entries.find((e) => e.remoteId === shared && e.kind === 'shared')).toMatchObject({
      name: 'Added on the server',
      urls: ['https://added.example.org/login'],
    });
    expect(entries.find((e) => e.remoteId === personal && e.kind === 'personal')).toMatchObject({ name: 'My new one' });
    expect(entries.find((e) => e.remoteId === shared)!.projectPath.length).toBeGreaterThan(0);
    expect(syncer.state('tpm1')!.entryCount).toBe(before + 2);
    // The next probe agrees with what the vault holds now: nothing more is read.
    tpm.faults.log.length = 0;
    clock.now += 10 * 60_000;
    await syncer.run(source, run);
    expect(tpm.faults.log).toHaveLength(2);
  });

  it('a removal (the list shrank) reads the full list', async () => {
    const { syncer, accepted, clock } = makeSyncer();
    await syncer.run(source, run);
    const gone = accepted.get('tpm1')!.entries.find((e) => e.kind === 'personal')!;
    tpm.state.myPasswords.delete(gone.remoteId);
    tpm.state.touch();
    tpm.faults.log.length = 0;
    clock.now += 10 * 60_000;
    await syncer.run(source, run);
    expect(requests(PAGES)).toBeGreaterThan(5);
    expect(accepted.get('tpm1')!.entries.some((e) => e.id === gone.id)).toBe(false);
  });

  it('an edit keeps the counts: the probe cannot see it, the full list after the full-sync period brings it', async () => {
    const { syncer, accepted, clock } = makeSyncer();
    await syncer.run(source, run);
    const edited = accepted.get('tpm1')!.entries.find((e) => e.kind === 'shared' && e.lockedType === 0 && !e.archived)!;
    await colleague.updatePassword(edited.remoteId, { name: 'Renamed on the server' });
    clock.now += 7 * HOUR;
    await syncer.run(source, run);
    expect(accepted.get('tpm1')!.entries.find((e) => e.id === edited.id)!.name).toBe(edited.name);
    clock.now += HOUR;
    tpm.faults.log.length = 0;
    await syncer.run(source, run);
    expect(requests(PAGES)).toBeGreaterThan(5);
    expect(accepted.get('tpm1')!.entries.find((e) => e.id === edited.id)!.name).toBe('Renamed on the server');
    expect(syncer.state('tpm1')!.lastFullSyncAt).toBe(new Date(clock.now).toISOString());
  });

  it('a full run (Sync now) reads the full list even when the probe would show nothing, the project tree included', async () => {
    const { syncer, clock } = makeSyncer();
    await syncer.run(source, run);
    tpm.faults.log.length = 0;
    clock.now += 60_000;
    await syncer.run(source, { ...run, full: true });
    expect(requests(PAGES)).toBeGreaterThan(5);
    expect(requests(/subprojects\.json$/)).toBeGreaterThan(0);
  });

  it('the full list after the period keeps the project tree held while the passwords name its projects unchanged', async () => {
    const { syncer, accepted, clock } = makeSyncer();
    await syncer.run(source, run);
    const tree = accepted.get('tpm1')!.projects;
    tpm.faults.log.length = 0;
    clock.now += 8 * HOUR;
    await syncer.run(source, run);
    expect(requests(PAGES)).toBeGreaterThan(5);
    expect(requests(/subprojects\.json$/)).toBe(0);
    expect(accepted.get('tpm1')!.projects).toEqual(tree);
    // A project renamed on the server: the passwords name it differently, so the tree is walked again.
    const entry = accepted.get('tpm1')!.entries.find((e) => e.kind === 'shared' && e.projectId)!;
    const project = tpm.state.projects.get(tree.find((p) => p.id === entry.projectId)!.remoteId)!;
    project.name = 'Renamed project';
    tpm.state.touch();
    tpm.faults.log.length = 0;
    clock.now += 8 * HOUR;
    await syncer.run(source, run);
    expect(requests(/subprojects\.json$/)).toBeGreaterThan(0);
    expect(
      accepted
        .get('tpm1')!
        .entries.find((e) => e.id === entry.id)!
        .projectPath.at(-1),
    ).toBe('Renamed project');
  });

  it('a 503 with Retry-After is not retried at once and is kept in the state, with the failures counted', async () => {
    const { syncer, clock } = makeSyncer();
    await syncer.run(source, run);
    tpm.faults.add({ match: '/count.json', status: 503, retryAfter: 120 });
    tpm.faults.log.length = 0;
    clock.now += 10 * 60_000;
    await syncer.run(source, run);
    tpm.faults.clear();
    // One request per count (the two run in parallel), none repeated within the run.
    expect(requests(/count\.json$/)).toBe(2);
    expect(syncer.state('tpm1')).toMatchObject({
      failures: 1,
      retryAt: new Date(clock.now + 120_000).toISOString(),
      lastError: { code: 'server' },
    });
    await syncer.run(source, run);
    expect(syncer.state('tpm1')!.failures).toBeUndefined();
    expect(syncer.state('tpm1')!.retryAt).toBeUndefined();
  });
});

describe('Syncer outcome', () => {
  it('keeps the failure when pages still in flight report progress after the list failed', async () => {
    let late: ((done: number, total: number) => void) | undefined;
    const failing = {
      id: 'late',
      kind: 'tpm',
      list: async (options: { onProgress?: (done: number, total: number) => void }) => {
        late = options.onProgress;
        throw new AppError('invalid_response', 'page 3 was cut short');
      },
    } as unknown as TpmSource;
    const { syncer } = makeSyncer();
    await syncer.run(failing);
    late!(45, 129);
    expect(syncer.state('late')).toMatchObject({ lastError: { code: 'invalid_response' } });
    expect(syncer.state('late')!.progress).toBeUndefined();
  });
});
