import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSyspassSim, type SyspassSim } from '../../../sim/syspass/server';
import { clientFor, recordingFetch } from './sim-fixture';

let sim: SyspassSim;
beforeAll(async () => {
  sim = await startSyspassSim({ accounts: 5_000 });
});
afterAll(() => sim.close());

// How long it takes is a line of `npm run bench` (10,000 accounts, 30 ms latency), not a unit test's business.
describe('SyspassClient at scale', () => {
  it('lists 5,000 accounts in one call, and fetches one password in one more', async () => {
    const rec = recordingFetch();
    const client = clientFor(sim, { fetch: rec.fetch });
    const all = await client.listAllAccounts();
    const admin = sim.state.users.get(1)!;
    const visible = [...sim.state.accounts.values()].filter((a) => sim.state.canSee(admin, a)).length;
    expect(all).toHaveLength(visible);
    expect(rec.bodies.map((b) => [b.method, (b.params as { count?: number }).count])).toEqual([['account/search', 0]]);
    const last = all[all.length - 1].id;
    expect(await client.viewPassword(last)).toBe(sim.state.accounts.get(last)?.pass);
    // The first password of a session: the token's permission is checked first (without the token password).
    expect(rec.bodies.slice(1).map((b) => b.method)).toEqual(['account/viewPass', 'account/viewPass']);
  });
});
