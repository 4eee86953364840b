/** What answers at an address, against both simulators and a web server that is neither. */
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectServer } from '../../../src/api/detect-server';
import { AppError } from '../../../src/errors';
import { startSyspassSim, type SyspassSim } from '../../sim/syspass/server';
import { startTpmSim, type TpmSim } from '../../sim/tpm/server';

const fetchFn = (input: string, init: RequestInit) => fetch(input, init);

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'resolved';
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return (error as AppError).code;
  }
}

describe('detectServer', () => {
  let tpm: TpmSim;
  let tpmV4: TpmSim;
  let tpmOff: TpmSim;
  let syspass: SyspassSim;
  let web: http.Server;
  let webUrl: string;
  beforeAll(async () => {
    [tpm, tpmV4, tpmOff, syspass] = await Promise.all([
      startTpmSim({ entries: 5, basePath: '/tpm' }),
      startTpmSim({ entries: 5, version: 'v4' }),
      startTpmSim({ entries: 5, apiEnabled: false }),
      startSyspassSim({ accounts: 5 }),
    ]);
    // An intranet web server that is neither: a page for every path, JSON for none.
    web = http.createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end('<h1>Intranet</h1>'));
    await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve));
    webUrl = `http://127.0.0.1:${(web.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    await Promise.all([tpm.close(), tpmV4.close(), tpmOff.close(), syspass.close(), new Promise((r) => web.close(r))]);
  });

  it('recognises Team Password Manager in a sub-folder (it asks for credentials: 401 in its JSON error shape)', async () => {
    expect(await detectServer(tpm.url, fetchFn)).toEqual({ kind: 'tpm', baseUrl: tpm.url });
    expect(tpm.faults.log).toContain('GET /tpm/index.php/api/v5/version.json');
  });

  it('recognises a TPM that only has API v4 ("Controller does not exist." is TPM too)', async () => {
    expect((await detectServer(tpmV4.url, fetchFn)).kind).toBe('tpm');
  });

  it('recognises sysPass without a failed attempt: no token reaches it', async () => {
    expect(await detectServer(syspass.url, fetchFn)).toEqual({ kind: 'syspass', baseUrl: syspass.url });
    expect([...syspass.state.tracks.values()].flat()).toEqual([]);
  });

  it('says when a TPM has its API turned off', async () => {
    expect(await codeOf(detectServer(tpmOff.url, fetchFn))).toBe('api_disabled');
  });

  it('tells "answers, but is neither" from "nothing answers"', async () => {
    expect(await codeOf(detectServer(webUrl, fetchFn))).toBe('not_a_server');
    expect(await codeOf(detectServer(`${tpm.url.replace('/tpm', '')}/wrong-folder`, fetchFn))).toBe('not_a_server');
    expect(await codeOf(detectServer('http://127.0.0.1:9', fetchFn))).toBe('network');
  });
});
