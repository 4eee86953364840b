import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSyspassSim, type SyspassSim } from '../../../sim/syspass/server';
import { clientFor } from './sim-fixture';

let sim: SyspassSim;
beforeAll(async () => {
  sim = await startSyspassSim({ accounts: 5_000 });
});
afterAll(() => sim.close());

describe('SyspassClient at scale', () => {
  it('lists 5,000 accounts and fetches one password quickly', async () => {
    const client = clientFor(sim);
    const t0 = performance.now();
    const all = await client.listAllAccounts();
    const listMs = performance.now() - t0;
    const admin = sim.state.users.get(1)!;
    const visible = [...sim.state.accounts.values()].filter((a) => sim.state.canSee(admin, a)).length;
    expect(all).toHaveLength(visible);
    const t1 = performance.now();
    const password = await client.viewPassword(all[all.length - 1].id);
    const passMs = performance.now() - t1;
    expect(password).toBe(sim.state.accounts.get(all[all.length - 1].id)?.pass);
    console.info(`sysPass: listed ${all.length} of 5000 accounts in ${listMs.toFixed(0)} ms; one password in ${passMs.toFixed(1)} ms`);
    expect(listMs).toBeLessThan(3_000);
    expect(passMs).toBeLessThan(500);
  });
});
