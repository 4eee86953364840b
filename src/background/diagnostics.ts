/**
 * Diagnostics: the errors the worker handles on its own (a cache write that failed, a server that could not be
 * reached for the save places, …) leave a short record here, so a user can tell support what went wrong. A
 * record is the error's code, the error's class name, where it happened (a fixed label from the code, never
 * data) and when: never a message text (it may quote a server, a URL, a user name or worse). The last
 * {@link MAX_RECORDS} live in `storage.session` (memory only; gone with the browser session, kept across a lock).
 */
import browser from '../browser';
import * as v from 'valibot';
import { AppError, type ErrorCode } from '../errors';
import type { DiagnosticRecord } from '../messages';
import { inOrder } from '../in-order';

export const MAX_RECORDS = 50;
const KEY = 'diagnostics';

/** A record as read back (written by this module, but kept across updates of the extension). */
const recordSchema = v.object({ where: v.string(), code: v.string(), name: v.optional(v.string()), at: v.number(), count: v.number() });

/** Writes one after another: two errors at once must not overwrite each other's record. */
const inTurn = inOrder();
let writes: Promise<void> = Promise.resolve();

/** Our errors by their code; others as `internal` with their class name (`QuotaExceededError`, `TypeError`). */
function describe(error: unknown): { code: ErrorCode; name?: string } {
  if (error instanceof AppError) return { code: error.code };
  const name = error instanceof Error && /^[A-Za-z]{1,40}$/.test(error.name) && error.name !== 'Error' ? error.name : undefined;
  return name ? { code: 'internal', name } : { code: 'internal' };
}

/** Notes an error handled without the user (returns at once; the record is written in the background). */
export function noteError(where: string, error: unknown): void {
  const record: DiagnosticRecord = { where, ...describe(error), at: Date.now(), count: 1 };
  writes = inTurn(() => append(record)).catch(() => undefined);
}

async function append(record: DiagnosticRecord): Promise<void> {
  const list = await recentErrors();
  const last = list.at(-1);
  // The same error again (a retry loop): one line with a count.
  if (last && last.where === record.where && last.code === record.code && last.name === record.name)
    list[list.length - 1] = { ...record, count: last.count + 1 };
  else list.push(record);
  await browser.storage.session.set({ [KEY]: list.slice(-MAX_RECORDS) });
}

/** The recent errors, oldest first. */
export async function recentErrors(): Promise<DiagnosticRecord[]> {
  const parsed = v.safeParse(v.array(recordSchema), (await browser.storage.session.get(KEY))[KEY]);
  return parsed.success ? (parsed.output as DiagnosticRecord[]) : [];
}

/** For tests: resolves once the records noted so far are written. */
export function diagnosticsWritten(): Promise<void> {
  return writes;
}
