/** The simulated sysPass database: users, tokens, clients, categories, tags, accounts, failed-attempt tracks. */
import { foldCi, likeContains } from './mariadb';

export interface SimUser {
  id: number;
  name: string;
  login: string;
  userGroupId: number;
  isAdminApp: boolean;
  isAdminAcc: boolean;
  disabled: boolean;
}

export interface SimUserGroup {
  id: number;
  name: string;
  description: string;
  /** Secondary members (UserToUserGroup); a user's main group is not listed here, as on the real server. */
  users: number[];
}

export interface SimClient {
  id: number;
  name: string;
  description: string;
  isGlobal: number;
}

export interface SimCategory {
  id: number;
  name: string;
  description: string;
}

export interface SimTag {
  id: number;
  name: string;
}

export interface SimAccount {
  id: number;
  name: string;
  clientId: number;
  categoryId: number;
  login: string;
  url: string;
  notes: string;
  pass: string;
  userId: number;
  userGroupId: number;
  userEditId: number;
  otherUserEdit: number;
  otherUserGroupEdit: number;
  isPrivate: number;
  isPrivateGroup: number;
  /** The linked account; NULL (not 0) in rows written outside the API, as the third round's seeded accounts were. */
  parentId: number | null;
  /** Unix seconds. */
  dateAdd: number;
  dateEdit: number | null;
  passDate: number;
  /** Expiry, unix seconds; 0 = none. */
  passDateChange: number;
  countView: number;
  countDecrypt: number;
  tags: number[];
  /** Secondary users and groups the account is shared with (AccountToUser, AccountToUserGroup). */
  otherUsers: number[];
  otherGroups: number[];
}

/** One API authorization set: a token string, its user, the actions granted, and the token password of secured rows. */
export interface SimToken {
  token: string;
  userId: number;
  actions: Set<string>;
  tokenPass: string;
}

export interface AccountFilter {
  text: string | null;
  categoryId: number | null;
  clientId: number | null;
  tagsId: number[];
  op: 'and' | 'or';
  count: number;
  desc: boolean;
}

interface FoldedAccount {
  name: string;
  login: string;
  url: string;
  notes: string;
}

/** In-memory tables plus the indexes that keep 10,000-account searches fast. */
export class SimState {
  readonly users = new Map<number, SimUser>();
  readonly userGroups = new Map<number, SimUserGroup>();
  readonly clients = new Map<number, SimClient>();
  readonly categories = new Map<number, SimCategory>();
  readonly tags = new Map<number, SimTag>();
  readonly accounts = new Map<number, SimAccount>();
  readonly tokens = new Map<string, SimToken>();
  /** AccountHistory rows (written on edit, editPass and delete); they keep categories and clients "in use". */
  readonly history: Array<{ accountId: number; clientId: number; categoryId: number }> = [];
  /** Failed attempts per client IP, unix seconds (the Track table's `time`). */
  readonly tracks = new Map<string, number[]>();
  /** AUTO_INCREMENT counters. */
  readonly nextId = { account: 1, client: 1, category: 1, tag: 1, userGroup: 1 };
  /** The server clock in ms (replaceable so recorded timestamps can be reproduced). */
  clock: () => number = Date.now;
  /** `config/backup` and `config/export` answer with paths under this directory. */
  installDir = '/var/www/html/sysPass';
  /** How the server sleeps before "Attempts exceeded" (replaceable so tests need not wait the real seconds). */
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

  private sorted: SimAccount[] | null = null;
  private readonly folded = new Map<number, FoldedAccount>();

  /** Current unix time in seconds. */
  nowSeconds(): number {
    return Math.floor(this.clock() / 1000);
  }

  /** Marks an account's searchable fields or sort keys as changed. */
  touchAccount(id: number): void {
    this.folded.delete(id);
    this.sorted = null;
  }

  /** Marks every account's sort key as changed (a client was renamed). */
  touchAll(): void {
    this.sorted = null;
  }

  insertAccount(account: Omit<SimAccount, 'id'> & { id?: number }): SimAccount {
    const id = account.id ?? this.nextId.account;
    this.nextId.account = Math.max(this.nextId.account, id + 1);
    const row: SimAccount = { ...account, id };
    this.accounts.set(id, row);
    this.touchAccount(id);
    return row;
  }

  deleteAccount(id: number): void {
    this.accounts.delete(id);
    this.touchAccount(id);
  }

  /** Grants more actions to an existing token (as adding authorizations in the web UI does). */
  grant(token: string, actions: readonly string[]): void {
    const t = this.tokens.get(token);
    if (!t) throw new Error('unknown token');
    for (const a of actions) t.actions.add(a);
  }

  /** Failed attempts from `ip` in the 600 s up to `now` (`time >= now - 600`, in whole seconds like the server). */
  recentFailures(ip: string, now = this.nowSeconds()): number {
    const list = (this.tracks.get(ip) ?? []).filter((t) => t >= now - 600);
    this.tracks.set(ip, list);
    return list.length;
  }

  /** Records a failed attempt at `now` (the time the request started, not when it was answered). */
  addFailure(ip: string, now = this.nowSeconds()): void {
    const list = this.tracks.get(ip) ?? [];
    list.push(now);
    this.tracks.set(ip, list);
  }

  /** What an admin does in the Tracks page (or `DELETE FROM Track`). */
  clearTracks(): void {
    this.tracks.clear();
  }

  /** The account visibility filter sysPass applies to search and viewPass for a user. */
  canSee(user: SimUser, a: SimAccount): boolean {
    if (a.isPrivate === 1 && a.userId !== user.id) return false;
    if (a.isPrivateGroup === 1 && a.userGroupId !== user.userGroupId) return false;
    if (user.isAdminApp || user.isAdminAcc) return true;
    if (a.userId === user.id || a.userGroupId === user.userGroupId) return true;
    if (a.otherUsers.includes(user.id) || a.otherGroups.includes(user.userGroupId)) return true;
    const group = this.userGroups.get(a.userGroupId);
    return group?.users.includes(user.id) ?? false;
  }

  /** `account/search`: filters combined with `op`, ordered by client name then account name, then LIMIT. */
  searchAccounts(user: SimUser, f: AccountFilter): SimAccount[] {
    const textMatch = f.text ? likeContains(f.text) : null;
    const filters: Array<(a: SimAccount) => boolean> = [];
    if (textMatch) {
      filters.push((a) => {
        const x = this.foldedOf(a);
        return textMatch(x.name) || textMatch(x.login) || textMatch(x.url) || textMatch(x.notes);
      });
    }
    // `!empty()` in the repository: an id of 0 is no filter.
    if (f.categoryId) filters.push((a) => a.categoryId === f.categoryId);
    if (f.clientId) filters.push((a) => a.clientId === f.clientId);
    const tags = f.tagsId;
    const out: SimAccount[] = [];
    const ordered = f.desc ? [...this.sortedAccounts()].reverse() : this.sortedAccounts();
    for (const a of ordered) {
      if (!this.canSee(user, a)) continue;
      if (!matches(a, filters, tags, f.op)) continue;
      out.push(a);
      if (f.count > 0 && out.length >= f.count) break;
    }
    return out;
  }

  private foldedOf(a: SimAccount): FoldedAccount {
    let x = this.folded.get(a.id);
    if (!x) {
      x = { name: foldCi(a.name), login: foldCi(a.login), url: foldCi(a.url), notes: foldCi(a.notes) };
      this.folded.set(a.id, x);
    }
    return x;
  }

  private sortedAccounts(): SimAccount[] {
    if (!this.sorted) {
      const keyed = [...this.accounts.values()].map((a) => ({
        a,
        client: foldCi(this.clients.get(a.clientId)?.name ?? ''),
        name: foldCi(a.name),
      }));
      keyed.sort((x, y) => cmp(x.client, y.client) || cmp(x.name, y.name) || x.a.id - y.a.id);
      this.sorted = keyed.map((k) => k.a);
    }
    return this.sorted;
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The WHERE of AccountRepository::getByFilter. With tags, an INNER JOIN on AccountToTag drops untagged accounts
 * whatever `op` says; with "and" the account must carry every listed tag (HAVING COUNT(DISTINCT tagId) = n).
 */
function matches(a: SimAccount, filters: Array<(a: SimAccount) => boolean>, tags: number[], op: 'and' | 'or'): boolean {
  if (tags.length === 0) {
    if (filters.length === 0) return true;
    return op === 'and' ? filters.every((f) => f(a)) : filters.some((f) => f(a));
  }
  if (a.tags.length === 0) return false;
  if (op === 'and') {
    if (!filters.every((f) => f(a))) return false;
    const distinct = new Set(a.tags.filter((t) => tags.includes(t)));
    return distinct.size === tags.length;
  }
  return filters.some((f) => f(a)) || a.tags.some((t) => tags.includes(t));
}
