/**
 * Saves (new logins, changed passwords) that have not reached their server yet: persisted, encrypted with the
 * vault's data key like the cache, retried with exponential backoff, and never duplicated.
 *
 * Never duplicated: before a create is sent, the job is marked `sent` on disk (write-ahead). Any later try of a
 * `sent` create first asks the server (`Source.findExisting`) whether the earlier POST landed although its reply
 * was lost, or the worker died while it was in flight. Updates need no such check: setting a password twice is
 * harmless.
 */
import { inOrderBy } from '../in-order';
import { AppError, SchemaError, type ErrorCode } from '../errors';
import { base64ToBytes, bytesToBase64 } from './base64';
import { decryptJson, encryptJson } from './encrypt-json';
import type { Entry } from './entry';
import type { KeyValueStore } from './keyring';
import { isSaveJob, mergeSave, sameSave, summarizeSave, type PendingSave, type SaveJob, type SaveRequest } from './save-job';
import type { Source } from './sources';

/** What one {@link SaveQueue.process} run did. */
export interface ProcessResult {
  /** Saved now, or found already saved; `entry` is the entry on the server (for the cache and index). */
  saved: { save: PendingSave; entry: Entry }[];
  /** Failed this time (waiting for a retry, or stopped). */
  failed: PendingSave[];
  /** Jobs still queued. */
  remaining: number;
  /** When the next waiting job is due (for `alarms.create`); absent when none is waiting. */
  nextAttemptAt?: number;
}

/** Finds the source a job belongs to; `undefined` when that server was removed. */
export type SourceFor = (sourceId: string) => Source | undefined | Promise<Source | undefined>;

export interface SaveQueueOptions {
  /** `storage.local` in the worker. */
  store: KeyValueStore;
  /** The unlocked data key (`UnlockedKeyring.key`). */
  key: CryptoKey;
  /** Clock in epoch ms (default `Date.now`). */
  now?: () => number;
  /** First retry delay (default 30 s); doubles per attempt up to `maxBackoffMs` (default 1 h). */
  backoffMs?: number;
  maxBackoffMs?: number;
}

/** The storage key of the queue record. */
export const SAVE_QUEUE_STORAGE_KEY = 'saveQueue';

/**
 * Errors worth retrying: the server or the way to it may come back (a lockout ends). Everything else needs the
 * user: a value too long, refused or changed, a missing permission, a wrong token password, a deleted entry.
 */
const TRANSIENT = new Set<ErrorCode>(['network', 'timeout', 'server', 'invalid_response', 'lockout', 'aborted', 'vault_locked']);

/** Whether a save that failed with `code` is retried by itself (the save prompt says "will retry" only then). */
function isTransient(code: ErrorCode): boolean {
  return TRANSIENT.has(code);
}

/** AES-GCM additional data: a queue blob copied into another record does not decrypt there. */
const CONTEXT = 'save-queue';

interface QueueRecord {
  version: 1;
  /** In clear, so the popup can say "1 login not saved yet" while the vault is locked. No other detail. */
  count: number;
  iv: string;
  ct: string;
}

/** Read-modify-write of one store runs one after another, across queue instances on the same store. */
const inOrderPerStore = inOrderBy<KeyValueStore>();

/**
 * The number of queued saves, without the key (for the popup and the badge while the vault is locked).
 */
export async function pendingSaveCount(store: KeyValueStore): Promise<number> {
  const record = await readRecord(store);
  return record?.count ?? 0;
}

/** The persisted queue of saves. One per unlocked vault; a new instance over the same store sees the same jobs. */
export class SaveQueue {
  private readonly store: KeyValueStore;
  private readonly key: CryptoKey;
  private readonly now: () => number;
  private readonly backoffMs: number;
  private readonly maxBackoffMs: number;
  private running?: Promise<ProcessResult>;

  constructor(options: SaveQueueOptions) {
    this.store = options.store;
    this.key = options.key;
    this.now = options.now ?? Date.now;
    this.backoffMs = options.backoffMs ?? 30_000;
    this.maxBackoffMs = options.maxBackoffMs ?? 3_600_000;
  }

  /**
   * Adds a save, due at once. A second save of the same login (same place, name, username and URL) or of the same
   * entry replaces the first one's password instead of queueing a duplicate.
   */
  async enqueue(request: SaveRequest): Promise<PendingSave> {
    const now = this.now();
    return this.mutate((jobs) => {
      const twin = jobs.find((j) => sameSave(j, request));
      if (twin) {
        const merged = mergeSave(twin, request, now);
        return { jobs: jobs.map((j) => (j.id === twin.id ? merged : j)), value: summarizeSave(merged) };
      }
      const job: SaveJob = {
        ...structuredClone(request),
        id: crypto.randomUUID(),
        createdAt: now,
        attempts: 0,
        nextAttemptAt: now,
        state: 'waiting',
      };
      return { jobs: [...jobs, job], value: summarizeSave(job) };
    });
  }

  /** Every queued save, oldest first, without secrets. */
  async pending(): Promise<PendingSave[]> {
    return (await this.read()).map(summarizeSave);
  }

  /** Removes a save (the user gave up on it). False when it was not queued (already saved or dropped). */
  async drop(id: string): Promise<boolean> {
    return this.mutate((jobs) => ({ jobs: jobs.filter((j) => j.id !== id), value: jobs.some((j) => j.id === id) }));
  }

  /** Makes a save due now, also a stopped one (after the user fixed a permission or entered a reason). */
  async retryNow(id: string, changes: { reason?: string } = {}): Promise<boolean> {
    const now = this.now();
    return this.mutate((jobs) => {
      const job = jobs.find((j) => j.id === id);
      if (!job) return { jobs, value: false };
      const next: SaveJob = { ...job, state: 'waiting', nextAttemptAt: now };
      if (next.kind === 'update' && changes.reason !== undefined) next.reason = changes.reason;
      return { jobs: jobs.map((j) => (j.id === id ? next : j)), value: true };
    });
  }

  /** Deletes every queued save (e.g. when the vault is reset and the old key is gone). */
  async clear(): Promise<void> {
    await this.mutate(() => ({ jobs: [], value: undefined }));
  }

  /**
   * Tries every due, waiting save once, one after another. A call while a run is going joins that run, so an
   * alarm and a submit at the same moment cannot send the same create twice.
   */
  process(sourceFor: SourceFor, options: { now?: number } = {}): Promise<ProcessResult> {
    this.running ??= this.run(sourceFor, options.now ?? this.now()).finally(() => (this.running = undefined));
    return this.running;
  }

  private async run(sourceFor: SourceFor, now: number): Promise<ProcessResult> {
    const result: ProcessResult = { saved: [], failed: [], remaining: 0 };
    const due = (await this.read()).filter((j) => j.state === 'waiting' && j.nextAttemptAt <= now);
    for (const { id } of due) {
      const job = (await this.read()).find((j) => j.id === id);
      if (job?.state !== 'waiting') continue; // dropped or changed meanwhile
      try {
        const source = await sourceFor(job.sourceId);
        if (!source) throw new AppError('not_found', 'This server is no longer configured.');
        const entry = await this.attempt(job, source);
        // A newer password merged in while this try ran: keep the job, so the next run applies it.
        await this.mutate((jobs) => ({
          jobs: jobs.filter((j) => j.id !== id || (j.revision ?? 0) !== (job.revision ?? 0)),
          value: undefined,
        }));
        result.saved.push({ save: summarizeSave(job), entry });
      } catch (error) {
        const failed = await this.recordFailure(id, error, now);
        if (failed) result.failed.push(failed);
      }
    }
    const rest = await this.read();
    result.remaining = rest.length;
    const waiting = rest.filter((j) => j.state === 'waiting').map((j) => j.nextAttemptAt);
    if (waiting.length) result.nextAttemptAt = Math.min(...waiting);
    return result;
  }

  /** One try of one job; resolves to the entry on the server. */
  private async attempt(job: SaveJob, source: Source): Promise<Entry> {
    // Counted first, so a try that fails before sending (e.g. the existence check) still lengthens the backoff.
    await this.patch(job.id, { attempts: job.attempts + 1 });
    const accepted = job.accepted ?? {};
    if (job.kind === 'update') {
      await source.updatePassword(job.entry, job.password, job.reason === undefined ? { accepted } : { reason: job.reason, accepted });
      return job.entry;
    }
    if (job.sent) {
      const existing = await source.findExisting(job.target, job.login);
      if (existing) {
        if (job.passwordChanged) await source.updatePassword(existing, job.login.password, { accepted });
        return existing;
      }
    }
    // Write-ahead: from here on the POST may reach the server, whatever happens to the reply or to this worker.
    await this.patch(job.id, { sent: true, passwordChanged: false });
    return source.create(job.target, job.login, { accepted });
  }

  /** Schedules the retry (transient) or stops the job (permanent). Undefined when the job is gone. */
  private async recordFailure(id: string, error: unknown, now: number): Promise<PendingSave | undefined> {
    const code: ErrorCode = error instanceof AppError ? error.code : 'internal';
    const message = error instanceof Error ? error.message : String(error);
    return this.mutate((jobs) => {
      const job = jobs.find((j) => j.id === id);
      if (!job) return { jobs, value: undefined };
      const attempts = Math.max(job.attempts, 1);
      const transient = isTransient(code);
      const wait = Math.min(this.backoffMs * 2 ** Math.min(attempts - 1, 30), this.maxBackoffMs);
      const retryAfter = error instanceof AppError ? (error.details.retryAfterMs ?? 0) : 0;
      const next: SaveJob = {
        ...job,
        attempts,
        state: transient ? 'waiting' : 'stopped',
        nextAttemptAt: transient ? now + Math.max(wait, retryAfter) : job.nextAttemptAt,
        lastError: { code, message },
      };
      return { jobs: jobs.map((j) => (j.id === id ? next : j)), value: summarizeSave(next) };
    });
  }

  private patch(id: string, changes: Partial<Pick<SaveJob, 'attempts' | 'sent' | 'passwordChanged'>>): Promise<void> {
    return this.mutate((jobs) => ({ jobs: jobs.map((j) => (j.id === id ? ({ ...j, ...changes } as SaveJob) : j)), value: undefined }));
  }

  private async read(): Promise<SaveJob[]> {
    const record = await readRecord(this.store);
    if (!record) return [];
    const plain = await decryptJson(this.key, { iv: base64ToBytes(record.iv), ct: base64ToBytes(record.ct) }, CONTEXT);
    if (!Array.isArray(plain)) throw new SchemaError('The save queue is damaged.');
    // A job of an unknown shape (a bug, or a newer version's data) is left out rather than blocking the others.
    return plain.filter(isSaveJob);
  }

  /** Runs `change` on the current jobs and writes the result as one record (one `set`: all or nothing). */
  private mutate<T>(change: (jobs: SaveJob[]) => { jobs: SaveJob[]; value: T }): Promise<T> {
    const task = async () => {
      const { jobs, value } = change(await this.read());
      const blob = await encryptJson(this.key, jobs, CONTEXT);
      const record: QueueRecord = { version: 1, count: jobs.length, iv: bytesToBase64(blob.iv), ct: bytesToBase64(blob.ct) };
      await this.store.set({ [SAVE_QUEUE_STORAGE_KEY]: record });
      return value;
    };
    return inOrderPerStore(this.store, task);
  }
}

async function readRecord(store: KeyValueStore): Promise<QueueRecord | undefined> {
  const raw = ((await store.get(SAVE_QUEUE_STORAGE_KEY)) as Record<string, unknown> | undefined)?.[SAVE_QUEUE_STORAGE_KEY];
  if (raw === undefined) return undefined;
  const r = raw as Partial<QueueRecord> | null;
  if (r?.version !== 1 || !Number.isInteger(r.count) || typeof r.iv !== 'string' || typeof r.ct !== 'string') {
    throw new SchemaError('The save queue record has an unknown shape.');
  }
  return r as QueueRecord;
}
