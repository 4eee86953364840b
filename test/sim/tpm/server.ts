/** A real HTTP TPM server on 127.0.0.1 for tests and demos: API v4 and/or v5, fault injection per route. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Faults, readBody } from '../faults';
import type { SimData } from './model';
import { handleTpmRequest } from './routes';
import { seedTpm } from './seed';
import { TpmSimState, type SimApiVersion } from './state';

export interface TpmSimOptions {
  /** 0 (default) = any free port. */
  port?: number;
  /** Which API versions the server offers (default both). */
  version?: SimApiVersion | 'both';
  /** Items per page (default 20, like real v4/v5 servers). */
  pageSize?: number;
  /** Data to serve; otherwise a seed of `entries` passwords. */
  data?: SimData;
  entries?: number;
  seed?: number;
  /** Allowed distance between an HMAC timestamp and the server clock (default 300 s). */
  hmacWindowSeconds?: number;
  authMethods?: 'both' | 'basic' | 'hmac';
  apiEnabled?: boolean;
  personalPasswordsEnabled?: boolean;
  /** Installation sub-folder, e.g. `/tpm` (default none). */
  basePath?: string;
  /** Server clock in ms (default `Date.now`). */
  now?: () => number;
  /** Latency added to every request, in ms. */
  latencyMs?: number;
}

export interface TpmSim {
  /** Base URL to give a client (`http://127.0.0.1:PORT[/basePath]`). */
  url: string;
  port: number;
  state: TpmSimState;
  faults: Faults;
  close(): Promise<void>;
}

/** Starts the simulator; every request goes through `faults.respond`, so faults apply per route. */
export async function startTpmSim(options: TpmSimOptions = {}): Promise<TpmSim> {
  const data = options.data ?? seedTpm({ entries: options.entries, seed: options.seed });
  const state = new TpmSimState(data, {
    versions: options.version === 'v4' ? ['v4'] : options.version === 'v5' ? ['v5'] : ['v4', 'v5'],
    pageSize: options.pageSize ?? 20,
    authMethods: options.authMethods ?? 'both',
    hmacWindowSeconds: options.hmacWindowSeconds ?? 300,
    apiEnabled: options.apiEnabled ?? true,
    personalPasswordsEnabled: options.personalPasswordsEnabled ?? true,
    now: options.now ?? Date.now,
  });
  const faults = new Faults();
  faults.latencyMs = options.latencyMs ?? 0;
  const basePath = (options.basePath ?? '').replace(/\/+$/, '');
  const server = createServer((req, res) => {
    void (async () => {
      try {
        const body = await readBody(req);
        const rawPath = (req.url ?? '/').replace(/[?#].*$/, '');
        const origin = `http://${req.headers.host ?? '127.0.0.1'}`;
        await faults.respond(req, res, () => handleTpmRequest(state, basePath, origin, { method: req.method ?? 'GET', rawPath, headers: req.headers, body }));
      } catch (error) {
        if (!res.headersSent && !res.destroyed) {
          res.writeHead(500, { 'Content-Type': 'application/json; charset=utf-8' });
          res.end(JSON.stringify({ error: true, type: 'Server error', message: error instanceof Error ? error.message : 'error' }));
        }
      }
    })();
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}${basePath}`,
    port,
    state,
    faults,
    close: () =>
      new Promise<void>((resolve) => {
        // Hanging requests (fault `hang`) and keep-alive sockets would otherwise keep close() waiting.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
