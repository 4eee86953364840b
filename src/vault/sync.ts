/**
 * Brings sources' lists into the vault. One run per source at a time; a failing source keeps its last good data
 * and reports why; lock or removal cancels the runs. A run probes before it transfers: where the source has a
 * cheap probe and its full list is younger than the full-sync period, an unchanged probe ends the run, and a
 * change that is only additions brings just those; anything else reads the full list.
 */
import { AppError, toErrorReply, type ErrorCode } from '../errors';
import type { Entry, Project } from './entry';
import { limitEntry, limitProject } from './entry-limits';
import type { Known, Source } from './sources';

export interface SyncState {
  entryCount: number;
  /** ISO time of the last successful sync: the data was checked then (a probe or a full list). */
  lastSyncAt?: string;
  /** ISO time of the last full list. */
  lastFullSyncAt?: string;
  /** What the source's probe answered at the last successful sync (see `Source.probe`). */
  fingerprint?: string;
  lastError?: { code: ErrorCode; message: string; at: string };
  /** Failures in a row (the backoff grows with them); absent after a success. */
  failures?: number;
  /** ISO time before which the server asked not to be called again (`Retry-After`). */
  retryAt?: string;
  /** Present while a run is going on. */
  progress?: { done: number; total: number };
}

export interface SyncResult {
  sourceId: string;
  entries: Entry[];
  projects: Project[];
}

export interface SyncerDeps {
  now: () => Date;
  /** Stores a successful run's data (memory, indexes, cache). Runs before the state says "synced". */
  /**
   * `signal` is aborted when the run was cancelled (lock, server removed) meanwhile: check it right before each
   * change, since the removal may happen while this function awaits.
   */
  accept(result: SyncResult, signal: AbortSignal): Promise<void>;
  /** Adds entries a probe found to be new (without a full list); same `signal` rule as `accept`. */
  acceptAdded(sourceId: string, entries: Entry[], signal: AbortSignal): Promise<void>;
  /** What the vault holds of the source now. */
  known(sourceId: string): Promise<Known>;
  /** Called on every change of a source's state (progress, success, failure). */
  onState(sourceId: string, state: SyncState): void;
}

export interface RunOptions {
  /** Read the full list whatever a probe would say (*Sync now*). */
  full?: boolean;
  /** A full list older than this is read again even when the probe shows no change (the full-sync period). */
  fullAfterMs: number;
}

/** Runs syncs, one per source at a time, and keeps each source's state. */
export class Syncer {
  private readonly running = new Map<string, { controller: AbortController; done: Promise<void> }>();
  private readonly states = new Map<string, SyncState>();

  constructor(private readonly deps: SyncerDeps) {}

  state(sourceId: string): SyncState | undefined {
    return this.states.get(sourceId);
  }

  /** Restores a state read from the cache (after a worker restart). */
  restore(sourceId: string, state: SyncState): void {
    this.states.set(sourceId, { ...state, progress: undefined });
  }

  isRunning(sourceId: string): boolean {
    return this.running.has(sourceId);
  }

  /** Starts a run for the source, or joins the one already going. Never rejects: failures go into the state. */
  run(source: Source, options: RunOptions = { fullAfterMs: 0 }): Promise<void> {
    const current = this.running.get(source.id);
    if (current) return current.done;
    const controller = new AbortController();
    // A cancelled run ends later than its cancel: by then a new run may hold the source's place, which stays.
    const run = {
      controller,
      done: this.execute(source, options, controller.signal).finally(
        () => this.running.get(source.id) === run && this.running.delete(source.id),
      ),
    };
    this.running.set(source.id, run);
    return run.done;
  }

  cancel(sourceId: string): void {
    this.running.get(sourceId)?.controller.abort();
    this.running.delete(sourceId);
  }

  /** Cancels every run and forgets every state (on lock). */
  reset(): void {
    for (const id of [...this.running.keys()]) this.cancel(id);
    this.states.clear();
  }

  forget(sourceId: string): void {
    this.cancel(sourceId);
    this.states.delete(sourceId);
  }

  private async execute(source: Source, options: RunOptions, signal: AbortSignal): Promise<void> {
    const before = this.states.get(source.id) ?? { entryCount: 0 };
    // Pages still in flight when the list fails may report progress afterwards: that must not overwrite the outcome.
    let over = false;
    try {
      if (!options.full && (await this.probed(source, before, options, signal))) return;
      this.update(source.id, { ...before, progress: { done: 0, total: 0 } });
      const onProgress = (done: number, total: number) => {
        if (!signal.aborted && !over) this.update(source.id, { ...before, progress: { done, total } });
      };
      // Sync now (`full`) lists everything afresh; otherwise what is held may be kept where the list shows it unchanged.
      const known = options.full ? undefined : await this.deps.known(source.id);
      const listed = await source.list({ signal, onProgress, known }).finally(() => (over = true));
      // Server data enters the vault here: cap its sizes before it is indexed, cached and shown.
      const entries = listed.entries.map(limitEntry);
      const projects = listed.projects.map(limitProject);
      if (signal.aborted) throw new AppError('aborted', 'The sync was cancelled.');
      await this.deps.accept({ sourceId: source.id, entries, projects }, signal);
      const at = this.deps.now().toISOString();
      const state: SyncState = { entryCount: entries.length, lastSyncAt: at, lastFullSyncAt: at };
      if (listed.fingerprint !== undefined) state.fingerprint = listed.fingerprint;
      this.update(source.id, state);
    } catch (error) {
      if (signal.aborted) return; // cancelled by lock or removal: nothing to report
      const { code, message } = toErrorReply(error);
      const now = this.deps.now();
      const failed: SyncState = {
        ...before,
        progress: undefined,
        lastError: { code, message, at: now.toISOString() },
        failures: (before.failures ?? 0) + 1,
      };
      const wait = error instanceof AppError ? error.details.retryAfterMs : undefined;
      if (wait !== undefined) failed.retryAt = new Date(now.getTime() + wait).toISOString();
      else delete failed.retryAt;
      this.update(source.id, failed);
    }
  }

  /**
   * The probe before the transfer: true when it settled the run (nothing changed, or only additions it brought);
   * false when the full list is needed (no probe, no earlier fingerprint, the list older than the period, or a
   * change the source cannot read cheaply).
   */
  private async probed(source: Source, before: SyncState, options: RunOptions, signal: AbortSignal): Promise<boolean> {
    const { fingerprint, lastFullSyncAt } = before;
    if (!source.probe || fingerprint === undefined || !lastFullSyncAt) return false;
    if (this.deps.now().getTime() - Date.parse(lastFullSyncAt) >= options.fullAfterMs) return false;
    const now = await source.probe({ signal });
    let entryCount = before.entryCount;
    if (now !== fingerprint) {
      const added = await source.added?.(await this.deps.known(source.id), fingerprint, now, { signal });
      if (!added) return false;
      if (signal.aborted) throw new AppError('aborted', 'The sync was cancelled.');
      await this.deps.acceptAdded(source.id, added.map(limitEntry), signal);
      entryCount = (await this.deps.known(source.id)).entries.length;
    }
    this.update(source.id, { entryCount, lastSyncAt: this.deps.now().toISOString(), lastFullSyncAt, fingerprint: now });
    return true;
  }

  private update(sourceId: string, state: SyncState): void {
    if (state.progress === undefined) delete state.progress;
    this.states.set(sourceId, state);
    this.deps.onState(sourceId, state);
  }
}
