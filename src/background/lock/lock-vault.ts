/**
 * Locking, by the user or after idle time: whatever was decrypted leaves memory and session storage, and with it
 * every short-lived record that holds or leads to a secret (pending logins, generated passwords, what was filled,
 * fill tickets, menu sessions, command and generation nonces). Left: the frames that reported login forms and the
 * tabs' URLs (no secret; the popup and fills need them after the next unlock).
 */
import * as autofillRecords from '../autofill/records';
import { firstScreen } from '../first-screen';
import * as session from './keyring-session';
import * as saveRecords from '../save/records';
import { forgetMemory } from '../vault/vault-service';

export async function lockVault(): Promise<void> {
  forgetMemory();
  const dropped = firstScreen.drop();
  await session.lock();
  await Promise.all([dropped, saveRecords.clear(), autofillRecords.clear(['menu', 'ticket', 'nonce', 'last'])]);
}

/** Expired records nobody read again (the alarm's periodic sweep). */
export async function sweepRecords(): Promise<void> {
  await Promise.all([saveRecords.sweep(), autofillRecords.sweep()]);
}
