import { fakeBrowser } from '@webext-core/fake-browser';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../../src/errors';
import { DEMO_AUTH_TOKEN, DEMO_TOKEN_PASS } from '../../../sim/syspass/seed';
import { startSyspassSim, type SyspassSim } from '../../../sim/syspass/server';

vi.mock('webextension-polyfill', () => ({ default: fakeBrowser }));

const { syspassLockouts } = await import('../../../../src/background/vault/lockout-store');
const { SyspassClient } = await import('../../../../src/api/syspass/client');
const { SyspassSource } = await import('../../../../src/vault/syspass-source');

let sim: SyspassSim;
beforeAll(async () => {
  // The real delay (5 s for 10 failures): the client tells "Attempts exceeded" from other -32603 replies by it.
  sim = await startSyspassSim({ accounts: 5 });
});
afterAll(() => sim.close());
beforeEach(() => {
  fakeBrowser.reset();
  sim.state.clearTracks();
  sim.faults.log.length = 0;
});

/** A client as the worker makes it, counting what reaches the server; `now` for the lockout's end. */
function client(now = Date.now) {
  return new SyspassClient({
    baseUrl: sim.url,
    authToken: DEMO_AUTH_TOKEN,
    tokenPassword: DEMO_TOKEN_PASS,
    fetch: (i, init) => fetch(i, init),
    lockout: syspassLockouts,
    now,
  });
}

describe('the sysPass lockout across worker restarts', () => {
  it('is kept in storage.session by endpoint and ended lockouts are dropped on the next write', async () => {
    await syspassLockouts.set('https://a.example/api.php', Date.now() - 1);
    await syspassLockouts.set('https://b.example/api.php', Date.now() + 60_000);
    expect(await syspassLockouts.get('https://b.example/api.php')).toBeGreaterThan(Date.now());
    expect(await syspassLockouts.get('https://c.example/api.php')).toBe(0);
    const { syspassLockouts: stored } = await fakeBrowser.storage.session.get('syspassLockouts');
    expect(Object.keys(stored as Record<string, number>)).toEqual(['https://b.example/api.php']);
  });

  it('a new client (a restarted worker) and Test connection make no call while it lasts, and say until when', async () => {
    for (let i = 0; i < 10; i++) sim.state.addFailure('127.0.0.1');
    const first = await client()
      .searchAccounts({ count: 1 })
      .catch((e: unknown) => e);
    expect(first).toMatchObject({ code: 'lockout' });
    const calls = sim.faults.log.length;

    const restarted = client();
    const again = await restarted.listAllAccounts().catch((e: unknown) => e);
    expect(again).toBeInstanceOf(AppError);
    expect((again as AppError).message).toMatch(/no call to this server until \d{1,2}:\d\d/i);
    const test = await new SyspassSource('sp', client(), sim.url).identify().catch((e: unknown) => e);
    expect(test).toMatchObject({ code: 'lockout' });
    expect(sim.faults.log.length).toBe(calls);

    // Ten minutes later the client calls again (an administrator cleared the Track table meanwhile).
    sim.state.clearTracks();
    expect((await client(() => Date.now() + 10 * 60_000 + 1).searchAccounts({ count: 1 })).length).toBe(1);
  }, 20_000);
});
