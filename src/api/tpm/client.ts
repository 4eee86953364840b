/** The TPM REST client (API v5, v4 fallback): plain TypeScript over an injected `fetch`, no extension APIs. */
import * as v from 'valibot';
import { AppError } from '../../errors';
import { httpRequest, type FetchLike, type HttpResponse } from '../http';
import { authHeaders, encodeUnlockReason } from './auth';
import { tpmError } from './errors';
import { fetchPagesInParallel, followNextLinks } from './pagination';
import {
  countSchema,
  createdSchema,
  generatedPasswordSchema,
  meSchema,
  myPasswordSchema,
  myPasswordSummarySchema,
  parseTpm,
  passwordSchema,
  passwordSummarySchema,
  projectNodeSchema,
  projectSchema,
  projectSummarySchema,
  versionSchema,
} from './schemas';
import type {
  TpmApiVersion,
  TpmAuth,
  TpmCount,
  TpmMe,
  TpmMyPassword,
  TpmMyPasswordInput,
  TpmMyPasswordSummary,
  TpmPassword,
  TpmPasswordInput,
  TpmPasswordSummary,
  TpmProject,
  TpmProjectNode,
  TpmProjectSummary,
  TpmVersion,
} from './types';
import { buildTarget, nextLink, normaliseBaseUrl, resourcePath, targetFromLink, type TpmTarget } from './url';

export interface TpmClientOptions {
  /** Where TPM is installed, e.g. `https://tpm.example.com` or `https://host/tpm` (sub-folder). */
  baseUrl: string;
  auth: TpmAuth;
  fetch: FetchLike;
  /** `auto` (default) probes `version.json` on v5 and falls back to v4 on "Controller does not exist.". */
  apiVersion?: TpmApiVersion | 'auto';
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

export interface ListOptions extends RequestOptions {
  /** `parallel` (default): `count.json` then bounded-parallel pages. `links`: follow `Link: rel="next"`. */
  strategy?: 'parallel' | 'links';
  /** Items read so far and the total when known (0 until `count.json` answered, and always 0 with `links`). */
  onProgress?: (done: number, total: number) => void;
}

/** Longest unlock reason accepted (the official extension's input limit). */
export const MAX_UNLOCK_REASON = 200;

const JSON_TYPE = 'application/json; charset=utf-8';
/** Clock difference beyond which an HMAC 401 is probably caused by the clock, not the keys. */
const SKEW_HINT_MS = 120_000;

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
interface CallOptions extends RequestOptions {
  body?: unknown;
  unlockReason?: string;
}

/** A client for one TPM server and user. Every answer is schema-checked and normalised (see `types.ts`). */
export class TpmClient {
  readonly baseUrl: string;
  private readonly auth: TpmAuth;
  private readonly fetchFn: FetchLike;
  private readonly wanted: TpmApiVersion | 'auto';
  private readonly concurrency: number;
  private readonly timeoutMs: number;
  private readonly retries: number;
  private readonly backoffMs: number;
  private readonly now: () => number;
  private readonly indexPhp: boolean;
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
  }

  // ---- version and user ------------------------------------------------------------------------------------------

  /** The API version in use; with `auto`, probes the server once (v5 first, then v4). */
  async apiVersion(opts: RequestOptions = {}): Promise<TpmApiVersion> {
    if (this.wanted !== 'auto') return this.wanted;
    if (this.detected) return this.detected;
    this.detecting ??= this.detect(opts.signal).finally(() => (this.detecting = undefined));
    return this.detecting;
  }

  private async detect(signal?: AbortSignal): Promise<TpmApiVersion> {
    for (const version of ['v5', 'v4'] as const) {
      try {
        await this.fetchJson(buildTarget(this.baseUrl, version, 'version', this.indexPhp), 'GET', versionSchema, 'version', { signal });
        this.detected = version;
        return version;
      } catch (error) {
        if (!(error instanceof AppError && error.code === 'wrong_version')) throw error;
      }
    }
    throw new AppError('wrong_version', 'The server offers neither API v5 nor v4 ("Controller does not exist.").');
  }

  /** `version.json`: server version and API version. */
  async version(opts: RequestOptions = {}): Promise<TpmVersion> {
    return this.getJson('version', versionSchema, 'version', opts);
  }

  /** `users/me.json`: the signed-in user; also the cheapest credentials check. */
  async me(opts: RequestOptions = {}): Promise<TpmMe> {
    return this.getJson('users/me', meSchema, 'user', opts);
  }

  /** `generate_password.json`: a password made by the server's generator settings. */
  async generatePassword(opts: RequestOptions = {}): Promise<string> {
    return this.getJson('generate_password', generatedPasswordSchema, 'generated password', opts);
  }

  // ---- shared passwords ---------------------------------------------------------------------------------------

  /** All active passwords the user can see. */
  listPasswords(opts: ListOptions = {}): Promise<TpmPasswordSummary[]> {
    return this.list('passwords', passwordSummarySchema, opts);
  }

  /** All archived passwords. */
  listArchivedPasswords(opts: ListOptions = {}): Promise<TpmPasswordSummary[]> {
    return this.list('passwords/archived', passwordSummarySchema, opts);
  }

  /** All favorite passwords. */
  listFavoritePasswords(opts: ListOptions = {}): Promise<TpmPasswordSummary[]> {
    return this.list('passwords/favorite', passwordSummarySchema, opts);
  }

  /** All passwords matching a search string with operators (`access:host is:active`, `tag:x`, …). */
  searchPasswords(query: string, opts: ListOptions = {}): Promise<TpmPasswordSummary[]> {
    return this.list(`passwords/search/${resourcePath(query)}`, passwordSummarySchema, opts);
  }

  /** Counts for passwords (or a search), for paging in the UI. */
  countPasswords(query?: string, opts: RequestOptions = {}): Promise<TpmCount> {
    const base = query === undefined ? 'passwords' : `passwords/search/${resourcePath(query)}`;
    return this.getJson(`${base}/count`, countSchema, 'count', opts);
  }

  /** One page (1-based) of passwords or of a search. */
  passwordsPage(page: number, query?: string, opts: RequestOptions = {}): Promise<TpmPasswordSummary[]> {
    const base = query === undefined ? 'passwords' : `passwords/search/${resourcePath(query)}`;
    return this.getJson(`${base}/page/${page}`, v.array(passwordSummarySchema), 'password list', opts);
  }

  /** `passwords/{id}.json`. A locked password (reason type) needs `unlockReason`. */
  async getPassword(id: number, opts: RequestOptions & { unlockReason?: string } = {}): Promise<TpmPassword> {
    return this.getJson(`passwords/${id}`, passwordSchema, 'password', opts);
  }

  /** Creates a shared password in a project; returns its id. Never retried. */
  async createPassword(projectId: number, input: TpmPasswordInput & { name: string }, opts: RequestOptions = {}): Promise<number> {
    const body = { ...passwordBody(input), project_id: projectId };
    return this.fetchJson(await this.target('passwords', opts), 'POST', createdSchema, 'created id', { ...opts, body });
  }

  /** Updates the given fields of a shared password. */
  async updatePassword(id: number, input: TpmPasswordInput, opts: RequestOptions & { unlockReason?: string } = {}): Promise<void> {
    await this.call('PUT', await this.target(`passwords/${id}`, opts), { ...opts, body: passwordBody(input) });
  }

  /** Locks a password (managers only). */
  async lockPassword(id: number, opts: RequestOptions = {}): Promise<void> {
    await this.call('PUT', await this.target(`passwords/${id}/lock`, opts), opts);
  }

  /** Unlocks a password; the reason is sent in `X-Unlock-Reason` (UTF-8, at most 200 characters). */
  async unlockPassword(id: number, reason: string, opts: RequestOptions = {}): Promise<void> {
    await this.call('PUT', await this.target(`passwords/${id}/unlock`, opts), { ...opts, unlockReason: reason });
  }

  // ---- personal passwords -----------------------------------------------------------------------------------

  /** All personal passwords. */
  listMyPasswords(opts: ListOptions = {}): Promise<TpmMyPasswordSummary[]> {
    return this.list('my_passwords', myPasswordSummarySchema, opts);
  }

  /** Personal passwords matching a search string. */
  searchMyPasswords(query: string, opts: ListOptions = {}): Promise<TpmMyPasswordSummary[]> {
    return this.list(`my_passwords/search/${resourcePath(query)}`, myPasswordSummarySchema, opts);
  }

  /** False when the admin disabled personal passwords (probes `my_passwords/count.json`). */
  async myPasswordsEnabled(opts: RequestOptions = {}): Promise<boolean> {
    try {
      await this.getJson('my_passwords/count', countSchema, 'count', opts);
      return true;
    } catch (error) {
      if (error instanceof AppError && error.code === 'personal_disabled') return false;
      throw error;
    }
  }

  /** `my_passwords/{id}.json`. */
  getMyPassword(id: number, opts: RequestOptions = {}): Promise<TpmMyPassword> {
    return this.getJson(`my_passwords/${id}`, myPasswordSchema, 'personal password', opts);
  }

  /** Creates a personal password; returns its id. Never retried. */
  async createMyPassword(input: TpmMyPasswordInput & { name: string }, opts: RequestOptions = {}): Promise<number> {
    return this.fetchJson(await this.target('my_passwords', opts), 'POST', createdSchema, 'created id', { ...opts, body: passwordBody(input) });
  }

  /** Updates the given fields of a personal password. */
  async updateMyPassword(id: number, input: TpmMyPasswordInput, opts: RequestOptions = {}): Promise<void> {
    await this.call('PUT', await this.target(`my_passwords/${id}`, opts), { ...opts, body: passwordBody(input) });
  }

  // ---- projects -----------------------------------------------------------------------------------------------------

  /** All active projects the user can see. */
  listProjects(opts: ListOptions = {}): Promise<TpmProjectSummary[]> {
    return this.list('projects', projectSummarySchema, opts);
  }

  /** All archived projects. */
  listArchivedProjects(opts: ListOptions = {}): Promise<TpmProjectSummary[]> {
    return this.list('projects/archived', projectSummarySchema, opts);
  }

  /** All favorite projects. */
  listFavoriteProjects(opts: ListOptions = {}): Promise<TpmProjectSummary[]> {
    return this.list('projects/favorite', projectSummarySchema, opts);
  }

  /** Projects matching a search string. */
  searchProjects(query: string, opts: ListOptions = {}): Promise<TpmProjectSummary[]> {
    return this.list(`projects/search/${resourcePath(query)}`, projectSummarySchema, opts);
  }

  /** `projects/{id}.json`. */
  getProject(id: number, opts: RequestOptions = {}): Promise<TpmProject> {
    return this.getJson(`projects/${id}`, projectSchema, 'project', opts);
  }

  /** Direct children of a project (`0` = the root). */
  listSubprojects(id: number, opts: RequestOptions = {}): Promise<TpmProjectNode[]> {
    return this.getJson(`projects/${id}/subprojects`, v.array(projectNodeSchema), 'project tree', opts);
  }

  /** Children of a project for the "new password" picker: `disabled` marks where one cannot be created. */
  listNewPasswordProjects(id: number, opts: RequestOptions = {}): Promise<TpmProjectNode[]> {
    return this.getJson(`projects/${id}/subprojects/new_pwd`, v.array(projectNodeSchema), 'project tree', opts);
  }

  /** All passwords of one project (their `project` has no id on real servers). */
  listProjectPasswords(id: number, opts: ListOptions = {}): Promise<TpmPasswordSummary[]> {
    return this.list(`projects/${id}/passwords`, passwordSummarySchema, opts);
  }

  // ---- favorites --------------------------------------------------------------------------------------------------

  /** Marks a password as favorite (`POST favorite_passwords/{id}.json`, 204). */
  async setFavoritePassword(id: number, opts: RequestOptions = {}): Promise<void> {
    await this.call('POST', await this.target(`favorite_passwords/${id}`, opts), opts);
  }

  /** Removes a password from the favorites. */
  async unsetFavoritePassword(id: number, opts: RequestOptions = {}): Promise<void> {
    await this.call('DELETE', await this.target(`favorite_passwords/${id}`, opts), opts);
  }

  /** Marks a project as favorite. */
  async setFavoriteProject(id: number, opts: RequestOptions = {}): Promise<void> {
    await this.call('POST', await this.target(`favorite_projects/${id}`, opts), opts);
  }

  /** Removes a project from the favorites. */
  async unsetFavoriteProject(id: number, opts: RequestOptions = {}): Promise<void> {
    await this.call('DELETE', await this.target(`favorite_projects/${id}`, opts), opts);
  }

  // ---- plumbing -------------------------------------------------------------------------------------------------------

  private async target(resource: string, opts: RequestOptions): Promise<TpmTarget> {
    return buildTarget(this.baseUrl, await this.apiVersion(opts), resource, this.indexPhp);
  }

  private async getJson<S extends v.GenericSchema>(resource: string, schema: S, what: string, opts: CallOptions): Promise<v.InferOutput<S>> {
    return this.fetchJson(await this.target(resource, opts), 'GET', schema, what, opts);
  }

  private async fetchJson<S extends v.GenericSchema>(target: TpmTarget, method: Method, schema: S, what: string, opts: CallOptions): Promise<v.InferOutput<S>> {
    const res = await this.call(method, target, opts);
    return parseTpm(schema, parseJson(res, what), what);
  }

  /** Reads a whole list; every item is validated, ids are unique in the result. */
  private async list<S extends v.GenericSchema<unknown, { id: number }>>(resource: string, itemSchema: S, opts: ListOptions): Promise<v.InferOutput<S>[]> {
    const pageSchema = v.array(itemSchema);
    if (opts.strategy === 'links') {
      return followNextLinks(
        await this.target(resource, opts),
        async (target, signal) => {
          const res = await this.call('GET', target, { signal });
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
      count: (signal) => this.getJson(`${resource}/count`, countSchema, 'count', { signal }),
      page: (page, signal) => this.getJson(`${resource}/page/${page}`, pageSchema, 'list', { signal }),
      concurrency: this.concurrency,
      signal: opts.signal,
      onProgress: opts.onProgress,
    });
  }

  /** Sends one request; any non-2xx answer becomes a typed AppError carrying the server's message. */
  private async call(method: Method, target: TpmTarget, opts: CallOptions): Promise<HttpResponse> {
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
        }),
        body,
        signal: opts.signal,
      },
      { fetch: this.fetchFn, timeoutMs: this.timeoutMs, retries: this.retries, backoffMs: this.backoffMs },
    );
    if (res.status >= 200 && res.status < 300) return res;
    const error = tpmError(res.status, res.text);
    throw error.code === 'auth' && this.auth.kind === 'hmac' ? this.withSkewHint(error, res) : error;
  }

  /** HMAC signatures expire quickly: when the server's clock differs a lot from ours, say so. */
  private withSkewHint(error: AppError, res: HttpResponse): AppError {
    const serverTime = Date.parse(res.headers.get('date') ?? '');
    if (Number.isNaN(serverTime) || Math.abs(serverTime - this.now()) < SKEW_HINT_MS) return error;
    const minutes = Math.round(Math.abs(serverTime - this.now()) / 60_000);
    return new AppError(error.code, error.message, { ...error.details, help: `This computer's clock differs from the server's by about ${minutes} min; HMAC requests need matching clocks.` });
  }
}

function parseJson(res: HttpResponse, what: string): unknown {
  if (!res.text.trim()) throw new AppError('invalid_response', `The server sent an empty answer instead of the ${what}.`, { status: res.status });
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
  if ([...trimmed].length > MAX_UNLOCK_REASON) throw new AppError('bad_request', `The unlock reason is longer than ${MAX_UNLOCK_REASON} characters.`);
  return encodeUnlockReason(trimmed);
}

/** Request body for password writes: snake_case, tags as one comma string, custom values as `custom_dataN`. */
function passwordBody(input: TpmPasswordInput): Record<string, string> {
  const body: Record<string, string> = {};
  const put = (key: string, value: string | undefined) => {
    if (value !== undefined) body[key] = value;
  };
  put('name', input.name);
  put('tags', input.tags?.map((t) => t.replace(/,/g, ' ').trim()).filter(Boolean).join(','));
  put('access_info', input.accessInfo);
  put('username', input.username);
  put('email', input.email);
  put('password', input.password);
  put('expiry_date', input.expiryDate);
  put('notes', input.notes);
  for (const [index, value] of Object.entries(input.customData ?? {})) put(`custom_data${index}`, value);
  return body;
}
