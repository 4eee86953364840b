// Shared helpers for the sysPass tests: a simulator per test file and a client pointed at it.
import { SyspassClient, type SyspassClientOptions } from '../../../../src/api/syspass/client';
import type { FetchLike } from '../../../../src/api/http';
import { DEMO_AUTH_TOKEN, DEMO_TOKEN_PASS } from '../../../sim/syspass/seed';
import type { SyspassSim } from '../../../sim/syspass/server';

/** A fetch that records every JSON-RPC body it sends. */
export function recordingFetch(): { fetch: FetchLike; bodies: Array<Record<string, unknown>> } {
  const bodies: Array<Record<string, unknown>> = [];
  const f: FetchLike = (input, init) => {
    if (typeof init.body === 'string') bodies.push(JSON.parse(init.body) as Record<string, unknown>);
    return fetch(input, init);
  };
  return { fetch: f, bodies };
}

export function clientFor(sim: SyspassSim, opts: Partial<SyspassClientOptions> = {}): SyspassClient {
  return new SyspassClient({
    baseUrl: sim.url,
    authToken: DEMO_AUTH_TOKEN,
    tokenPassword: DEMO_TOKEN_PASS,
    fetch: (i, init) => fetch(i, init),
    ...opts,
  });
}

/** Posts a raw body to the simulator and returns status, headers and text. */
export async function rawPost(sim: SyspassSim, body: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${sim.url}/api.php`, { method: 'POST', body, headers: { 'Content-Type': 'application/json', ...headers } });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

export function rpcBody(method: string, params: Record<string, unknown>, id: unknown = 1): string {
  return JSON.stringify({ jsonrpc: '2.0', method, params, id });
}
