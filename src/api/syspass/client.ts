/** The sysPass 3.x JSON-RPC client: one method per API call, typed errors, and the brute-force lockout respected. */
import { AppError } from '../../errors';
import type { FetchLike } from '../http';
import { checkSyspassPassword, describePasswordWarnings } from './password-warnings';
import { syspassStringFilter } from './php-string-filter';
import { mapRpcError, sendRpc, type RpcFailure, type RpcSuccess, type RpcTransport } from './rpc';
import { AccountDetailsSchema, AccountRowsSchema, CategoryRowsSchema, ClientRowsSchema, parseWith, PasswordSchema, TagRowsSchema } from './schemas';
import type {
  AccountSearchParams,
  SyspassAccount,
  SyspassAccountChanges,
  SyspassAccountDetails,
  SyspassCategory,
  SyspassClientItem,
  SyspassNewAccount,
  SyspassTag,
} from './types';
import { syspassEndpoint } from './url';

export interface SyspassClientOptions {
  /** As the user pasted it: with or without `/api.php` or `/index.php`. */
  baseUrl: string;
  /** The API authorization token (64 hex chars). */
  authToken: string;
  /** The token password; sent only to account/viewPass, account/editPass and account/create. */
  tokenPassword: string;
  fetch: FetchLike;
  /** Per call, in ms (default 30 s: a locked-out server sleeps 5 s or more before answering). */
  timeoutMs?: number;
  /** Wall clock in ms for the 10-minute lockout window (tests). Response delays are measured with `performance.now()`. */
  now?: () => number;
}

/** How long to stop calling a server after "Attempts exceeded" (its window is 600 s). */
export const LOCKOUT_MS = 10 * 60_000;
/**
 * sysPass answers "Attempts exceeded" only after sleeping 0.5 s × failed attempts (at least 10, so ≥ 5 s), and its
 * other -32603 replies come at once. The code is the same, the text is translated: the delay is what tells them apart.
 */
export const LOCKOUT_MIN_DELAY_MS = 4_000;
/** Page size for category/client/tag searches, where count 0 means "no rows" (a plain LIMIT). */
const ITEM_PAGE = 1_000;

const SECURED = new Set(['account/viewPass', 'account/editPass', 'account/create']);
const READ_ONLY = new Set(['account/search', 'account/view', 'category/search', 'client/search', 'tag/search']);
const STRING_FIELDS = ['name', 'login', 'url', 'notes'] as const;

interface CallOptions {
  signal?: AbortSignal;
  /** The call names an existing item, so a code-0 error means "not found". */
  targetsItem?: boolean;
}

export class SyspassClient {
  private readonly transport: RpcTransport;
  private readonly authToken: string;
  private readonly tokenPassword: string;
  private readonly now: () => number;
  private nextId = 1;
  private lockedUntil = 0;

  constructor(opts: SyspassClientOptions) {
    this.transport = { endpoint: syspassEndpoint(opts.baseUrl), fetch: opts.fetch, timeoutMs: opts.timeoutMs ?? 30_000 };
    this.authToken = opts.authToken;
    this.tokenPassword = opts.tokenPassword;
    this.now = opts.now ?? Date.now;
  }

  /** The JSON-RPC endpoint in use. */
  get endpoint(): string {
    return this.transport.endpoint;
  }

  /** Milliseconds before this client calls the server again after a lockout; 0 when not locked out. */
  get lockoutRemainingMs(): number {
    return Math.max(0, this.lockedUntil - this.now());
  }

  /** `account/search`. Rows come ordered by client name, then account name. */
  async searchAccounts(params: AccountSearchParams = {}, signal?: AbortSignal): Promise<SyspassAccount[]> {
    const p: Record<string, unknown> = {};
    if (params.text !== undefined) p.text = params.text;
    if (params.count !== undefined) p.count = params.count;
    if (params.categoryId !== undefined) p.categoryId = params.categoryId;
    if (params.clientId !== undefined) p.clientId = params.clientId;
    if (params.tagsId !== undefined) p.tagsId = params.tagsId;
    if (params.op !== undefined) p.op = params.op;
    const res = await this.call('account/search', p, { signal });
    return parseWith(AccountRowsSchema, res.result, 'account list');
  }

  /** Every account the token's user may see (`count: 0` is "no limit" for accounts; there is no paging). */
  listAllAccounts(signal?: AbortSignal): Promise<SyspassAccount[]> {
    return this.searchAccounts({ count: 0 }, signal);
  }

  /** `account/view`. It does not apply the server's ACL: use search results to decide what the user may see. */
  async viewAccount(id: number, signal?: AbortSignal): Promise<SyspassAccountDetails> {
    const res = await this.call('account/view', { id }, { signal, targetsItem: true });
    return parseWith(AccountDetailsSchema, res.result, 'account');
  }

  /** `account/viewPass`: the password only. */
  async viewPassword(id: number, signal?: AbortSignal): Promise<string> {
    const res = await this.call('account/viewPass', { id }, { signal, targetsItem: true });
    return parseWith(PasswordSchema, res.result, 'password reply').password;
  }

  /**
   * `account/create`. Refuses (code bad_request) a password or text the server would silently alter, unless
   * `allowAltered` is set after the user was warned.
   */
  async createAccount(input: SyspassNewAccount, opts: { allowAltered?: boolean; signal?: AbortSignal } = {}): Promise<SyspassAccountDetails> {
    if (!opts.allowAltered) {
      guardPassword(input.password, 'create');
      guardFields(input, STRING_FIELDS);
    }
    const p: Record<string, unknown> = { name: input.name, clientId: input.clientId, categoryId: input.categoryId, pass: input.password };
    if (input.login !== undefined) p.login = input.login;
    if (input.url !== undefined) p.url = input.url;
    if (input.notes !== undefined) p.notes = input.notes;
    if (input.isPrivate !== undefined) p.private = input.isPrivate ? 1 : 0;
    if (input.isPrivateGroup !== undefined) p.privateGroup = input.isPrivateGroup ? 1 : 0;
    if (input.expireDate) p.expireDate = input.expireDate;
    if (input.parentId) p.parentId = input.parentId;
    if (input.userId !== undefined) p.userId = input.userId;
    if (input.userGroupId !== undefined) p.userGroupId = input.userGroupId;
    if (input.tagsId?.length) p.tagsId = input.tagsId;
    const res = await this.call('account/create', p, { signal: opts.signal });
    return parseWith(AccountDetailsSchema, res.result, 'account');
  }

  /**
   * `account/edit` is a full replace on the server, so this reads the account first and sends every field back
   * with `changes` applied. Tags are kept unless `changes.tagsId` lists new ones (the API cannot clear them).
   */
  async editAccount(id: number, changes: SyspassAccountChanges, opts: { allowAltered?: boolean; signal?: AbortSignal } = {}): Promise<SyspassAccountDetails> {
    if (changes.tagsId !== undefined && changes.tagsId.length === 0) {
      throw new AppError('bad_request', 'sysPass cannot remove all tags from an account through its API.');
    }
    const cur = await this.viewAccount(id, opts.signal);
    const next = {
      name: changes.name ?? cur.name,
      clientId: changes.clientId ?? cur.clientId,
      categoryId: changes.categoryId ?? cur.categoryId,
      login: changes.login ?? cur.login,
      url: changes.url ?? cur.url,
      notes: changes.notes ?? cur.notes,
      isPrivate: changes.isPrivate ?? cur.isPrivate,
      isPrivateGroup: changes.isPrivateGroup ?? cur.isPrivateGroup,
      expireDate: changes.expireDate ?? cur.passDateChange,
      parentId: changes.parentId ?? cur.parentId,
      userId: changes.userId ?? cur.userId,
      userGroupId: changes.userGroupId ?? cur.userGroupId,
    };
    // Even unchanged fields go through the server's filter again: refuse rather than lose text silently.
    if (!opts.allowAltered) guardFields(next, STRING_FIELDS);
    const p: Record<string, unknown> = {
      id,
      name: next.name,
      clientId: next.clientId,
      categoryId: next.categoryId,
      login: next.login,
      url: next.url,
      notes: next.notes,
      private: next.isPrivate ? 1 : 0,
      privateGroup: next.isPrivateGroup ? 1 : 0,
      expireDate: next.expireDate,
      parentId: next.parentId,
      userId: next.userId,
      userGroupId: next.userGroupId,
    };
    if (changes.tagsId?.length) p.tagsId = changes.tagsId;
    const res = await this.call('account/edit', p, { signal: opts.signal, targetsItem: true });
    return parseWith(AccountDetailsSchema, res.result, 'account');
  }

  /**
   * `account/editPass`. Without `expireDate` the server resets the expiry to none, so by default the current expiry
   * is read and sent again; pass `expireDate: 0` to clear it. Refuses a password the server would alter unless
   * `allowAltered` is set.
   */
  async editPassword(id: number, password: string, opts: { expireDate?: number; allowAltered?: boolean; signal?: AbortSignal } = {}): Promise<SyspassAccountDetails> {
    if (!opts.allowAltered) guardPassword(password, 'editPass');
    const expireDate = opts.expireDate ?? (await this.viewAccount(id, opts.signal)).passDateChange;
    const p: Record<string, unknown> = { id, pass: password };
    if (expireDate) p.expireDate = expireDate;
    const res = await this.call('account/editPass', p, { signal: opts.signal, targetsItem: true });
    return parseWith(AccountDetailsSchema, res.result, 'account');
  }

  /** Every category matching `text` (name or description). */
  async searchCategories(text = '', signal?: AbortSignal): Promise<SyspassCategory[]> {
    return parseWith(CategoryRowsSchema, await this.pageAll('category/search', text, signal), 'category list');
  }

  /** Every client matching `text` (name or description). */
  async searchClients(text = '', signal?: AbortSignal): Promise<SyspassClientItem[]> {
    return parseWith(ClientRowsSchema, await this.pageAll('client/search', text, signal), 'client list');
  }

  /** Every tag matching `text`. */
  async searchTags(text = '', signal?: AbortSignal): Promise<SyspassTag[]> {
    return parseWith(TagRowsSchema, await this.pageAll('tag/search', text, signal), 'tag list');
  }

  /** These searches have no offset and treat count 0 as LIMIT 0: ask for a large page, and a larger one while it comes back full. */
  private async pageAll(method: string, text: string, signal?: AbortSignal): Promise<unknown[]> {
    for (let count = ITEM_PAGE; ; count *= 10) {
      const res = await this.call(method, text ? { text, count } : { count }, { signal });
      if (!Array.isArray(res.result)) return parseWith(CategoryRowsSchema, res.result, 'list'); // throws the schema error
      if (res.result.length < count || count >= 1_000_000) return res.result;
    }
  }

  /** One call with the lockout respected, one safe retry for read-only calls on a network error, and errors mapped. */
  private async call(method: string, params: Record<string, unknown>, opts: CallOptions): Promise<RpcSuccess> {
    this.assertNotLocked();
    const secured = SECURED.has(method);
    const full = { ...params, authToken: this.authToken, ...(secured ? { tokenPass: this.tokenPassword } : {}) };
    const started = performance.now();
    let outcome;
    try {
      outcome = await sendRpc(this.transport, method, full, this.nextId++, opts.signal);
    } catch (error) {
      // A POST is never repeated by the transport; a search or view may be, once: it changes nothing but view counters.
      if (!(READ_ONLY.has(method) && error instanceof AppError && error.code === 'network')) throw error;
      outcome = await sendRpc(this.transport, method, full, this.nextId++, opts.signal);
    }
    if (outcome.ok) return outcome.value;
    throw await this.classify(method, outcome.error, performance.now() - started, opts);
  }

  private async classify(method: string, e: RpcFailure, elapsedMs: number, opts: CallOptions): Promise<AppError> {
    if (e.code !== -32603 || e.data !== null) return mapRpcError(e, { method, targetsItem: opts.targetsItem ?? false });
    if (elapsedMs >= LOCKOUT_MIN_DELAY_MS) return this.lockout(e.message);
    if (!SECURED.has(method)) {
      return new AppError('auth', `${e.message}: the API token is wrong, revoked, or lacks permission for ${method}.`, { status: e.status });
    }
    return this.resolveSecuredFailure(method, e, opts.signal);
  }

  /**
   * A quick -32603 on a secured call is either a token without that action or a wrong token password. The same call
   * without `tokenPass` tells them apart by code: the server checks the token row first (-32603 again) and only
   * then asks for the missing password (-32602). It counts as no failed attempt and changes nothing.
   */
  private async resolveSecuredFailure(method: string, e: RpcFailure, signal?: AbortSignal): Promise<AppError> {
    const wrongPassword = new AppError('token_password', `${e.message}: the token password is wrong. Check it before trying again.`, { status: e.status });
    const started = performance.now();
    let probe;
    try {
      probe = await sendRpc(this.transport, method, { authToken: this.authToken }, this.nextId++, signal);
    } catch {
      return wrongPassword;
    }
    if (probe.ok || probe.error.code === -32602) return wrongPassword;
    if (probe.error.code === -32603 && performance.now() - started >= LOCKOUT_MIN_DELAY_MS) return this.lockout(probe.error.message);
    return new AppError('auth', `${e.message}: the API token is wrong, revoked, or lacks permission for ${method}.`, { status: e.status });
  }

  private lockout(message: string): AppError {
    this.lockedUntil = this.now() + LOCKOUT_MS;
    return new AppError('lockout', `${message}: sysPass blocked calls after too many failed attempts. Not calling this server for 10 minutes.`, {
      retryAfterMs: LOCKOUT_MS,
    });
  }

  private assertNotLocked(): void {
    const remaining = this.lockoutRemainingMs;
    if (remaining > 0) {
      throw new AppError('lockout', `sysPass blocked calls after too many failed attempts; trying again in ${Math.ceil(remaining / 60_000)} min.`, {
        retryAfterMs: remaining,
      });
    }
  }
}

function guardPassword(password: string, method: 'create' | 'editPass'): void {
  const check = checkSyspassPassword(password, method);
  if (check.warnings.length) throw new AppError('bad_request', describePasswordWarnings(check));
}

function guardFields(values: Partial<Record<(typeof STRING_FIELDS)[number], string>>, fields: readonly (typeof STRING_FIELDS)[number][]): void {
  for (const f of fields) {
    const value = values[f];
    if (value !== undefined && syspassStringFilter(value) !== value) {
      throw new AppError('bad_request', `sysPass would change the ${f} field (it trims spaces and removes <…> text).`);
    }
  }
}
