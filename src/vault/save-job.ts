/**
 * One queued save as the save queue stores it, and the pure rules about it: when two saves are the same,
 * how a newer one merges in, what the popup may see, and the shape check for data read back from storage.
 */
import * as v from 'valibot';
import type { ErrorCode } from '../errors';
import type { Entry } from './entry';
import { isEntry } from './entry-guard';
import type { Accepted, NewLogin, SaveTarget } from './sources';

/**
 * What to save: a new entry, or a new password for an existing one. `accepted`: what the user agreed the server
 * may store differently, after being shown it (the source refuses any other change before sending).
 */
export type SaveRequest =
  | { kind: 'create'; sourceId: string; target: SaveTarget; login: NewLogin; accepted?: Accepted }
  | { kind: 'update'; sourceId: string; entry: Entry; password: string; reason?: string; accepted?: Accepted };

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
  /** Bumped when a newer save of the same login is merged in, so a try that was already running keeps the job. */
  revision?: number;
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

/** Same login in the same place (create), or same entry (update): a second save replaces the first. */
export function sameSave(job: SaveJob, request: SaveRequest): boolean {
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
export function mergeSave(job: SaveJob, request: SaveRequest, now: number): SaveJob {
  const base = { state: 'waiting' as const, nextAttemptAt: now, revision: (job.revision ?? 0) + 1 };
  if (job.kind === 'update' && request.kind === 'update') {
    const next: SaveJob = { ...job, ...base, entry: structuredClone(request.entry), password: request.password };
    if (request.reason !== undefined) next.reason = request.reason;
    return withAccepted(next, request.accepted);
  }
  if (job.kind === 'create' && request.kind === 'create') {
    const changed = job.login.password !== request.login.password;
    const next: SaveJob = {
      ...job,
      ...base,
      login: structuredClone(request.login),
      passwordChanged: Boolean(job.sent && (changed || job.passwordChanged)),
    };
    return withAccepted(next, request.accepted);
  }
  return job;
}

/** What the user accepted goes with the values it was accepted for: a newer request replaces it. */
function withAccepted(job: SaveJob, accepted: SaveRequest['accepted']): SaveJob {
  const next = { ...job };
  if (accepted) next.accepted = { ...accepted };
  else delete next.accepted;
  return next;
}

/** The popup's view of a job: no password, no unlock reason. */
export function summarizeSave(job: SaveJob): PendingSave {
  const common = {
    id: job.id,
    kind: job.kind,
    sourceId: job.sourceId,
    createdAt: job.createdAt,
    attempts: job.attempts,
    nextAttemptAt: job.nextAttemptAt,
    state: job.state,
  };
  const summary: PendingSave =
    job.kind === 'create'
      ? { ...common, name: job.login.name, url: job.login.url, targetPath: [...job.target.path] }
      : { ...common, name: job.entry.name, ...(job.entry.urls[0] === undefined ? {} : { url: job.entry.urls[0] }) };
  const username = job.kind === 'create' ? job.login.username : job.entry.username;
  if (username !== undefined) summary.username = username;
  if (job.lastError) summary.lastError = { ...job.lastError };
  return summary;
}

const int = v.pipe(v.number(), v.integer());
const time = v.pipe(v.number(), v.finite());
const targetBase = { id: v.string(), sourceId: v.string(), path: v.array(v.unknown()) };
const jobBase = {
  id: v.string(),
  sourceId: v.string(),
  createdAt: time,
  attempts: int,
  nextAttemptAt: time,
  state: v.picklist(['waiting', 'stopped']),
  accepted: v.optional(v.record(v.string(), v.boolean())),
};
/** A queued job as read back from storage (after decryption): the fields the queue relies on. */
const saveJobSchema = v.variant('kind', [
  v.looseObject({
    kind: v.literal('update'),
    ...jobBase,
    // The hand-written entry check of the cache (a hot path there), reused.
    entry: v.custom<Entry>(isEntry),
    password: v.string(),
    reason: v.optional(v.string()),
  }),
  v.looseObject({
    kind: v.literal('create'),
    ...jobBase,
    login: v.looseObject({ name: v.string(), url: v.string(), password: v.string() }),
    target: v.variant('kind', [
      v.looseObject({ kind: v.literal('personal'), ...targetBase }),
      v.looseObject({ kind: v.literal('project'), ...targetBase, projectId: int }),
      v.looseObject({ kind: v.literal('category'), ...targetBase, clientId: int, categoryId: int }),
    ]),
  }),
]);

/** Shape check for a job read back from storage. */
export function isSaveJob(value: unknown): value is SaveJob {
  return v.is(saveJobSchema, value);
}
