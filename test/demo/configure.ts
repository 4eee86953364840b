/** Sets the extension up for the demo servers through the same messages the options page sends. */
import type { ExtensionSession } from '../e2e/harness';
import { DEMO_PASSPHRASE, SYSPASS_TOKEN, TPM_USER } from './demo-world';

/** Sends a request as our pages do and resolves with the reply. */
export type Ask = (kind: string, body: unknown) => Promise<{ ok: boolean; value?: any; message?: string }>;

async function value(ask: Ask, kind: string, body: unknown): Promise<any> {
  const reply = await ask(kind, body);
  if (!reply?.ok) throw new Error(`${kind}: ${reply?.message ?? 'no answer'}`);
  return reply.value;
}

/**
 * The demo passphrase, a TPM (the demo user) and a sysPass server (the demo token) at these addresses, and their
 * first sync; resolves once both are synced. Any browser: `ask` sends from one of our pages.
 */
export async function configureServers(ask: Ask, servers: { tpm: { url: string }; syspass: { url: string } }): Promise<void> {
  await value(ask, 'setPassphrase', { passphrase: DEMO_PASSPHRASE });
  await value(ask, 'saveServer', {
    server: {
      kind: 'tpm',
      name: 'Company TPM',
      baseUrl: servers.tpm.url,
      credentials: { kind: 'tpm-basic', username: TPM_USER.username, password: TPM_USER.password },
    },
  });
  await value(ask, 'saveServer', {
    server: { kind: 'syspass', name: 'Team sysPass', baseUrl: servers.syspass.url, credentials: { kind: 'syspass', ...SYSPASS_TOKEN } },
  });
  for (const deadline = Date.now() + 30_000; ; await new Promise((resolve) => setTimeout(resolve, 200))) {
    const sources: { name: string; lastSyncAt?: string; lastError?: { message: string } }[] = (await value(ask, 'getPopupState', {}))
      .sources;
    const failed = sources.find((s) => s.lastError);
    if (failed) throw new Error(`${failed.name}: ${failed.lastError!.message}`);
    if (sources.every((s) => s.lastSyncAt)) break;
    if (Date.now() > deadline) throw new Error('the first sync did not finish');
  }
}

/** The same in the Chromium demo, from its options page. */
export async function configureDemo(ext: ExtensionSession, servers: { tpm: { url: string }; syspass: { url: string } }): Promise<void> {
  const options = await ext.openOptions();
  await configureServers(
    (kind, body) => options.evaluate(([k, b]) => chrome.runtime.sendMessage({ kind: k, body: b }), [kind, body] as const),
    servers,
  );
  await options.close();
}
