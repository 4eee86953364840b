import { describe, expect, it } from 'vitest';
import { formatHelp, mapRpcError, readRpcReply, type RpcFailure } from '../../../../src/api/syspass/rpc';

const failure = (code: number, data: unknown = null, replyId: unknown = 7): RpcFailure => ({ code, message: 'translated text', data, replyId, status: 200 });

describe('readRpcReply', () => {
  it('reads an error body sent with HTTP 404', () => {
    const out = readRpcReply(404, '{"jsonrpc":"2.0","error":{"message":"Oops","code":-32601,"data":null},"id":7}');
    expect(out).toEqual({ ok: false, error: { code: -32601, message: 'Oops', data: null, replyId: 7, status: 404 } });
  });

  it('reads the envelope, with \\/ escapes and string counts', () => {
    const out = readRpcReply(200, '{"jsonrpc":"2.0","result":{"itemId":"3","result":{"url":"https:\\/\\/x"},"resultCode":0,"resultMessage":null,"count":"1"},"id":1}');
    expect(out).toEqual({ ok: true, value: { itemId: 3, result: { url: 'https://x' }, resultMessage: null, count: 1 } });
  });

  it.each([
    [200, '', 'invalid_response'],
    [404, '', 'invalid_response'],
    [200, '<html>login</html>', 'invalid_response'],
    [200, '{"jsonrpc":"2.0","id":1}', 'invalid_response'],
    [200, '{"jsonrpc":"2.0","result":{"result":[]', 'invalid_response'],
    [502, '<html>Bad gateway</html>', 'server'],
    [500, '{"error":true}', 'server'],
  ])('maps HTTP %i with body %j to %s', (status, body, code) => {
    expect(() => readRpcReply(status, body)).toThrow(expect.objectContaining({ code }));
  });
});

describe('mapRpcError', () => {
  it('branches on codes, never on the (translated) message', () => {
    const item = { method: 'account/view', targetsItem: true };
    expect(mapRpcError(failure(-32700), item).code).toBe('bad_request');
    expect(mapRpcError(failure(-32600), item).code).toBe('bad_request');
    expect(mapRpcError(failure(-32601), item).code).toBe('unknown_method');
    expect(mapRpcError(failure(-32602, { help: [{ id: { description: 'Account Id', required: true } }] }), item).details.help).toBe('id (required): Account Id');
    expect(mapRpcError(failure(-32603, 'Invalid data'), item).code).toBe('auth');
    expect(mapRpcError(failure(0), item).code).toBe('not_found');
    expect(mapRpcError(failure(0), { method: 'account/create', targetsItem: false }).code).toBe('bad_request');
    expect(mapRpcError(failure(0, '22007'), item).code).toBe('bad_request');
    expect(mapRpcError(failure(0, null, 0), item).code).toBe('server');
    expect(mapRpcError(failure(23000, 'SQLSTATE…'), item).code).toBe('bad_request');
    expect(mapRpcError(failure(42), item).message).toBe('translated text');
  });

  it('formats help entries and ignores malformed ones', () => {
    expect(formatHelp({ help: [{ a: { description: 'A', required: true } }, 'x', { b: { required: false } }] })).toBe('a (required): A; b');
    expect(formatHelp(null)).toBeUndefined();
  });
});
