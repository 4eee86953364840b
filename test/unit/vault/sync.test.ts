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
  const syncer = new Syncer({
    now: () => new Date('2026-11-25T12:00:00Z'),
    accept: async (r: SyncResult) => void accepted.set(r.sourceId, r),
    onState: (id, state) => states.push([id, structuredClone(state)]),
  });
  return { syncer, accepted, states };
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
    tpmSource = new TpmSource('tpm1', new TpmClient({ baseUrl: tpm.url, auth: { kind: 'basic', username: user.username, password: user.password }, fetch: fetchFn, retries: 0 }));
    syspassSource = new SyspassSource('sp1', new SyspassClient({ baseUrl: syspass.url, authToken: DEMO_AUTH_TOKEN, tokenPassword: DEMO_TOKEN_PASS, fetch: fetchFn }), syspass.url);
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
    expect(syncer.state('tpm1')).toEqual({ entryCount: tpmEntries.length, lastSyncAt: '2026-11-25T12:00:00.000Z' });
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
