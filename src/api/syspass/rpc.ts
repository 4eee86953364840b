/** JSON-RPC 2.0 for sysPass: request bodies, reading a reply whatever its HTTP status, and error mapping by code. */
import { AppError, type ErrorCode } from '../../errors';
import { httpRequest, type FetchLike } from '../http';
import { parseWith, RpcReplySchema } from './schemas';

/** A successful call: the sysPass envelope under `result`. */
export interface RpcSuccess {
  result: unknown;
  itemId: number;
  count: number | null;
  resultMessage: string | null;
}

/** A JSON-RPC `error` as the server sent it, plus the reply `id` (0 = raised before any controller ran). */
export interface RpcFailure {
  code: number;
  message: string;
  data: unknown;
  replyId: unknown;
  status: number;
}

export type RpcOutcome = { ok: true; value: RpcSuccess } | { ok: false; error: RpcFailure };

export interface RpcTransport {
  endpoint: string;
  fetch: FetchLike;
  timeoutMs: number;
}

/**
 * POSTs one call and reads the body whatever the status: sysPass sends JSON-RPC errors with 200 or 404.
 * Throws AppError for transport problems (timeout, network, aborted) and bodies that are not a JSON-RPC reply.
 */
export async function sendRpc(t: RpcTransport, method: string, params: Record<string, unknown>, id: number, signal?: AbortSignal): Promise<RpcOutcome> {
  const res = await httpRequest(
    {
      method: 'POST',
      url: t.endpoint,
      headers: () => ({ 'Content-Type': 'application/json', Accept: 'application/json' }),
      body: JSON.stringify({ jsonrpc: '2.0', method, params, id }),
      signal,
    },
    { fetch: t.fetch, timeoutMs: t.timeoutMs },
  );
  return readRpcReply(res.status, res.text);
}

/** Interprets a reply body; `status` only colours the error when the body is not JSON-RPC. */
export function readRpcReply(status: number, text: string): RpcOutcome {
  if (text.trim() === '') throw new AppError(status >= 500 ? 'server' : 'invalid_response', `The sysPass server sent an empty answer (HTTP ${status}).`, { status });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AppError(status >= 500 ? 'server' : 'invalid_response', `The sysPass server sent something that is not JSON (HTTP ${status}); check the address.`, { status });
  }
  let reply;
  try {
    reply = parseWith(RpcReplySchema, json, 'reply');
  } catch (error) {
    if (status >= 500) throw new AppError('server', `The sysPass server failed (HTTP ${status}).`, { status });
    throw error;
  }
  if (reply.error) return { ok: false, error: { ...reply.error, replyId: reply.id, status } };
  if (!reply.result) {
    if (status >= 500) throw new AppError('server', `The sysPass server failed (HTTP ${status}).`, { status });
    throw new AppError('invalid_response', 'The sysPass server sent a reply with neither result nor error.', { status });
  }
  const { itemId, result, resultMessage, count } = reply.result;
  return { ok: true, value: { itemId: itemId ?? 0, result, resultMessage, count } };
}

/** Renders `data.help` of a -32602 error as `name (required): description; …`. */
export function formatHelp(data: unknown): string | undefined {
  if (typeof data !== 'object' || data === null || !Array.isArray((data as { help?: unknown }).help)) return undefined;
  const parts: string[] = [];
  for (const entry of (data as { help: unknown[] }).help) {
    if (typeof entry !== 'object' || entry === null) continue;
    for (const [param, info] of Object.entries(entry)) {
      const i = (info ?? {}) as { description?: unknown; required?: unknown };
      parts.push(`${param}${i.required === true ? ' (required)' : ''}${typeof i.description === 'string' ? `: ${i.description}` : ''}`);
    }
  }
  return parts.join('; ');
}

/**
 * Maps an error by its code (messages are translated on non-English servers, so they are shown, never parsed).
 * -32603 with no data is ambiguous (bad token, wrong token password, lockout): the client resolves it with context.
 */
export function mapRpcError(e: RpcFailure, ctx: { method: string; targetsItem: boolean }): AppError {
  const make = (code: ErrorCode, extra: { help?: string } = {}) => new AppError(code, e.message || `sysPass error ${e.code}`, { status: e.status, ...extra });
  switch (e.code) {
    case -32700:
    case -32600:
      return make('bad_request');
    case -32601:
      return make('unknown_method');
    case -32602:
      return make('missing_param', { help: formatHelp(e.data) });
    case -32603:
      // With data, the vault could not be opened: the token must be refreshed after a master password change.
      return make('auth');
    case 0:
      // Reply id 0 with code 0: the server is not installed, in maintenance or without its database.
      if (e.replyId === 0) return make('server');
      // A string in data is an SQLSTATE (e.g. 22007: a character the utf8mb3 tables cannot hold).
      if (typeof e.data === 'string') return make('bad_request');
      return ctx.targetsItem ? make('not_found') : make('bad_request');
    case 23000:
      return make('bad_request');
    default:
      return make('server');
  }
}
