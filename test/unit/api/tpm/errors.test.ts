import { describe, expect, it, vi } from 'vitest';
import { TpmClient } from '../../../../src/api/tpm/client';
import { tpmError } from '../../../../src/api/tpm/errors';
import { abortableDelay, fakeFetch, jsonResponse, textResponse } from './fake-fetch';
import { fixtureText } from './fixtures';

const body = (message: string) => JSON.stringify({ error: true, type: 'x', message });

describe('tpmError', () => {
  it.each([
    [401, body('Incorrect username or password.'), 'auth', 'Incorrect username or password.'],
    [403, body('API access is disabled'), 'api_disabled', 'API access is disabled'],
    [403, body('Personal passwords are disabled'), 'personal_disabled', 'Personal passwords are disabled'],
    [
      403,
      body('This password is locked. Provide a reason to unlock it (X-Unlock-Reason header).'),
      'locked_reason',
      'This password is locked.',
    ],
    [403, body('This password is locked and requires permission to be unlocked.'), 'locked_permission', 'requires permission'],
    [403, body('You do not have permission to edit this password.'), 'forbidden', 'do not have permission'],
    [404, body('The password does not exist or you cannot access it.'), 'not_found', 'does not exist'],
    [404, body('Controller does not exist.'), 'wrong_version', 'Controller does not exist.'],
    [200, body('Controller does not exist.'), 'wrong_version', 'API version'],
    [415, body('Unsupported Media Type'), 'unsupported_media', 'Unsupported Media Type'],
    [400, body('The name is required.'), 'bad_request', 'The name is required.'],
    [500, body('Database error'), 'server', 'Database error'],
    [502, '<html><body>Bad Gateway</body></html>', 'server', 'not a JSON answer'],
    [503, '', 'server', 'status 503'],
  ] as const)('maps %i %s to %s', (status, text, code, message) => {
    const error = tpmError(status, text);
    expect(error.code).toBe(code);
    expect(error.message).toContain(message);
    expect(error.details.status).toBe(status);
  });

  it('falls back to a generic message per status without a JSON body', () => {
    expect(tpmError(401, '').message).toMatch(/not accepted/);
    expect(tpmError(403, '<html>').code).toBe('forbidden');
    expect(tpmError(404, '').code).toBe('not_found');
    expect(tpmError(415, '').code).toBe('unsupported_media');
  });
});

describe('TpmClient errors', () => {
  const client = (fetch: ReturnType<typeof fakeFetch>['fetch'], extra: { timeoutMs?: number } = {}) =>
    new TpmClient({
      baseUrl: 'https://tpm.test',
      auth: { kind: 'basic', username: 'u', password: 'p' },
      fetch,
      apiVersion: 'v5',
      retries: 1,
      backoffMs: 1,
      ...extra,
    });

  it('reports PHP output after the JSON (the recorded value_error body) as invalid_response', async () => {
    const { fetch } = fakeFetch(() => textResponse(200, fixtureText('passwords/value_error.json'), 'application/json'));
    await expect(client(fetch).getPassword(68)).rejects.toMatchObject({ code: 'invalid_response', details: { status: 200 } });
  });

  it('reports PHP warnings before the JSON as invalid_response', async () => {
    const { fetch } = fakeFetch(() => textResponse(200, `<br />\n<b>Warning</b>: oops<br />\n${fixtureText('passwords/68.json')}`));
    await expect(client(fetch).getPassword(68)).rejects.toMatchObject({
      code: 'invalid_response',
      message: expect.stringMatching(/HTML page or PHP output/),
    });
  });

  it('reports truncated, empty and wrongly shaped bodies as invalid_response', async () => {
    const text = fixtureText('passwords/68.json');
    for (const answer of [text.slice(0, text.length / 2), '', JSON.stringify({ id: 'x' })]) {
      const { fetch } = fakeFetch(() => textResponse(200, answer, 'application/json'));
      await expect(client(fetch).getPassword(68)).rejects.toMatchObject({ code: 'invalid_response' });
    }
  });

  it('carries the server message of a typed error', async () => {
    const { fetch } = fakeFetch(() => jsonResponse(403, { error: true, type: 'Forbidden', message: 'Personal passwords are disabled' }));
    await expect(client(fetch).listMyPasswords()).rejects.toMatchObject({
      code: 'personal_disabled',
      message: 'Personal passwords are disabled',
    });
  });

  it('reports a server that never answers as timeout, when the time limit of each attempt is over', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      const { fetch, calls } = fakeFetch((call) => abortableDelay(60_000, call.signal).then(() => jsonResponse(200, {})));
      const started = Date.now();
      let settledAt = 0;
      const outcome = client(fetch, { timeoutMs: 50 })
        .me()
        .finally(() => (settledAt = Date.now()));
      outcome.catch(() => undefined);
      await vi.advanceTimersByTimeAsync(60_000);
      await expect(outcome).rejects.toMatchObject({ code: 'timeout' });
      expect(calls).toHaveLength(2); // GET: one retry
      // 50 ms, 1 ms of backoff, 50 ms (on the fake clock): not the 60 s the server would take.
      expect(settledAt - started).toBe(101);
    } finally {
      vi.useRealTimers();
    }
  });

  it('reports connection failures as network', async () => {
    const { fetch } = fakeFetch(() => Promise.reject(new TypeError('fetch failed')));
    await expect(client(fetch).me()).rejects.toMatchObject({ code: 'network' });
  });

  it('reports cancellation as aborted', async () => {
    const { fetch } = fakeFetch((call) => abortableDelay(60_000, call.signal).then(() => jsonResponse(200, {})));
    const controller = new AbortController();
    const pending = client(fetch).me({ signal: controller.signal });
    setTimeout(() => controller.abort(), 10);
    await expect(pending).rejects.toMatchObject({ code: 'aborted' });
  });

  it('hints at clock skew when HMAC is refused and the server clock differs', async () => {
    const { fetch } = fakeFetch(() =>
      jsonResponse(401, { error: true, message: 'Invalid request hash.' }, { Date: new Date(Date.now() + 3_600_000).toUTCString() }),
    );
    const c = new TpmClient({
      baseUrl: 'https://tpm.test',
      auth: { kind: 'hmac', publicKey: 'p', privateKey: 'k' },
      fetch,
      apiVersion: 'v5',
    });
    await expect(c.me()).rejects.toMatchObject({ code: 'auth', details: { help: expect.stringMatching(/clock/) } });
  });
});
