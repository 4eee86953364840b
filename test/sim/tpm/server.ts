/** A real HTTP TPM server on 127.0.0.1 for tests and demos: API v4, v5 and/or v6, fault injection per route. */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createSecureServer } from 'node:http2';
import type { Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { Faults, readBody } from '../faults';
import { selfSignedCert } from '../tls';
import type { SimData } from './model';
import { handleTpmRequest } from './routes';
import { seedTpm } from './seed';
import { TpmSimState, type SimApiVersion } from './state';

export interface TpmSimOptions {
  /** 0 (default) = any free port. */
  port?: number;
  /** Which API versions the server offers: `both` (default) v4 + v5 like TPM 12 and 13, `all` adds v6 like TPM 14. */
  version?: SimApiVersion | 'both' | 'all';
  /** Items per page (default 20, like real v4/v5 servers). */
  pageSize?: number;
  /** The largest page v6 gives for `X-Page-Size` (default 1,000). */
  maxPageSize?: number;
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
  /** Serve https with HTTP/2 (and HTTP/1.1 fallback), like a typical production install behind nginx or Apache. */
  tls?: boolean;
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
    versions: versionsOf(options.version ?? 'both'),
    pageSize: options.pageSize ?? 20,
    maxPageSize: options.maxPageSize ?? 1_000,
    authMethods: options.authMethods ?? 'both',
    hmacWindowSeconds: options.hmacWindowSeconds ?? 300,
    apiEnabled: options.apiEnabled ?? true,
    personalPasswordsEnabled: options.personalPasswordsEnabled ?? true,
    now: options.now ?? Date.now,
  });
  const faults = new Faults();
  faults.latencyMs = options.latencyMs ?? 0;
  const basePath = (options.basePath ?? '').replace(/\/+$/, '');
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      try {
        const body = await readBody(req);
        const rawPath = (req.url ?? '/').replace(/[?#].*$/, '');
        if (rawPath === '/sim/requests.json') {
          // Control endpoint for tests and benchmarks in another process: how many API requests were answered, in
          // all and per endpoint.
          res.writeHead(200, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify(faults.counts()));
          return;
        }
        const origin = `${options.tls ? 'https' : 'http'}://${req.headers.host ?? req.headers[':authority'] ?? '127.0.0.1'}`;
        await faults.respond(req, res, () =>
          handleTpmRequest(state, basePath, origin, { method: req.method ?? 'GET', rawPath, headers: req.headers, body }),
        );
      } catch (error) {
        if (!res.headersSent && !res.destroyed) {
          res.writeHead(500, { 'Content-Type': 'application/json; charset=utf-8' });
          res.end(JSON.stringify({ error: true, type: 'Server error', message: error instanceof Error ? error.message : 'error' }));
        }
      }
    })();
  };
  // The HTTP/2 compatibility API hands over request/response objects shaped like node:http's.
  const server = options.tls
    ? createSecureServer({ ...selfSignedCert(['localhost']), allowHTTP1: true }, handle as never)
    : createServer(handle);
  if ('keepAliveTimeout' in server) server.keepAliveTimeout = 5_000;
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}${basePath}`,
    port,
    state,
    faults,
    close: () =>
      new Promise<void>((resolve) => {
        // Hanging requests (fault `hang`) and keep-alive sockets would otherwise keep close() waiting.
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function versionsOf(offered: SimApiVersion | 'both' | 'all'): SimApiVersion[] {
  if (offered === 'both') return ['v4', 'v5'];
  if (offered === 'all') return ['v4', 'v5', 'v6'];
  return [offered];
}
