/** Reading whole TPM lists: pages fetched in parallel (bounded) after `count.json`, or by following `Link`. */
import { AppError } from '../../errors';
import { mapBounded } from '../http';
import type { TpmCount } from './types';

/** Refuses absurd counts, so a broken server cannot make us fire millions of requests. */
const MAX_PAGES = 100_000;

/**
 * An AbortController that also aborts when `outer` does. `release` detaches it from `outer`, so a long-lived
 * signal does not collect listeners.
 */
function linkedAbort(outer?: AbortSignal): { controller: AbortController; release: () => void } {
  const controller = new AbortController();
  if (!outer) return { controller, release: () => {} };
  const onAbort = () => controller.abort(outer.reason);
  if (outer.aborted) controller.abort(outer.reason);
  else outer.addEventListener('abort', onAbort, { once: true });
  return { controller, release: () => outer.removeEventListener('abort', onAbort) };
}

/** Keeps the first item of each id: pages read while the list changes may overlap. */
function uniqueById<T extends { id: number }>(items: T[]): T[] {
  const seen = new Set<number>();
  return items.filter((item) => !seen.has(item.id) && (seen.add(item.id), true));
}

export interface ParallelPagesOptions<T> {
  count: (signal: AbortSignal) => Promise<TpmCount>;
  page: (page: number, signal: AbortSignal) => Promise<T[]>;
  /** Pages in flight at once. */
  concurrency: number;
  signal?: AbortSignal;
  /** Items read so far and the total from `count.json` (called after the count and after each page). */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Reads `count.json`, then pages 1…N with at most `concurrency` requests in flight, so the time is about
 * (pages ÷ concurrency) × latency. The first failure cancels the pages still running and is rethrown.
 */
export async function fetchPagesInParallel<T extends { id: number }>(opts: ParallelPagesOptions<T>): Promise<T[]> {
  const { controller, release } = linkedAbort(opts.signal);
  try {
    const count = await opts.count(controller.signal);
    if (count.numPages > MAX_PAGES)
      throw new AppError('invalid_response', `The server reported ${count.numPages} pages; refusing to read that many.`);
    const pages = Array.from({ length: count.numPages }, (_, i) => i + 1);
    let done = 0;
    opts.onProgress?.(0, count.numItems);
    // One controller per page, aborted together by a single listener: attaching every page's listeners to the
    // shared signal would pile them up (and trip Node's max-listeners warning) when concurrency is high.
    const running = new Set<AbortController>();
    controller.signal.addEventListener('abort', () => running.forEach((c) => c.abort(controller.signal.reason)), { once: true });
    const results = await mapBounded(pages, Math.max(1, opts.concurrency), async (n) => {
      const own = new AbortController();
      if (controller.signal.aborted) own.abort(controller.signal.reason);
      running.add(own);
      try {
        const items = await opts.page(n, own.signal);
        done += items.length;
        opts.onProgress?.(Math.min(done, count.numItems), count.numItems);
        return items;
      } catch (error) {
        controller.abort(error);
        throw error;
      } finally {
        running.delete(own);
      }
    });
    return uniqueById(results.flat());
  } finally {
    release();
  }
}

/** One page read by link-following: its items and the next page's address, if the server gave one. */
export interface LinkedPage<T, Next> {
  items: T[];
  next?: Next;
}

/**
 * Follows `Link: rel="next"` from a first page until there is none (or a page is empty). Sequential by nature;
 * use it when `count.json` is unavailable.
 */
export async function followNextLinks<T extends { id: number }, Next>(
  first: Next,
  fetchPage: (target: Next, signal?: AbortSignal) => Promise<LinkedPage<T, Next>>,
  signal?: AbortSignal,
  /** Items read so far; the total is unknown (0) when following links. */
  onProgress?: (done: number, total: number) => void,
): Promise<T[]> {
  const items: T[] = [];
  let target: Next | undefined = first;
  for (let n = 0; target !== undefined; n++) {
    if (n >= MAX_PAGES) throw new AppError('invalid_response', 'The server kept sending next-page links; stopped.');
    const page: LinkedPage<T, Next> = await fetchPage(target, signal);
    items.push(...page.items);
    onProgress?.(items.length, 0);
    target = page.items.length > 0 ? page.next : undefined;
  }
  return uniqueById(items);
}
