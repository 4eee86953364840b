/** Locking, by the user or after idle time: whatever was decrypted leaves memory and session storage. */
import { dropFirstScreenSnapshot } from './first-screen-snapshot';
import * as session from './keyring-session';
import { forgetMemory } from './vault-service';

export async function lockVault(): Promise<void> {
  forgetMemory();
  const dropped = dropFirstScreenSnapshot();
  await session.lock();
  await dropped;
}
