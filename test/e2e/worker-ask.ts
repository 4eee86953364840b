/** Requests to the worker sent as our pages send them, and the set-up many e2e files start from. */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { DEMO_USERS } from '../sim/tpm/seed';

export type Ask = (kind: string, body: unknown) => Promise<any>;

/** Sends requests from one of our pages (`page`), as the settings page does. */
export function askFrom(page: Page): Ask {
  return (kind, body) => page.evaluate(([k, b]) => chrome.runtime.sendMessage({ kind: k, body: b }), [kind, body] as const);
}

/** Sets the passphrase and adds the TPM at `baseUrl` as the seed's normal user, as a user does in the settings. */
export async function addCompanyTpm(ask: Ask, baseUrl: string): Promise<void> {
  expect(await ask('setPassphrase', { passphrase: 'correct horse battery' })).toMatchObject({ ok: true });
  const user = DEMO_USERS.normal;
  const credentials = { kind: 'tpm-basic', username: user.username, password: user.password };
  expect(await ask('saveServer', { server: { kind: 'tpm', name: 'Company TPM', baseUrl, credentials } })).toMatchObject({ ok: true });
}
