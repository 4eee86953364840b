/** The sysPass 3.x JSON-RPC client: one method per API call, typed errors, and the brute-force lockout respected. */
import { AppError } from '../../errors';
import type { FetchLike } from '../http';
import { Lockout, LOCKOUT_MIN_DELAY_MS, type LockoutStore, memoryLockoutStore } from './lockout';
import { mapRpcError, sendRpc, type RpcFailure, type RpcSuccess, type RpcTransport } from './rpc';
import { describeChange, describeProblem, predictField, predictPassword, type StoredText, type SyspassTextField } from './stored-values';
import {
  AccountDetailsSchema,
  AccountRowsSchema,
  CategoryRowsSchema,
  ClientRowsSchema,
  parseWith,
  PasswordSchema,
  TagRowsSchema,
} from './schemas';
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
  /** Where a lockout is remembered (the worker keeps it across restarts); default: this client's memory. */
  lockout?: LockoutStore;
}

/** Whether the user accepted that the server stores values differently (after being shown how). */
export interface AcceptChanges {
  /** Name, login, url, notes as predicted. */
  fields?: boolean;
  /** The password as predicted. */
  password?: boolean;
}

/** Page size for category/client/tag searches, where count 0 means "no rows" (a plain LIMIT). */
const ITEM_PAGE = 1_000;

const SECURED = new Set(['account/viewPass', 'account/editPass', 'account/create']);
const READ_ONLY = new Set(['account/search', 'account/view', 'category/search', 'client/search', 'tag/search']);
const TEXT_FIELDS: readonly SyspassTextField[] = ['name', 'login', 'url', 'notes'];

export class SyspassClient {
  private readonly transport: RpcTransport;
  private readonly authToken: string;
  private readonly tokenPassword: string;
  private readonly lockout: Lockout;
  private nextId = 1;
  /** Secured actions the token is known to hold (checked without the token password: see `requireGranted`). */
  private readonly granted = new Set<string>();
  /** A call succeeded with this token: a later "Internal error" means a missing permission, not a wrong token. */
  private verified = false;

  constructor(opts: SyspassClientOptions) {
    this.transport = { endpoint: syspassEndpoint(opts.baseUrl), fetch: opts.fetch, timeoutMs: opts.timeoutMs ?? 30_000 };
    this.authToken = opts.authToken;
    this.tokenPassword = opts.tokenPassword;
    this.lockout = new Lockout(opts.lockout ?? memoryLockoutStore(), this.transport.endpoint, opts.now ?? Date.now);
  }

  /** The JSON-RPC endpoint in use. */
  get endpoint(): string {
    return this.transport.endpoint;
  }

  /** Epoch ms until which this server is not called (after "Attempts exceeded"); 0 when it is not locked out. */
  lockedUntil(): Promise<number> {
    return this.lockout.until();
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
    const res = await this.call('account/search', p, signal);
    return parseWith(AccountRowsSchema, res.result, 'account list');
  }

  /** Every account the token's user may see (`count: 0` is "no limit" for accounts; there is no paging). */
  listAllAccounts(signal?: AbortSignal): Promise<SyspassAccount[]> {
    return this.searchAccounts({ count: 0 }, signal);
  }

  /** `account/view`. It does not apply the server's ACL: use search results to decide what the user may see. */
  async viewAccount(id: number, signal?: AbortSignal): Promise<SyspassAccountDetails> {
    const res = await this.call('account/view', { id }, signal);
    return parseWith(AccountDetailsSchema, res.result, 'account');
  }

  /** `account/viewPass`: the password only. */
  async viewPassword(id: number, signal?: AbortSignal): Promise<string> {
    const res = await this.call('account/viewPass', { id }, signal);
    return parseWith(PasswordSchema, res.result, 'password reply').password;
  }

  /**
   * What the server will store for a new account, and what it cannot store (checked before anything is sent).
   * `account/create` filters the text fields and only trims the password.
   */
  predictCreate(input: SyspassNewAccount): { fields: Partial<Record<SyspassTextField, StoredText>>; password: StoredText } {
    const fields: Partial<Record<SyspassTextField, StoredText>> = {};
    for (const f of TEXT_FIELDS) {
      const value = f === 'name' ? input.name : input[f];
      if (value !== undefined) fields[f] = predictField(f, value);
    }
    return { fields, password: predictPassword(input.password, 'create') };
  }

  /**
   * `account/create`, then a read-back (`view` and `viewPass`) compared with what the server was predicted to
   * store. Refuses before sending a value the server cannot store (code too_long or unstorable) and one it would
   * change (would_alter) unless `accept` says the user agreed; a different read-back is an `altered` error.
   */
  async createAccount(
    input: SyspassNewAccount,
    opts: { accept?: AcceptChanges; signal?: AbortSignal } = {},
  ): Promise<SyspassAccountDetails> {
    const predicted = this.predictCreate(input);
    for (const [field, stored] of Object.entries(predicted.fields)) {
      guard(field, field === 'name' ? input.name : (input[field as SyspassTextField] ?? ''), stored, opts.accept?.fields);
    }
    guard('password', input.password, predicted.password, opts.accept?.password);
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
    const res = await this.call('account/create', p, opts.signal);
    const id = parseWith(AccountDetailsSchema, res.result, 'account').id;
    const expected = Object.fromEntries(Object.entries(predicted.fields).map(([f, v]) => [f, v.stored]));
    const stored = await this.readBack(id, expected, opts.signal);
    await this.readBackPassword(id, predicted.password.stored, opts.signal);
    return stored;
  }

  /**
   * `account/edit` is a full replace on the server, so this reads the account first and sends every field back
   * with `changes` applied, then reads it back. Tags are kept unless `changes.tagsId` lists new ones (the API cannot
   * clear them). Every text field goes through the server's filter again, unchanged ones too: refused (would_alter)
   * when that would change one, unless `accept.fields`.
   */
  async editAccount(
    id: number,
    changes: SyspassAccountChanges,
    opts: { accept?: AcceptChanges; signal?: AbortSignal } = {},
  ): Promise<SyspassAccountDetails> {
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
    const expected: Partial<Record<SyspassTextField, string>> = {};
    for (const f of TEXT_FIELDS) {
      const stored = predictField(f, next[f]);
      guard(f, next[f], stored, opts.accept?.fields);
      expected[f] = stored.stored;
    }
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
    await this.call('account/edit', p, opts.signal);
    return this.readBack(id, expected, opts.signal);
  }

  /**
   * `account/editPass`, then the password read back and compared. Without `expireDate` the server resets the
   * expiry to none, so by default the current expiry is read and sent again; pass `expireDate: 0` to clear it.
   * Refuses a password the server cannot store or would change (the string filter applies here), unless
   * `accept.password` says the user agreed to the change.
   */
  async editPassword(
    id: number,
    password: string,
    opts: { expireDate?: number; accept?: AcceptChanges; signal?: AbortSignal } = {},
  ): Promise<SyspassAccountDetails> {
    const predicted = predictPassword(password, 'editPass');
    guard('password', password, predicted, opts.accept?.password);
    const expireDate = opts.expireDate ?? (await this.viewAccount(id, opts.signal)).passDateChange;
    const p: Record<string, unknown> = { id, pass: password };
    if (expireDate) p.expireDate = expireDate;
    const res = await this.call('account/editPass', p, opts.signal);
    await this.readBackPassword(id, predicted.stored, opts.signal);
    return parseWith(AccountDetailsSchema, res.result, 'account');
  }

  /** Reads an account after a write; a text field other than expected is an `altered` error. */
  private async readBack(
    id: number,
    expected: Partial<Record<SyspassTextField, string>>,
    signal?: AbortSignal,
  ): Promise<SyspassAccountDetails> {
    const stored = await this.viewAccount(id, signal);
    const differ = TEXT_FIELDS.filter((f) => expected[f] !== undefined && stored[f] !== expected[f]);
    if (differ.length) {
      throw new AppError(
        'altered',
        `sysPass saved the account but stored a different ${differ.join(', ')} than expected; check account ${id} on the server.`,
      );
    }
    return stored;
  }

  /** Reads a password after a write (no password text goes into the error). */
  private async readBackPassword(id: number, expected: string, signal?: AbortSignal): Promise<void> {
    if ((await this.viewPassword(id, signal)) !== expected) {
      throw new AppError(
        'altered',
        `sysPass stored a different password than the one sent for account ${id}: ` +
          'the next fill would type a wrong password. Set it again on the server.',
      );
    }
  }

  /**
   * Checks the token password without revealing any password and without a failed attempt of the check's own:
   * first `viewPass` without it (the server answers -32602 when the token holds the action, and counts nothing),
   * then with it for an account id that cannot exist (a correct token password gets "not found"). Only a wrong
   * token password counts as a failed attempt on the server, once.
   */
  async checkTokenPassword(signal?: AbortSignal): Promise<void> {
    await this.lockout.assertNone();
    await this.requireGranted('account/viewPass', signal);
    const reply = await this.send('account/viewPass', { id: 0, authToken: this.authToken, tokenPass: this.tokenPassword }, signal);
    // Any code-0 reply ("Account not found", in whatever language) means the token password opened the vault.
    if (!reply.ok && reply.code !== 0) throw reply.error;
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
      const res = await this.call(method, text ? { text, count } : { count }, signal);
      if (!Array.isArray(res.result)) return parseWith(CategoryRowsSchema, res.result, 'list'); // throws the schema error
      if (res.result.length < count || count >= 1_000_000) return res.result;
    }
  }

  /** One call with the lockout respected, one safe retry for read-only calls on a network error, and errors mapped. */
  private async call(method: string, params: Record<string, unknown>, signal?: AbortSignal): Promise<RpcSuccess> {
    await this.lockout.assertNone();
    const secured = SECURED.has(method);
    if (secured) await this.requireGranted(method, signal);
    const full = { ...params, authToken: this.authToken, ...(secured ? { tokenPass: this.tokenPassword } : {}) };
    const outcome = await this.send(method, full, signal);
    if (outcome.ok) return outcome.value;
    throw outcome.error;
  }

  /** Sends once (a read-only call twice on a network error); a JSON-RPC error comes back mapped, as `error`. */
  private async send(
    method: string,
    params: Record<string, unknown>,
    signal?: AbortSignal,
  ): Promise<{ ok: true; value: RpcSuccess } | { ok: false; error: AppError; code: number }> {
    const started = performance.now();
    let outcome;
    try {
      outcome = await sendRpc(this.transport, method, params, this.nextId++, signal);
    } catch (error) {
      // A POST is never repeated by the transport; a search or view may be, once: it changes nothing but view counters.
      if (!(READ_ONLY.has(method) && error instanceof AppError && error.code === 'network')) throw error;
      outcome = await sendRpc(this.transport, method, params, this.nextId++, signal);
    }
    if (outcome.ok) {
      this.verified = true;
      return outcome;
    }
    return { ok: false, error: await this.classify(method, outcome.error, performance.now() - started), code: outcome.error.code };
  }

  private async classify(method: string, e: RpcFailure, elapsedMs: number): Promise<AppError> {
    if (e.code !== -32603 || e.data !== null) return mapRpcError(e);
    if (elapsedMs >= LOCKOUT_MIN_DELAY_MS) return this.lockout.begin(e.message);
    // A secured action is known to be granted by now (`requireGranted`): a quick refusal is the token password
    // (or, rarely, the action was taken from the token since; telling them apart would cost a call after a failure).
    if (SECURED.has(method) && this.granted.has(method)) {
      return new AppError(
        'token_password',
        `${e.message}: the token password is wrong (or the token lost the permission for ${method}). Check it before trying again.`,
        { status: e.status },
      );
    }
    const refused = new AppError('auth', `${e.message}: the API token is wrong, revoked, or lacks permission for ${method}.`, {
      status: e.status,
    });
    return this.verified ? forbidden(method, refused) : refused;
  }

  /**
   * Before the first secured call of each kind: the same call without `tokenPass`. The server checks the token's
   * action first (-32603 when it lacks it) and only then asks for the missing password (-32602); neither counts as
   * a failed attempt. So a later quick -32603 can only mean a wrong token password, and telling the two apart never
   * needs a call after a counted failure (which, as the tenth, would already be refused and count again).
   */
  private async requireGranted(method: string, signal?: AbortSignal): Promise<void> {
    if (this.granted.has(method)) return;
    const probe = await this.send(method, { authToken: this.authToken }, signal);
    if (!probe.ok && probe.code !== -32602) {
      // Refused: a wrong token, or one without this action. A search (which counts nothing either) tells which.
      if (
        probe.error.code === 'auth' &&
        !this.verified &&
        (await this.send('account/search', { authToken: this.authToken, count: 1 }, signal)).ok
      ) {
        throw forbidden(method, probe.error);
      }
      throw probe.error;
    }
    this.granted.add(method);
  }
}

/** A refusal from a token known to work: it lacks the permission for `method`. */
function forbidden(method: string, refused: AppError): AppError {
  const server = refused.message.slice(0, refused.message.indexOf(':'));
  return new AppError(
    'forbidden',
    `${server}: the API token works but may not use ${method} (or was revoked meanwhile). ` +
      'Ask the sysPass administrator to grant it to this authorization.',
    refused.details,
  );
}

/**
 * Refuses a value before it is sent: one the server cannot store (too_long, unstorable), or one it would store
 * differently (would_alter) unless the user accepted that.
 */
function guard(field: string, sent: string, stored: StoredText, accepted = false): void {
  if (stored.problem) throw new AppError(stored.problem.kind, describeProblem(stored.problem));
  if (stored.stored !== sent && !accepted) throw new AppError('would_alter', describeChange(field, stored));
}
