/**
 * The connection to one TPM server and user: API version detection (v6, then v5, then v4), URLs, authentication,
 * retries, errors with the server's message, JSON answers checked against their schema, and whole lists read page
 * by page (on v6 with large pages: `X-Page-Size`). Plain TypeScript over an injected `fetch`, no extension APIs.
 * The resources are in `client.ts`.
 */
import * as v from 'valibot';
import { AppError } from '../../errors';
import { httpRequest, retryAfterMs, type FetchLike, type HttpResponse } from '../http';
import { authHeaders, encodeUnlockReason } from './auth';
import { tpmError } from './errors';
import { fetchPagesInParallel, followNextLinks } from './pagination';
import { parseTpm } from './schema-fields';
import { countSchema, versionSchema } from './schemas';
import type { TpmApiVersion, TpmAuth } from './types';
import { buildTarget, nextLink, normaliseBaseUrl, targetFromLink, type TpmTarget } from './url';

export interface TpmClientOptions {
  /** Where TPM is installed, e.g. `https://tpm.example.com` or `https://host/tpm` (sub-folder). */
  baseUrl: string;
  auth: TpmAuth;
  fetch: FetchLike;
  /** `auto` (default) probes `version.json` on v6, then v5, then v4 ("Controller does not exist." moves on). */
  apiVersion?: TpmApiVersion | 'auto';
  /** Where the detected version is remembered, so a restarted worker asks one `version.json`, not up to three. */
  versionMemory?: VersionMemory;
  /**
   * Items per page asked with `X-Page-Size` on v6 (default 1,000; v4 and v5 pages are always 20). The server may
   * give fewer: pages are counted from the `num_pages` of `count.json`, asked with the same header.
   */
  pageSize?: number;
  /**
   * Pages fetched at once when reading a whole list (default 8). Browsers open about 6 HTTP/1.1 connections per
   * host and queue the rest; over HTTP/2 all 8 run at once.
   */
  concurrency?: number;
  /** Per attempt (default 15 s). */
  timeoutMs?: number;
  /** Extra attempts for idempotent requests (default 2); POST is never repeated. */
  retries?: number;
  /** First retry delay (default 250 ms, doubling). */
  backoffMs?: number;
  /** Clock for HMAC timestamps, in ms since the epoch. */
  now?: () => number;
  /** False for servers whose URL rewriting hides `index.php` (default true). */
  indexPhp?: boolean;
}

export interface RequestOptions {
  signal?: AbortSignal;
}

/** The API version last found on a server, by base URL. */
export interface VersionMemory {
  get(baseUrl: string): Promise<TpmApiVersion | undefined>;
  set(baseUrl: string, version: TpmApiVersion): Promise<void>;
}

/** The API versions this client speaks, in the order of detection: the newest first. */
export const TPM_API_VERSIONS = ['v6', 'v5', 'v4'] as const satisfies readonly TpmApiVersion[];
/** v6's page size when none is given: 10,000 entries in 10 requests instead of 500. */
const V6_PAGE_SIZE = 1_000;

export interface ListOptions extends RequestOptions {
  /** `parallel` (default): `count.json` then bounded-parallel pages. `links`: follow `Link: rel="next"`. */
  strategy?: 'parallel' | 'links';
  /** Items read so far and the total when known (0 until `count.json` answered, and always 0 with `links`). */
  onProgress?: (done: number, total: number) => void;
}

/** Longest unlock reason accepted (the official extension's input limit). */
const MAX_UNLOCK_REASON = 200;

const JSON_TYPE = 'application/json; charset=utf-8';
/** Clock difference beyond which an HMAC 401 is probably caused by the clock, not the keys. */
const SKEW_HINT_MS = 120_000;

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
export interface CallOptions extends RequestOptions {
  body?: unknown;
  unlockReason?: string;
  /** A list, its `count.json` or one of its pages: on v6 the page size is asked. */
  paged?: boolean;
}

/** What every TPM request goes through; `TpmClient` adds one method per resource. */
export class TpmConnection {
  readonly baseUrl: string;
  protected readonly auth: TpmAuth;
  protected readonly fetchFn: FetchLike;
  protected readonly wanted: TpmApiVersion | 'auto';
  protected readonly concurrency: number;
  protected readonly timeoutMs: number;
  protected readonly retries: number;
  protected readonly backoffMs: number;
  protected readonly now: () => number;
  protected readonly indexPhp: boolean;
  private readonly versionMemory?: VersionMemory;
  private readonly pageSize: number;
  private detected?: TpmApiVersion;
  private detecting?: Promise<TpmApiVersion>;

  constructor(options: TpmClientOptions) {
    this.baseUrl = normaliseBaseUrl(options.baseUrl);
    this.auth = options.auth;
    this.fetchFn = options.fetch;
    this.wanted = options.apiVersion ?? 'auto';
    this.concurrency = Math.max(1, options.concurrency ?? 8);
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.retries = options.retries ?? 2;
    this.backoffMs = options.backoffMs ?? 250;
    this.now = options.now ?? Date.now;
    this.indexPhp = options.indexPhp ?? true;
    this.versionMemory = options.versionMemory;
    this.pageSize = Math.max(1, Math.floor(options.pageSize ?? V6_PAGE_SIZE));
  }

  /** The API version in use; with `auto`, probes the server once (the remembered version first, then newest first). */
  async apiVersion(opts: RequestOptions = {}): Promise<TpmApiVersion> {
    if (this.wanted !== 'auto') return this.wanted;
    if (this.detected) return this.detected;
    this.detecting ??= this.detect(opts.signal).finally(() => (this.detecting = undefined));
    return this.detecting;
  }

  private async detect(signal?: AbortSignal): Promise<TpmApiVersion> {
    const remembered = await this.versionMemory?.get(this.baseUrl);
    for (const version of new Set([...(remembered ? [remembered] : []), ...TPM_API_VERSIONS])) {
      try {
        await this.fetchJson(buildTarget(this.baseUrl, version, 'version', this.indexPhp), 'GET', versionSchema, 'version', { signal });
        this.detected = version;
        if (version !== remembered) await this.versionMemory?.set(this.baseUrl, version);
        return version;
      } catch (error) {
        if (!(error instanceof AppError && error.code === 'wrong_version')) throw error;
      }
    }
    throw new AppError('wrong_version', 'The server offers none of the API versions v6, v5 and v4 ("Controller does not exist.").');
  }

  protected async target(resource: string, opts: RequestOptions): Promise<TpmTarget> {
    return buildTarget(this.baseUrl, await this.apiVersion(opts), resource, this.indexPhp);
  }

  protected async getJson<S extends v.GenericSchema>(
    resource: string,
    schema: S,
    what: string,
    opts: CallOptions,
  ): Promise<v.InferOutput<S>> {
    return this.fetchJson(await this.target(resource, opts), 'GET', schema, what, opts);
  }

  protected async fetchJson<S extends v.GenericSchema>(
    target: TpmTarget,
    method: Method,
    schema: S,
    what: string,
    opts: CallOptions,
  ): Promise<v.InferOutput<S>> {
    const res = await this.call(method, target, opts);
    return parseTpm(schema, parseJson(res, what), what);
  }

  /** Reads a whole list; every item is validated, ids are unique in the result. */
  protected async list<S extends v.GenericSchema<unknown, { id: number }>>(
    resource: string,
    itemSchema: S,
    opts: ListOptions,
  ): Promise<v.InferOutput<S>[]> {
    const pageSchema = v.array(itemSchema);
    if (opts.strategy === 'links') {
      return followNextLinks(
        await this.target(resource, opts),
        async (target, signal) => {
          const res = await this.call('GET', target, { signal, paged: true });
          const link = nextLink(res.headers.get('link'));
          return {
            items: parseTpm(pageSchema, parseJson(res, 'list'), 'list'),
            next: link === undefined ? undefined : targetFromLink(this.baseUrl, link, this.indexPhp),
          };
        },
        opts.signal,
        opts.onProgress,
      );
    }
    return fetchPagesInParallel({
      count: (signal) => this.getJson(`${resource}/count`, countSchema, 'count', { signal, paged: true }),
      page: (page, signal) => this.getJson(`${resource}/page/${page}`, pageSchema, 'list', { signal, paged: true }),
      concurrency: this.concurrency,
      signal: opts.signal,
      onProgress: opts.onProgress,
    });
  }

  /** Sends one request; any non-2xx answer becomes a typed AppError carrying the server's message. */
  protected async call(method: Method, target: TpmTarget, opts: CallOptions): Promise<HttpResponse> {
    const body = opts.body === undefined ? undefined : JSON.stringify(opts.body);
    const reason = opts.unlockReason === undefined ? undefined : checkedReason(opts.unlockReason);
    const res = await httpRequest(
      {
        method,
        url: target.url,
        // Called per attempt: each retry gets a fresh HMAC timestamp and hash, signed over the exact body sent.
        headers: async () => ({
          'Content-Type': JSON_TYPE,
          Accept: 'application/json',
          ...(await authHeaders(this.auth, target.signedPath, body ?? '', this.now())),
          ...(reason === undefined ? {} : { 'X-Unlock-Reason': reason }),
          ...(opts.paged && target.signedPath.startsWith('api/v6/') ? { 'X-Page-Size': String(this.pageSize) } : {}),
        }),
        body,
        signal: opts.signal,
      },
      { fetch: this.fetchFn, timeoutMs: this.timeoutMs, retries: this.retries, backoffMs: this.backoffMs },
    );
    if (res.status >= 200 && res.status < 300) return res;
    const error = tpmError(res.status, res.text, retryAfterMs(res));
    throw error.code === 'auth' && this.auth.kind === 'hmac' ? this.withSkewHint(error, res) : error;
  }

  /** HMAC signatures expire quickly: when the server's clock differs a lot from ours, say so. */
  private withSkewHint(error: AppError, res: HttpResponse): AppError {
    const serverTime = Date.parse(res.headers.get('date') ?? '');
    if (Number.isNaN(serverTime) || Math.abs(serverTime - this.now()) < SKEW_HINT_MS) return error;
    const minutes = Math.round(Math.abs(serverTime - this.now()) / 60_000);
    return new AppError(error.code, error.message, {
      ...error.details,
      help: `This computer's clock differs from the server's by about ${minutes} min; HMAC requests need matching clocks.`,
    });
  }
}

function parseJson(res: HttpResponse, what: string): unknown {
  if (!res.text.trim())
    throw new AppError('invalid_response', `The server sent an empty answer instead of the ${what}.`, { status: res.status });
  try {
    return JSON.parse(res.text);
  } catch {
    // PHP warnings or an HTML page before/instead of the JSON: say so without echoing the body.
    const kind = /^\s*</.test(res.text) ? 'an HTML page or PHP output' : 'an answer that is not valid JSON';
    throw new AppError('invalid_response', `The server sent ${kind} instead of the ${what}.`, { status: res.status });
  }
}

function checkedReason(reason: string): string {
  const trimmed = reason.trim();
  if (!trimmed) throw new AppError('bad_request', 'An unlock reason is required.');
  if ([...trimmed].length > MAX_UNLOCK_REASON)
    throw new AppError('bad_request', `The unlock reason is longer than ${MAX_UNLOCK_REASON} characters.`);
  return encodeUnlockReason(trimmed);
}
