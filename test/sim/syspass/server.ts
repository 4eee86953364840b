/** A sysPass 3.2.11 JSON-RPC API on 127.0.0.1: envelope, statuses, errors, tokens, lockout, CORS quirks, fault injection. */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Faults, readBody } from '../faults';
import type { Action } from './action-context';
import { ACCOUNT_ACTIONS } from './account-actions';
import { setupApi } from './auth';
import { CATEGORY_ACTIONS, CLIENT_ACTIONS, CONFIG_ACTIONS, TAG_ACTIONS, USER_GROUP_ACTIONS } from './item-actions';
import { ParamReader } from './params';
import { PhpTypeError, validateInt } from './php-filters';
import { phpJsonEncode } from './php-json';
import { MESSAGES, RpcFault } from './rpc-fault';
import { buildState, type SyspassSeed } from './seed';
import { generateSeed } from './seed-generator';
import type { SimState } from './state';

const CONTROLLERS: Record<string, Record<string, Action>> = {
  Account: ACCOUNT_ACTIONS,
  Category: CATEGORY_ACTIONS,
  Client: CLIENT_ACTIONS,
  Tag: TAG_ACTIONS,
  UserGroup: USER_GROUP_ACTIONS,
  Config: CONFIG_ACTIONS,
};

export interface SyspassSimOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** The data to serve; default: a generated seed with `accounts` accounts. */
  seed?: SyspassSeed;
  /** Size of the generated seed when `seed` is absent (default 40). */
  accounts?: number;
  /** Latency added to every request, in ms. */
  latencyMs?: number;
  /** How the lockout sleeps (real: 0.5 s per failure in whole seconds, so 5 s or more); tests may advance a clock instead. */
  sleep?: (ms: number) => Promise<void>;
  /** Server clock in ms, to reproduce recorded timestamps. */
  clock?: () => number;
}

export interface SyspassSim {
  /** Base URL, e.g. `http://127.0.0.1:41234` (the API is at `/api.php`). */
  url: string;
  port: number;
  state: SimState;
  faults: Faults;
  close(): Promise<void>;
}

interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const JSON_TYPE = { 'Content-Type': 'application/json; charset=utf-8' };
const HTML_TYPE = { 'Content-type': 'text/html; charset=UTF-8' };

/** Starts the simulator. Every answer goes through `faults.respond`, keyed `POST /api.php <rpc method>`. */
export async function startSyspassSim(options: SyspassSimOptions = {}): Promise<SyspassSim> {
  const state = buildState(options.seed ?? generateSeed({ accounts: options.accounts ?? 40 }));
  if (options.sleep) state.sleep = options.sleep;
  if (options.clock) state.clock = options.clock;
  const faults = new Faults();
  faults.latencyMs = options.latencyMs ?? 0;

  const server = createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/sim/requests.json') {
      // Control endpoint for tests and benchmarks in another process: the requests answered, in all and per RPC method.
      res.writeHead(200, JSON_TYPE).end(JSON.stringify(faults.counts()));
      return;
    }
    void handle(req).then(
      ({ key, produce }) => faults.respond(req, res, produce, key),
      () => {
        if (!res.headersSent) res.writeHead(500).end();
      },
    );
  });

  async function handle(req: IncomingMessage): Promise<{ key: string; produce: () => Promise<Reply> | Reply }> {
    const path = new URL(req.url ?? '/', 'http://sim').pathname;
    const method = req.method ?? 'GET';
    if (!path.endsWith('/api.php')) return { key: `${method} ${path}`, produce: notFoundPage };
    // No preflight support: 200 with Allow and no Access-Control-* header, so browsers refuse cross-origin calls.
    if (method === 'OPTIONS')
      return { key: `OPTIONS ${path}`, produce: () => ({ status: 200, headers: { Allow: 'POST, GET', ...HTML_TYPE }, body: '' }) };
    if (method !== 'POST') return { key: `${method} ${path}`, produce: notFoundPage };
    const body = await readBody(req);
    const rpcMethod = peekMethod(body);
    return { key: `POST ${path} ${rpcMethod}`, produce: () => processRpc(state, body, req) };
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    state,
    faults,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function notFoundPage(): Reply {
  return { status: 404, headers: { ...HTML_TYPE }, body: MESSAGES.notFoundPage };
}

function peekMethod(body: string): string {
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed && typeof parsed === 'object' && 'method' in parsed) return String((parsed as { method: unknown }).method);
  } catch {
    // not JSON: matched by `POST /api.php ` alone
  }
  return '';
}

function errorReply(status: number, fault: RpcFault, id: number, cors: Record<string, string>): Reply {
  return {
    status,
    headers: { ...cors, ...JSON_TYPE },
    body: phpJsonEncode({ jsonrpc: '2.0', error: { message: fault.message, code: fault.code, data: fault.data ?? null }, id }),
  };
}

/** The client IP the Track table records: the peer address; `X-Forwarded-For` is ignored (recorded). */
function clientIp(req: IncomingMessage): string {
  return req.socket.remoteAddress ?? '';
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Runs one JSON-RPC request. Errors before a controller runs are HTTP 404; a controller always answers 200. */
async function processRpc(state: SimState, body: string, req: IncomingMessage): Promise<Reply> {
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch {
    return errorReply(404, new RpcFault(-32700, MESSAGES.invalidData, 'Syntax error'), 0, {});
  }
  const present = (o: Record<string, unknown>, k: string) => o[k] !== undefined && o[k] !== null;
  if (
    !isObject(data) ||
    !['jsonrpc', 'method', 'params', 'id'].every((k) => present(data as Record<string, unknown>, k)) ||
    !isObject(data.params) ||
    !present(data.params, 'authToken')
  ) {
    return errorReply(404, new RpcFault(-32600, MESSAGES.invalidFormat), 0, {});
  }
  const id = validateInt(data.id) || 1;
  const [controllerName = '', actionName = ''] = String(typeof data.method === 'object' ? '' : data.method)
    .replace(/[^a-zA-Z/]/g, '')
    .split('/');
  const controller = CONTROLLERS[controllerName.charAt(0).toUpperCase() + controllerName.slice(1)];
  const action = controller && Object.hasOwn(controller, actionName) ? controller[actionName] : undefined;
  if (!action) return errorReply(404, new RpcFault(-32601, MESSAGES.notFoundPage), id, {});

  // sysPass answers with its own URL as the allowed origin: `http://` + the request's Host, whatever the caller's Origin.
  const cors = {
    'Access-Control-Allow-Origin': `http://${req.headers.host ?? ''}`,
    'Access-Control-Allow-Headers': 'X-Requested-With, Content-Type, Accept, Origin, Authorization',
    'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
  };
  const method = `${controllerName.charAt(0).toLowerCase()}${controllerName.slice(1)}/${actionName}`;
  const params = data.params;
  try {
    const out = await action({
      state,
      method,
      params: new ParamReader(params, method),
      setup: () => setupApi(state, method, params, clientIp(req)),
    });
    const count = out.count !== undefined ? out.count : Array.isArray(out.result) ? out.result.length : null;
    const envelope = {
      jsonrpc: '2.0',
      result: { itemId: out.itemId ?? 0, result: out.result, resultCode: 0, resultMessage: out.message ?? null, count },
      id,
    };
    return { status: 200, headers: { ...cors, ...JSON_TYPE }, body: phpJsonEncode(envelope) };
  } catch (error) {
    if (error instanceof RpcFault) return errorReply(200, error, id, cors);
    // An uncaught PHP TypeError: the recorded server sent HTTP 404 with an empty body.
    if (error instanceof PhpTypeError) return { status: 404, headers: { ...HTML_TYPE }, body: '' };
    throw error;
  }
}
