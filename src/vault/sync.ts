/**
 * Brings sources' lists into the vault. One run per source at a time; a failing source keeps its last good data
 * and reports why; lock or removal cancels the runs.
 */
import { AppError, toErrorReply, type ErrorCode } from '../errors';
import type { Entry, Project } from './entry';
import { limitEntry, limitProject } from './entry-limits';
import type { Source } from './sources';

export interface SyncState {
  entryCount: number;
  /** ISO time of the last successful sync. */
  lastSyncAt?: string;
  lastError?: { code: ErrorCode; message: string; at: string };
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
  /** Called on every change of a source's state (progress, success, failure). */
  onState(sourceId: string, state: SyncState): void;
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
  run(source: Source): Promise<void> {
    const current = this.running.get(source.id);
    if (current) return current.done;
    const controller = new AbortController();
    // A cancelled run ends later than its cancel: by then a new run may hold the source's place, which stays.
    const run = { controller, done: this.execute(source, controller.signal).finally(() => this.running.get(source.id) === run && this.running.delete(source.id)) };
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

  private async execute(source: Source, signal: AbortSignal): Promise<void> {
    const before = this.states.get(source.id) ?? { entryCount: 0 };
    this.update(source.id, { ...before, progress: { done: 0, total: 0 } });
    // Pages still in flight when the list fails may report progress afterwards: that must not overwrite the outcome.
    let over = false;
    try {
      const onProgress = (done: number, total: number) => {
        if (!signal.aborted && !over) this.update(source.id, { ...before, progress: { done, total } });
      };
      const listed = await source.list({ signal, onProgress }).finally(() => (over = true));
      // Server data enters the vault here: cap its sizes before it is indexed, cached and shown.
      const entries = listed.entries.map(limitEntry);
      const projects = listed.projects.map(limitProject);
      if (signal.aborted) throw new AppError('aborted', 'The sync was cancelled.');
      await this.deps.accept({ sourceId: source.id, entries, projects }, signal);
      this.update(source.id, { entryCount: entries.length, lastSyncAt: this.deps.now().toISOString() });
    } catch (error) {
      if (signal.aborted) return; // cancelled by lock or removal: nothing to report
      const { code, message } = toErrorReply(error);
      this.update(source.id, { ...before, progress: undefined, lastError: { code, message, at: this.deps.now().toISOString() } });
    }
  }

  private update(sourceId: string, state: SyncState): void {
    if (state.progress === undefined) delete state.progress;
    this.states.set(sourceId, state);
    this.deps.onState(sourceId, state);
  }
}
