import { describe, expect, it } from 'vitest';
import { formatHelp, mapRpcError, readRpcReply, type RpcFailure } from '../../../../src/api/syspass/rpc';

const failure = (code: number, data: unknown = null, replyId: unknown = 7): RpcFailure => ({
  code,
  message: 'translated text',
  data,
  replyId,
  status: 200,
});

describe('readRpcReply', () => {
  it('reads an error body sent with HTTP 404', () => {
    const out = readRpcReply(404, '{"jsonrpc":"2.0","error":{"message":"Oops","code":-32601,"data":null},"id":7}');
    expect(out).toEqual({ ok: false, error: { code: -32601, message: 'Oops', data: null, replyId: 7, status: 404 } });
  });

  it('reads the envelope, with \\/ escapes and string counts', () => {
    const out = readRpcReply(
      200,
      '{"jsonrpc":"2.0","result":{"itemId":"3","result":{"url":"https:\\/\\/x"},"resultCode":0,"resultMessage":null,"count":"1"},"id":1}',
    );
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
  it('branches on codes and SQLSTATEs; of the message only the English not-found and duplicate texts count', () => {
    expect(mapRpcError(failure(-32700)).code).toBe('bad_request');
    expect(mapRpcError(failure(-32600)).code).toBe('bad_request');
    expect(mapRpcError(failure(-32601)).code).toBe('unknown_method');
    expect(mapRpcError(failure(-32602, { help: [{ id: { description: 'Account Id', required: true } }] })).details.help).toBe(
      'id (required): Account Id',
    );
    expect(mapRpcError(failure(-32603, 'Invalid data')).code).toBe('auth');
    expect(mapRpcError(failure(0, null, 0)).code).toBe('server');
    expect(mapRpcError(failure(42)).message).toBe('translated text');
    // code 0 by meaning
    const zero = (message: string, data: unknown = null) => mapRpcError({ code: 0, message, data, replyId: 7, status: 200 });
    expect(zero("The account doesn't exist").code).toBe('not_found');
    expect(zero('Account not found').code).toBe('not_found');
    expect(zero('Category not found').code).toBe('not_found');
    expect(zero('Duplicated client').code).toBe('duplicate');
    expect(zero('Duplicated category name').code).toBe('duplicate');
    expect(zero('Internal error')).toMatchObject({ code: 'rejected', message: expect.stringContaining('416 bytes') });
    expect(zero('Das Konto existiert nicht').code).toBe('rejected'); // a translated text: shown, not guessed
    const tooLong = zero("SQLSTATE[22001]: String data, right truncated: 1406 Data too long for column 'name' at row 1", '22001');
    expect(tooLong).toMatchObject({
      code: 'too_long',
      message: 'sysPass refused a value longer than its database column “name” holds (SQL 22001).',
    });
    const bad = zero(
      "SQLSTATE[22007]: Invalid datetime format: 1366 Incorrect string value: '\\xF0\\x9F\\x94\\x91' " +
        'for column `syspass`.`Account`.`login` at row 1',
      '22007',
    );
    expect(bad.code).toBe('unstorable');
    expect(bad.message).toContain('“login”');
    expect(bad.message).not.toContain('SQLSTATE');
    expect(mapRpcError(failure(23000, 'SQLSTATE…')).code).toBe('rejected');
  });

  it('formats help entries and ignores malformed ones', () => {
    expect(formatHelp({ help: [{ a: { description: 'A', required: true } }, 'x', { b: { required: false } }] })).toBe('a (required): A; b');
    expect(formatHelp(null)).toBeUndefined();
  });
});
