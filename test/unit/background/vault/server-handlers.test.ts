/** The servers' area of the worker: what answers at an address is asked only over a connection fit for a sign-in. */
import { fakeBrowser } from '@webext-core/fake-browser';
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('webextension-polyfill', () => ({ default: fakeBrowser }));
const { serverHandlers } = await import('../../../../src/background/vault/server-handlers');

const detect = (address: string) => serverHandlers.detectServer({ address });

describe('detectServer', () => {
  const fetch = vi.fn(async (_url: string | URL | Request, _init?: RequestInit) => new Response('{}', { status: 404 }));
  vi.stubGlobal('fetch', fetch);
  afterEach(() => fetch.mockClear());

  it('sends nothing in clear across the internet, nor to what is no server address', async () => {
    await expect(detect('http://tpm.example.com')).rejects.toMatchObject({ code: 'insecure_url' });
    await expect(detect('ftp://tpm.example.com')).rejects.toMatchObject({ code: 'bad_request' });
    await expect(detect('https://alice:pw@tpm.example.com')).rejects.toMatchObject({ code: 'bad_request' });
    expect(fetch).not.toHaveBeenCalled();
  });

  it('probes a local server over http, and a pasted page of the server at its base address', async () => {
    await expect(detect('http://127.0.0.1:8080/tpm/index.php/pwd/view/1')).rejects.toMatchObject({ code: 'not_a_server' });
    expect(fetch.mock.calls.map(([url]) => String(url))).toContain('http://127.0.0.1:8080/tpm/index.php/api/v5/version.json');
  });
});
