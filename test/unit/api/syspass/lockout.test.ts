import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../../src/errors';
import { LOCKOUT_MS } from '../../../../src/api/syspass/lockout';
import { DEMO_AUTH_TOKEN } from '../../../sim/syspass/seed';
import { startSyspassSim, type SyspassSim } from '../../../sim/syspass/server';
import { clientFor, rawPost, recordingFetch, rpcBody } from './sim-fixture';

// The real delay (0.5 s × failed attempts, so 5 s here): the client recognises "Attempts exceeded" by it.
let sim: SyspassSim;
const slept: number[] = [];
beforeAll(async () => {
  sim = await startSyspassSim({ accounts: 20, sleep: (ms) => (slept.push(ms), new Promise((resolve) => setTimeout(resolve, ms))) });
});
afterAll(() => sim.close());

const wrongViewPass = () => rawPost(sim, rpcBody('account/viewPass', { authToken: DEMO_AUTH_TOKEN, tokenPass: 'wrong', id: 1 }));
const failures = () => [...sim.state.tracks.values()].reduce((n, l) => n + l.length, 0);

describe('SyspassClient and the brute-force lockout', () => {
  it('stops calling the server for 10 minutes after "Attempts exceeded", then resumes', async () => {
    for (let i = 0; i < 9; i++) expect(JSON.parse((await wrongViewPass()).text).error.message).toBe('Unauthorized access');
    let now = Date.now();
    const rec = recordingFetch();
    const client = clientFor(sim, { fetch: rec.fetch, now: () => now });
    // After 9 failures a correct call still succeeds.
    expect(await client.viewPassword(1)).toBe('Alice-Pass-1!');
    await wrongViewPass();
    expect(failures()).toBe(10);

    now = Date.now();
    slept.length = 0;
    const locked = await client.listAllAccounts().catch((e: unknown) => e);
    expect(locked).toBeInstanceOf(AppError);
    expect((locked as AppError).code).toBe('lockout');
    expect((locked as AppError).details.retryAfterMs).toBe(LOCKOUT_MS);
    expect(slept).toEqual([5_000]); // the server made the client wait, and the client recognised why
    expect(failures()).toBe(11); // the refused call counted too

    // Fails fast, locally, without a request.
    const sent = rec.bodies.length;
    now += 60_000;
    const again = await client.viewPassword(1).catch((e: unknown) => e);
    expect((again as AppError).code).toBe('lockout');
    expect((again as AppError).details.retryAfterMs).toBe(LOCKOUT_MS - 60_000);
    expect(rec.bodies.length).toBe(sent);

    // An admin clears the Track table; 10 minutes later the client calls again.
    sim.state.clearTracks();
    now += LOCKOUT_MS;
    expect(await client.lockedUntil()).toBe(0);
    expect((await client.searchAccounts({ count: 1 })).length).toBe(1);
  }, 15_000);
});
