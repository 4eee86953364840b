/**
 * sysPass's brute-force lockout as the client keeps it: after "Attempts exceeded" no call to that server until the
 * window has passed, since every call from a locked-out address (correct ones too) fails and extends the lock.
 */
import { AppError } from '../../errors';

/** Remembers until when a server must not be called, by endpoint: shared by every client of that server. */
export interface LockoutStore {
  /** Epoch ms until which `endpoint` is locked out; 0 (or a past time) when it is not. */
  get(endpoint: string): Promise<number>;
  set(endpoint: string, until: number): Promise<void>;
}

/** A lockout store in memory (a test, or a client that lives alone). */
export function memoryLockoutStore(): LockoutStore {
  const until = new Map<string, number>();
  return {
    get: async (endpoint) => until.get(endpoint) ?? 0,
    set: async (endpoint, value) => void until.set(endpoint, value),
  };
}

/** How long to stop calling a server after "Attempts exceeded" (its window is 600 s). */
export const LOCKOUT_MS = 10 * 60_000;
/**
 * sysPass answers "Attempts exceeded" only after sleeping 0.5 s × failed attempts (at least 10, so ≥ 5 s), and its
 * other -32603 replies come at once. The code is the same, the text is translated: the delay is what tells them apart.
 */
export const LOCKOUT_MIN_DELAY_MS = 4_000;

/** One server's lockout. */
export class Lockout {
  constructor(
    private readonly store: LockoutStore,
    private readonly endpoint: string,
    private readonly now: () => number,
  ) {}

  /** Epoch ms until which the server is not called; 0 when it is not locked out. */
  async until(): Promise<number> {
    const until = await this.store.get(this.endpoint);
    return until > this.now() ? until : 0;
  }

  /** The server said "Attempts exceeded" (`message`): remembered, and the error to show. */
  async begin(message: string): Promise<AppError> {
    const until = this.now() + LOCKOUT_MS;
    await this.store.set(this.endpoint, until);
    return new AppError(
      'lockout',
      `${message}: sysPass refuses calls after too many failed attempts. No call to this server until ${clockTime(until)}.`,
      { retryAfterMs: LOCKOUT_MS },
    );
  }

  /** Throws while the server is locked out. */
  async assertNone(): Promise<void> {
    const until = await this.until();
    if (until > 0)
      throw new AppError(
        'lockout',
        `sysPass refused calls after too many failed attempts: no call to this server until ${clockTime(until)}.`,
        { retryAfterMs: until - this.now() },
      );
  }
}

/** A time of day for messages ("14:05"), in the browser's locale. */
function clockTime(epochMs: number): string {
  return new Date(epochMs).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}
