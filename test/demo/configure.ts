/** Sets the extension up for the demo servers through the same messages the options page sends. */
import type { Page } from 'playwright-core';
import type { ExtensionSession } from '../e2e/harness';
import { DEMO_PASSPHRASE, SYSPASS_TOKEN, TPM_USER, type DemoWorld } from './demo-world';

async function ask(page: Page, kind: string, body: unknown): Promise<any> {
  const reply = await page.evaluate(([k, b]) => chrome.runtime.sendMessage({ kind: k, body: b }), [kind, body] as const);
  if (!reply?.ok) throw new Error(`${kind}: ${reply?.message ?? 'no answer'}`);
  return reply.value;
}

/** Passphrase, both servers, and their first sync; resolves once both are synced. */
export async function configureDemo(ext: ExtensionSession, world: DemoWorld): Promise<void> {
  const options = await ext.openOptions();
  await ask(options, 'setPassphrase', { passphrase: DEMO_PASSPHRASE });
  await ask(options, 'saveServer', {
    server: { kind: 'tpm', name: 'Company TPM', baseUrl: world.tpm.url, credentials: { kind: 'tpm-basic', username: TPM_USER.username, password: TPM_USER.password } },
  });
  await ask(options, 'saveServer', { server: { kind: 'syspass', name: 'Team sysPass', baseUrl: world.syspass.url, credentials: { kind: 'syspass', ...SYSPASS_TOKEN } } });
  for (const deadline = Date.now() + 30_000; ; await options.waitForTimeout(200)) {
    const sources: { name: string; lastSyncAt?: string; lastError?: { message: string } }[] = (await ask(options, 'getPopupState', {})).sources;
    const failed = sources.find((s) => s.lastError);
    if (failed) throw new Error(`${failed.name}: ${failed.lastError!.message}`);
    if (sources.every((s) => s.lastSyncAt)) break;
    if (Date.now() > deadline) throw new Error('the first sync did not finish');
  }
  await options.close();
}
