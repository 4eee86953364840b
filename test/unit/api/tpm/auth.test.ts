import { describe, expect, it } from 'vitest';
import { authHeaders, basicAuthorization, encodeUnlockReason, tpmRequestHash } from '../../../../src/api/tpm/auth';

// The published vectors (ernestre/terraform-provider-teampasswordmanager, tpm/auth_test.go), re-checked in the reference.
const VECTORS = [
  {
    path: 'api/v5/projects.json',
    ts: '1644913719',
    key: 'dc6laksjddk1l23kl12j31l23j2k2jlfaa88afbdd51d7089calsdjaslkdjljc9',
    body: '{"name":"This is a new password","parent_id":0}',
    hash: '44105abe110f2e02b75584b939e294886a4e5cc42bc873e58d75ebb78795c2f5',
  },
  {
    path: 'api/v5/projects.json',
    ts: '1644915273',
    key: '0000000000000000002j31l23j2k2jlfaa88afbdd51d70800000000000000000',
    body: '{"name":"This is a new password"}',
    hash: '5fe43518b641d5c56a7e68d4937f2daad46c405bec2c36a0fb4563a22a51f986',
  },
];

describe('HMAC', () => {
  it.each(VECTORS)('matches the published vector for ts $ts', async ({ path, ts, key, body, hash }) => {
    expect(await tpmRequestHash(key, path, ts, body)).toBe(hash);
  });

  it('puts the public key, the timestamp in seconds and the hash in headers', async () => {
    const v = VECTORS[0];
    const headers = await authHeaders({ kind: 'hmac', publicKey: 'pub', privateKey: v.key }, v.path, v.body, Number(v.ts) * 1000 + 999);
    expect(headers).toEqual({ 'X-Public-Key': 'pub', 'X-Request-Timestamp': v.ts, 'X-Request-Hash': v.hash });
  });

  it('signs a different hash when the body, path or time differ', async () => {
    const v = VECTORS[0];
    const base = await tpmRequestHash(v.key, v.path, v.ts, v.body);
    expect(await tpmRequestHash(v.key, v.path, v.ts, `${v.body} `)).not.toBe(base);
    expect(await tpmRequestHash(v.key, 'api/v4/projects.json', v.ts, v.body)).not.toBe(base);
    expect(await tpmRequestHash(v.key, v.path, String(Number(v.ts) + 1), v.body)).not.toBe(base);
  });

  it('signs GET requests over an empty body', async () => {
    const headers = await authHeaders({ kind: 'hmac', publicKey: 'p', privateKey: 'k' }, 'api/v5/passwords.json', '', 1_700_000_000_000);
    expect(headers['X-Request-Hash']).toBe(await tpmRequestHash('k', 'api/v5/passwords.json', '1700000000', ''));
  });
});

describe('HTTP Basic', () => {
  it('encodes ASCII credentials like btoa', () => {
    expect(basicAuthorization('john', 'demopassword')).toBe(`Basic ${btoa('john:demopassword')}`);
  });

  it('encodes non-Latin-1 credentials as UTF-8', () => {
    const header = basicAuthorization('jürgen', 'pässwörd-€-🔑');
    expect(Buffer.from(header.slice(6), 'base64').toString('utf8')).toBe('jürgen:pässwörd-€-🔑');
  });

  it('sends only the Authorization header', async () => {
    expect(await authHeaders({ kind: 'basic', username: 'a', password: 'b' }, 'api/v5/x.json', '', 0)).toEqual({
      Authorization: `Basic ${btoa('a:b')}`,
    });
  });
});

describe('encodeUnlockReason', () => {
  it('sends UTF-8 bytes as Latin-1 characters (a valid header ByteString)', () => {
    const encoded = encodeUnlockReason('Prüfung – 🔒');
    expect([...encoded].every((c) => c.charCodeAt(0) <= 0xff)).toBe(true);
    expect(Buffer.from(encoded, 'latin1').toString('utf8')).toBe('Prüfung – 🔒');
  });

  it('replaces line breaks, which are not allowed in headers', () => {
    expect(encodeUnlockReason('line one\r\nline two')).toBe('line one line two');
  });
});
