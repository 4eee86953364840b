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
export async function sendRpc(
  t: RpcTransport,
  method: string,
  params: Record<string, unknown>,
  id: number,
  signal?: AbortSignal,
): Promise<RpcOutcome> {
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
  if (text.trim() === '')
    throw new AppError(status >= 500 ? 'server' : 'invalid_response', `The sysPass server sent an empty answer (HTTP ${status}).`, {
      status,
    });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AppError(
      status >= 500 ? 'server' : 'invalid_response',
      `The sysPass server sent something that is not JSON (HTTP ${status}); check the address.`,
      { status },
    );
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
 * sysPass 3.2's English not-found messages (code 0). Code 0 means many things (not found, duplicate, an SQL error,
 * "Internal error"), so only these read as "not found"; on a server in another language the message is shown as is.
 */
const NOT_FOUND = new Set(["The account doesn't exist", 'Account not found', 'Category not found', 'Client not found', 'Tag not found']);
/** The English duplicate-name messages ("Duplicated category", "Duplicated client name"…). */
const DUPLICATE = /^Duplicated\b/;

/** The column an SQL error names (`'name'` or `` `syspass`.`Account`.`notes` ``), for a message in words. */
function sqlColumn(sql: string): string | undefined {
  return /column [`']?(?:\w{1,64}`\.`\w{1,64}`\.`)?(\w{1,64})[`']/.exec(sql)?.[1];
}

/**
 * Maps an error by what it means. Messages are translated on non-English servers, so codes and the SQLSTATE in
 * `data` decide first; the message text only tells sysPass's English not-found and duplicate messages apart.
 * -32603 with no data is ambiguous (bad token, wrong token password, lockout): the client resolves it with context.
 */
export function mapRpcError(e: RpcFailure): AppError {
  const make = (code: ErrorCode, message = e.message || `sysPass error ${e.code}`, extra: { help?: string } = {}) =>
    new AppError(code, message, { status: e.status, ...extra });
  switch (e.code) {
    case -32700:
    case -32600:
      return make('bad_request');
    case -32601:
      return make('unknown_method');
    case -32602:
      return make('missing_param', undefined, { help: formatHelp(e.data) });
    case -32603:
      // With data, the vault could not be opened: the token must be refreshed after a master password change.
      return make('auth');
    case 0:
      // Reply id 0 with code 0: the server is not installed, in maintenance or without its database.
      if (e.replyId === 0) return make('server');
      if (e.data === '22001') {
        const column = sqlColumn(e.message);
        return make(
          'too_long',
          `sysPass refused a value longer than its database column${column ? ` “${column}”` : ''} holds (SQL ${e.data}).`,
        );
      }
      if (e.data === '22007') {
        const column = sqlColumn(e.message);
        return make(
          'unstorable',
          `sysPass cannot store some characters${column ? ` of “${column}”` : ''}: ` +
            `emoji and other 4-byte characters, or a character cut by the column's size (SQL ${e.data}).`,
        );
      }
      if (typeof e.data === 'string') return make('rejected', `sysPass refused the change (SQL ${e.data}).`);
      if (NOT_FOUND.has(e.message)) return make('not_found');
      if (DUPLICATE.test(e.message)) return make('duplicate');
      if (e.message === 'Internal error') {
        return make(
          'rejected',
          'sysPass answered “Internal error”: it refuses passwords longer than 416 bytes this way, ' +
            'and other requests it cannot carry out.',
        );
      }
      return make('rejected');
    case 23000:
      return make('rejected', `sysPass refused the change: the item is still in use (${e.message}).`);
    default:
      return make('server');
  }
}
