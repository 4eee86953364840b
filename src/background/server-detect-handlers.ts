/** The setup's first question about a server: what answers at the address the user typed. */
import { detectServer } from '../api/detect-server';
import { AppError } from '../errors';
import { parseServerAddress } from '../server-address';
import { isLocalHost } from './server-url';

const workerFetch = (input: string, init: RequestInit) => fetch(input, init);

export const serverDetectHandlers = {
  async detectServer({ address }: { address: string }) {
    const parsed = parseServerAddress(address);
    if (!parsed.ok) throw new AppError('bad_request', 'This is not a server address.');
    const url = new URL(parsed.baseUrl);
    // Nothing, not even a probe without credentials, goes in clear across the internet.
    if (url.protocol === 'http:' && !isLocalHost(url.hostname)) throw new AppError('insecure_url', 'Plain http:// is refused for a server on the internet: use https://.');
    return detectServer(parsed.baseUrl, workerFetch);
  },
};
