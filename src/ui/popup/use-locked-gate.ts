/**
 * Locked passwords (TPM): type 1 needs a reason before anything reveals the secret; type 2 only allows a
 * permission request in the web UI. Actions go through `guard`, which asks for the reason once, then reuses it.
 */
import { useState } from 'preact/hooks';
import type { EntrySummary } from '../../messages';
import { errorCode } from '../error-text';

type Action = (reason?: string) => Promise<void>;

export interface LockedGate {
  /** Runs the action now, or once the user has given a reason. */
  guard: (action: Action) => Promise<void>;
  asking: boolean;
  submitReason: (reason: string) => Promise<void>;
  cancel: () => void;
  /** Type 2: nothing can be revealed from here. */
  blocked: boolean;
}

export function useLockedGate(entry: EntrySummary): LockedGate {
  const [reason, setReason] = useState<string>();
  const [pending, setPending] = useState<{ action: Action }>();
  const guard = async (action: Action) => {
    if (entry.lockedType === 1 && reason === undefined) return setPending({ action });
    try {
      await action(reason);
    } catch (error) {
      // The server knows best: an entry locked since the last sync asks for its reason now.
      if (errorCode(error) === 'locked_reason') return setPending({ action });
      throw error;
    }
  };
  const submitReason = async (given: string) => {
    setReason(given);
    const next = pending;
    setPending(undefined);
    await next?.action(given);
  };
  return { guard, asking: pending !== undefined, submitReason, cancel: () => setPending(undefined), blocked: entry.lockedType === 2 };
}
