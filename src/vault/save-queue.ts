/**
 * Saves (new logins, changed passwords) that have not reached their server yet: persisted, encrypted with the
 * vault's data key like the cache, retried with exponential backoff, and never duplicated.
 *
 * Never duplicated: before a create is sent, the job is marked `sent` on disk (write-ahead). Any later try of a
 * `sent` create first asks the server (`Source.findExisting`) whether the earlier POST landed although its reply
 * was lost, or the worker died while it was in flight. Updates need no such check: setting a password twice is
 * harmless.
 */
import { AppError, SchemaError, type ErrorCode } from '../errors';
import { base64ToBytes, bytesToBase64 } from './base64';
import { decryptJson, encryptJson } from './encrypt-json';
import type { Entry } from './entry';
import { isEntry } from './entry-guard';
import type { KeyValueStore } from './keyring';
import type { NewLogin, SaveTarget, Source } from './sources';

/** What to save: a new entry, or a new password for an existing one. */
export type SaveRequest =
  | { kind: 'create'; sourceId: string; target: SaveTarget; login: NewLogin }
  | { kind: 'update'; sourceId: string; entry: Entry; password: string; reason?: string };

/** `waiting`: retried automatically when due. `stopped`: a permanent error; stays visible until retried or dropped. */
export type SaveState = 'waiting' | 'stopped';

/** A queued save as stored (encrypted). Holds the password: never send it to a page. */
export type SaveJob = SaveRequest & {
  id: string;
  createdAt: number;
  /** Tries so far (each counts towards the backoff). */
  attempts: number;
  /** Epoch ms before which the job is not tried again. */
  nextAttemptAt: number;
  state: SaveState;
  lastError?: { code: ErrorCode; message: string };
  /** A create was sent at least once: it may exist on the server even though no reply came. */
  sent?: boolean;
  /** The password was replaced after a create was sent: a found entry still needs the new password. */
  passwordChanged?: boolean;
};

/** What the popup shows about a queued save: no password, no unlock reason. */
export interface PendingSave {
  id: string;
  kind: 'create' | 'update';
  sourceId: string;
  name: string;
  username?: string;
  url?: string;
  /** Where a new entry goes (project path; empty for TPM My Passwords). */
  targetPath?: string[];
  createdAt: number;
  attempts: number;
  nextAttemptAt: number;
  state: SaveState;
  lastError?: { code: ErrorCode; message: string };
}

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

/** Errors worth retrying: the server or the way to it may come back. Everything else needs the user. */
const TRANSIENT = new Set<ErrorCode>(['network', 'timeout', 'server', 'invalid_response', 'lockout', 'aborted', 'vault_locked']);

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
const chains = new WeakMap<KeyValueStore, Promise<unknown>>();

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
        const merged = mergeInto(twin, request, now);
        return { jobs: jobs.map((j) => (j.id === twin.id ? merged : j)), value: summarize(merged) };
      }
      const job: SaveJob = { ...structuredClone(request), id: crypto.randomUUID(), createdAt: now, attempts: 0, nextAttemptAt: now, state: 'waiting' };
      return { jobs: [...jobs, job], value: summarize(job) };
    });
  }

  /** Every queued save, oldest first, without secrets. */
  async pending(): Promise<PendingSave[]> {
    return (await this.read()).map(summarize);
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
      if (!job || job.state !== 'waiting') continue; // dropped or changed meanwhile
      try {
        const source = await sourceFor(job.sourceId);
        if (!source) throw new AppError('not_found', 'This server is no longer configured.');
        const entry = await this.attempt(job, source);
        await this.mutate((jobs) => ({ jobs: jobs.filter((j) => j.id !== id), value: undefined }));
        result.saved.push({ save: summarize(job), entry });
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
    if (job.kind === 'update') {
      await this.patch(job.id, { attempts: job.attempts + 1 });
      await source.updatePassword(job.entry, job.password, job.reason === undefined ? {} : { reason: job.reason });
      return job.entry;
    }
    if (job.sent) {
      const existing = await source.findExisting(job.target, job.login);
      if (existing) {
        if (job.passwordChanged) await source.updatePassword(existing, job.login.password);
        return existing;
      }
    }
    // Write-ahead: from here on the POST may reach the server, whatever happens to the reply or to this worker.
    await this.patch(job.id, { attempts: job.attempts + 1, sent: true, passwordChanged: false });
    return source.create(job.target, job.login);
  }

  /** Schedules the retry (transient) or stops the job (permanent). Undefined when the job is gone. */
  private async recordFailure(id: string, error: unknown, now: number): Promise<PendingSave | undefined> {
    const code: ErrorCode = error instanceof AppError ? error.code : 'internal';
    const message = error instanceof Error ? error.message : String(error);
    return this.mutate((jobs) => {
      const job = jobs.find((j) => j.id === id);
      if (!job) return { jobs, value: undefined };
      const attempts = Math.max(job.attempts, 1);
      const transient = TRANSIENT.has(code);
      const wait = Math.min(this.backoffMs * 2 ** Math.min(attempts - 1, 30), this.maxBackoffMs);
      const retryAfter = error instanceof AppError ? (error.details.retryAfterMs ?? 0) : 0;
      const next: SaveJob = {
        ...job,
        attempts,
        state: transient ? 'waiting' : 'stopped',
        nextAttemptAt: transient ? now + Math.max(wait, retryAfter) : job.nextAttemptAt,
        lastError: { code, message },
      };
      return { jobs: jobs.map((j) => (j.id === id ? next : j)), value: summarize(next) };
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
    const run = (chains.get(this.store) ?? Promise.resolve()).then(task, task);
    chains.set(this.store, run.catch(() => undefined));
    return run;
  }
}

async function readRecord(store: KeyValueStore): Promise<QueueRecord | undefined> {
  const raw = ((await store.get(SAVE_QUEUE_STORAGE_KEY)) as Record<string, unknown> | undefined)?.[SAVE_QUEUE_STORAGE_KEY];
  if (raw === undefined) return undefined;
  const r = raw as Partial<QueueRecord> | null;
  if (!r || r.version !== 1 || !Number.isInteger(r.count) || typeof r.iv !== 'string' || typeof r.ct !== 'string') {
    throw new SchemaError('The save queue record has an unknown shape.');
  }
  return r as QueueRecord;
}

function sameSave(job: SaveJob, request: SaveRequest): boolean {
  if (job.sourceId !== request.sourceId) return false;
  if (job.kind === 'update' && request.kind === 'update') return job.entry.id === request.entry.id;
  if (job.kind === 'create' && request.kind === 'create') {
    const a = job.login;
    const b = request.login;
    return job.target.id === request.target.id && a.name === b.name && (a.username ?? '') === (b.username ?? '') && a.url === b.url;
  }
  return false;
}

/** The newer request wins; the job is due again at once and forgets a permanent error (the user acted). */
function mergeInto(job: SaveJob, request: SaveRequest, now: number): SaveJob {
  const base = { state: 'waiting' as const, nextAttemptAt: now };
  if (job.kind === 'update' && request.kind === 'update') {
    const next: SaveJob = { ...job, ...base, entry: structuredClone(request.entry), password: request.password };
    if (request.reason !== undefined) next.reason = request.reason;
    return next;
  }
  if (job.kind === 'create' && request.kind === 'create') {
    const changed = job.login.password !== request.login.password;
    return { ...job, ...base, login: structuredClone(request.login), passwordChanged: Boolean(job.sent && (changed || job.passwordChanged)) };
  }
  return job;
}

function summarize(job: SaveJob): PendingSave {
  const common = { id: job.id, kind: job.kind, sourceId: job.sourceId, createdAt: job.createdAt, attempts: job.attempts, nextAttemptAt: job.nextAttemptAt, state: job.state };
  const summary: PendingSave =
    job.kind === 'create'
      ? { ...common, name: job.login.name, url: job.login.url, targetPath: [...job.target.path] }
      : { ...common, name: job.entry.name, ...(job.entry.urls[0] === undefined ? {} : { url: job.entry.urls[0] }) };
  const username = job.kind === 'create' ? job.login.username : job.entry.username;
  if (username !== undefined) summary.username = username;
  if (job.lastError) summary.lastError = { ...job.lastError };
  return summary;
}

function isSaveJob(value: unknown): value is SaveJob {
  if (typeof value !== 'object' || value === null) return false;
  const j = value as Record<string, unknown>;
  const common =
    typeof j.id === 'string' &&
    typeof j.sourceId === 'string' &&
    Number.isFinite(j.createdAt) &&
    Number.isInteger(j.attempts) &&
    Number.isFinite(j.nextAttemptAt) &&
    (j.state === 'waiting' || j.state === 'stopped');
  if (!common) return false;
  if (j.kind === 'update') return isEntry(j.entry) && typeof j.password === 'string' && (j.reason === undefined || typeof j.reason === 'string');
  if (j.kind !== 'create') return false;
  const login = j.login as Record<string, unknown> | null;
  const target = j.target as Record<string, unknown> | null;
  return (
    typeof login === 'object' && login !== null && typeof login.name === 'string' && typeof login.url === 'string' && typeof login.password === 'string' &&
    typeof target === 'object' && target !== null && typeof target.id === 'string' && typeof target.sourceId === 'string' && Array.isArray(target.path) &&
    (target.kind === 'personal' || (target.kind === 'project' && Number.isInteger(target.projectId)) ||
      (target.kind === 'category' && Number.isInteger(target.clientId) && Number.isInteger(target.categoryId)))
  );
}
