/** HTTP transport shared by the API clients: timeouts, cancellation, retry of idempotent requests. */
import { AppError } from '../errors';

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  /** Called before each attempt, so signed headers (HMAC timestamps) are fresh per retry. */
  headers: () => Promise<Record<string, string>> | Record<string, string>;
  body?: string;
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  text: string;
}

export interface HttpOptions {
  fetch: FetchLike;
  /** Per attempt, in ms. */
  timeoutMs?: number;
  /**
   * Extra attempts for idempotent requests (GET/PUT/DELETE) after a network error, timeout or 502/503/504 (not
   * after a 503 with `Retry-After`: the caller waits as asked).
   */
  retries?: number;
  /** First backoff delay in ms; doubles each attempt. */
  backoffMs?: number;
  /** Largest body accepted, in characters; a larger one is an invalid response. */
  maxBodyChars?: number;
}

const RETRYABLE_STATUS = new Set([502, 503, 504]);

/**
 * How long a 429 or 503 answer asks the client to wait (`Retry-After`: seconds or an HTTP date), in ms; undefined
 * without one. Capped at a day, so a broken header cannot stop syncing for good.
 */
export function retryAfterMs(res: Pick<HttpResponse, 'status' | 'headers'>, now = Date.now()): number | undefined {
  if (res.status !== 429 && res.status !== 503) return undefined;
  const value = res.headers.get('retry-after')?.trim();
  if (!value) return undefined;
  const ms = /^\d+$/.test(value) ? Number(value) * 1000 : Date.parse(value) - now;
  return Number.isNaN(ms) ? undefined : Math.min(Math.max(ms, 0), 24 * 60 * 60_000);
}

/**
 * Sends one request. POST is never repeated: a POST may have reached the server even when the reply was lost.
 * Throws AppError with code timeout, network or aborted; any HTTP status is returned, not thrown.
 */
export async function httpRequest(req: HttpRequest, opts: HttpOptions): Promise<HttpResponse> {
  const { timeoutMs = 15_000, retries = 2, backoffMs = 250, maxBodyChars = 64 * 1024 * 1024 } = opts;
  const attempts = req.method === 'POST' ? 1 : 1 + retries;
  for (let attempt = 1; ; attempt++) {
    const last = attempt >= attempts;
    try {
      const res = await attemptOnce(req, opts.fetch, timeoutMs, maxBodyChars);
      // A server that says when to come back is not asked again within this request.
      if (last || !RETRYABLE_STATUS.has(res.status) || retryAfterMs(res) !== undefined) return res;
    } catch (error) {
      const fatal = error instanceof AppError && (error.code === 'aborted' || error.code === 'invalid_response');
      if (last || fatal) throw error;
    }
    await delay(backoffMs * 2 ** (attempt - 1), req.signal);
  }
}

async function attemptOnce(req: HttpRequest, fetchFn: FetchLike, timeoutMs: number, maxBodyChars: number) {
  if (req.signal?.aborted) throw new AppError('aborted', 'The request was cancelled.');
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onAbort = () => controller.abort();
  req.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const response = await fetchFn(req.url, {
      method: req.method,
      headers: await req.headers(),
      body: req.body,
      signal: controller.signal,
      credentials: 'omit',
      cache: 'no-store',
      redirect: 'follow',
    });
    const text = await response.text();
    if (text.length > maxBodyChars) throw new AppError('invalid_response', `The server's answer is too large (${text.length} characters).`);
    return { status: response.status, headers: response.headers, text };
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (req.signal?.aborted) throw new AppError('aborted', 'The request was cancelled.');
    if (timedOut) throw new AppError('timeout', `The server did not answer within ${Math.round(timeoutMs / 1000)} s.`);
    throw new AppError('network', `The server could not be reached (${error instanceof Error ? error.message : String(error)}).`);
  } finally {
    clearTimeout(timer);
    req.signal?.removeEventListener('abort', onAbort);
  }
}

function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new AppError('aborted', 'The request was cancelled.'));
    const onAbort = () => {
      clearTimeout(timer);
      reject(new AppError('aborted', 'The request was cancelled.'));
    };
    // Detach after a normal wake-up, or a long-lived signal collects one listener per retry.
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Runs `task` over `items` with at most `limit` in flight; results keep the items' order. */
export async function mapBounded<T, R>(items: readonly T[], limit: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
