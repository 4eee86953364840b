/**
 * The demo's world: a Team Password Manager and a sysPass simulator seeded like a small company, demo login pages
 * on local host names, and the few entries that match those pages, created through the servers' real APIs.
 */
import path from 'node:path';
import { SyspassClient } from '../../src/api/syspass/client';
import { servePages, type PageServer } from '../e2e/harness';
import { startSyspassSim, type SyspassSim } from '../sim/syspass/server';
import { DEMO_AUTH_TOKEN, DEMO_TOKEN_PASS } from '../sim/syspass/seed';
import { startTpmSim, type TpmSim } from '../sim/tpm/server';
import { DEMO_USERS } from '../sim/tpm/seed';
import { tpmAdmin } from '../tpm-admin';

/** Every demo page lives on `<name>.demo.test`, mapped to 127.0.0.1 in the demo's Chromium. */
export const DEMO_HOSTS = '*.demo.test';
export const DEMO_PASSPHRASE = 'demo passphrase';
export const TPM_USER = DEMO_USERS.normal;
export const SYSPASS_TOKEN = { authToken: DEMO_AUTH_TOKEN, tokenPassword: DEMO_TOKEN_PASS };

export interface DemoWorld {
  tpm: TpmSim;
  syspass: SyspassSim;
  pages: PageServer;
  /** `http://<host>.demo.test:<port>/<path>` */
  at(host: string, page?: string): string;
  close(): Promise<void>;
}

const fetchFn = (input: string, init: RequestInit) => fetch(input, init);

export async function startDemoWorld(): Promise<DemoWorld> {
  const [tpm, syspass, pages] = await Promise.all([
    startTpmSim({ entries: 300 }),
    startSyspassSim({ accounts: 80 }),
    servePages(path.join(import.meta.dirname, 'pages')),
  ]);
  const at = (host: string, page = '') => `http://${host}.demo.test:${pages.port}/${page}`;

  const company = tpmAdmin(tpm.url);
  const shared = (await company.listSubprojects(0)).find((p) => p.name === 'Shared services');
  if (!shared) throw new Error('The TPM seed has no "Shared services" project.');
  await company.createPassword(shared.id, {
    name: 'Intranet portal',
    accessInfo: at('intranet', 'login.html'),
    username: 'alice.w',
    password: 'Intranet-Demo-2026',
    tags: ['intranet'],
  });
  await company.createPassword(shared.id, {
    name: 'Company SSO',
    accessInfo: at('sso'),
    username: 'alice@company.example',
    password: 'Sso-Demo-2026!',
    tags: ['sso'],
  });

  const team = new SyspassClient({ baseUrl: syspass.url, ...SYSPASS_TOKEN, fetch: fetchFn });
  const [client] = await team.searchClients();
  const [category] = await team.searchCategories();
  await team.createAccount({
    name: 'Team wiki',
    clientId: client.id,
    categoryId: category.id,
    login: 'alice',
    url: at('wiki', 'login.html'),
    password: 'Wiki-Demo-2026',
  });

  return {
    tpm,
    syspass,
    pages,
    at,
    close: async () => {
      await Promise.all([tpm.close(), syspass.close(), pages.close()]);
    },
  };
}

/**
 * The demo's way out: closes the browser, then the world, once (Ctrl+C, SIGTERM, the browser closed, or a call), and
 * exits with the code given.
 */
export function stopOnce(browser: { close(): Promise<unknown> }, world: DemoWorld): (code: number) => Promise<void> {
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await browser.close().catch(() => undefined);
    await world.close().catch(() => undefined);
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  return stop;
}
