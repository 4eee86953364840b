/**
 * The simulator's live state: the seeded data, runtime settings, permissions, and per-user views that are
 * computed once per data version (so 50,000 entries serve quickly: no re-sorting or re-filtering per page).
 */
import type { SimData, SimDemoIds, SimGroup, SimMyPassword, SimPassword, SimProject, SimUser } from './model';
import { fold, forgetSearchFields, matches, parseQuery, searchFields } from './search';

export type SimApiVersion = 'v4' | 'v5' | 'v6';

/** Switches a test may flip at run time. */
export interface TpmSimSettings {
  versions: SimApiVersion[];
  /** Items per page on v4 and v5, and on v6 without a valid `X-Page-Size`. */
  pageSize: number;
  /** The largest `X-Page-Size` v6 honours (TPM's own limit is not documented; a test may lower this one). */
  maxPageSize: number;
  authMethods: 'both' | 'basic' | 'hmac';
  hmacWindowSeconds: number;
  apiEnabled: boolean;
  personalPasswordsEnabled: boolean;
  /** The server clock (ms), for HMAC windows, expiry status and OTP codes. */
  now: () => number;
}

/** What one user can see, computed once per data version. */
export interface UserView {
  /** Effective project permission per project id (only projects with some access). */
  perms: Map<number, number>;
  /** Visible passwords (read permission), newest id first. */
  all: SimPassword[];
  active: SimPassword[];
  archived: SimPassword[];
  byProject: Map<number, SimPassword[]>;
  projects: SimProject[];
}

const SEARCH_CACHE_SIZE = 200;

export class TpmSimState {
  readonly users = new Map<number, SimUser>();
  readonly groups = new Map<number, SimGroup>();
  readonly projects = new Map<number, SimProject>();
  readonly passwords = new Map<number, SimPassword>();
  readonly myPasswords = new Map<number, SimMyPassword>();
  readonly demo: SimDemoIds;
  /** Every accepted unlock reason, newest last (tests read it to check UTF-8 reasons). */
  readonly unlockLog: { userId: number; passwordId: number; reason: string }[] = [];
  private version = 0;
  private views = new Map<number, { version: number; view: UserView }>();
  private sorted?: { version: number; passwords: SimPassword[]; children: Map<number, SimProject[]>; counts: Map<number, number> };
  private searches = new Map<string, { version: number; items: (SimPassword | SimMyPassword)[] }>();

  constructor(
    data: SimData,
    readonly settings: TpmSimSettings,
  ) {
    for (const u of data.users) this.users.set(u.id, u);
    for (const g of data.groups) this.groups.set(g.id, g);
    for (const p of data.projects) this.projects.set(p.id, p);
    for (const p of data.passwords) this.passwords.set(p.id, p);
    for (const p of data.myPasswords) this.myPasswords.set(p.id, p);
    this.demo = data.demo;
  }

  /** Call after any change to the data: views and search results are recomputed lazily. */
  touch(entry?: SimPassword | SimMyPassword): void {
    this.version++;
    if (entry) forgetSearchFields(entry);
  }

  userByName(username: string): SimUser | undefined {
    for (const u of this.users.values()) if (u.username === username) return u;
    return undefined;
  }

  userByPublicKey(publicKey: string): SimUser | undefined {
    for (const u of this.users.values()) if (u.publicKey === publicKey) return u;
    return undefined;
  }

  nextId(map: Map<number, unknown>): number {
    let max = 0;
    for (const id of map.keys()) if (id > max) max = id;
    return max + 1;
  }

  private base() {
    if (this.sorted?.version === this.version) return this.sorted;
    const passwords = [...this.passwords.values()].sort((a, b) => b.id - a.id);
    const children = new Map<number, SimProject[]>();
    for (const p of [...this.projects.values()].sort((a, b) => a.name.localeCompare(b.name))) {
      const list = children.get(p.parentId) ?? [];
      list.push(p);
      children.set(p.parentId, list);
    }
    const counts = new Map<number, number>();
    for (const p of passwords) counts.set(p.projectId, (counts.get(p.projectId) ?? 0) + 1);
    this.sorted = { version: this.version, passwords, children, counts };
    return this.sorted;
  }

  /** Direct children of a project (0 = root), by name. */
  childrenOf(projectId: number): SimProject[] {
    return this.base().children.get(projectId) ?? [];
  }

  /** Passwords directly in a project (all, regardless of the viewer). */
  countIn(projectId: number): number {
    return this.base().counts.get(projectId) ?? 0;
  }

  /** Passwords in a project and all its descendants. */
  countInBranch(projectId: number): number {
    return this.countIn(projectId) + this.childrenOf(projectId).reduce((sum, c) => sum + this.countInBranch(c.id), 0);
  }

  /** Ancestors of a project, root first. */
  ancestors(projectId: number): number[] {
    const out: number[] = [];
    for (let p = this.projects.get(projectId); p?.parentId; p = this.projects.get(p.parentId)) out.unshift(p.parentId);
    return out;
  }

  /** Effective project permission: the nearest explicit setting up the tree; admins manage everything. */
  projectPerm(user: SimUser, projectId: number): number {
    return this.view(user).perms.get(projectId) ?? 0;
  }

  /** Password permission derived from the project's: 10 read, 20 edit, 30 manage, 0 none. */
  passwordPerm(user: SimUser, p: SimPassword): number {
    const perm = this.projectPerm(user, p.projectId);
    if (perm >= 50 || (perm >= 30 && p.createdBy === user.id)) return 30;
    if (perm >= 40) return 20;
    return perm >= 20 ? 10 : 0;
  }

  view(user: SimUser): UserView {
    const hit = this.views.get(user.id);
    if (hit?.version === this.version) return hit.view;
    const perms = new Map<number, number>();
    const explicit = (p: SimProject): number | undefined => {
      if (p.managedBy === user.id) return 60;
      const own = p.userPerms.get(user.id);
      if (own !== undefined && own !== -1) return own;
      const viaGroups = user.groupIds
        .map((g) => p.groupPerms.get(g))
        .filter((x): x is NonNullable<typeof x> => x !== undefined && x !== -1);
      return viaGroups.length ? Math.max(...viaGroups) : undefined;
    };
    const walk = (parentId: number, inherited: number) => {
      for (const p of this.childrenOf(parentId)) {
        let perm = user.role === 'Admin' ? 60 : (explicit(p) ?? inherited);
        if (user.role === 'Read only') perm = Math.min(perm, 20);
        if (perm > 0) perms.set(p.id, perm);
        walk(p.id, perm);
      }
    };
    walk(0, 0);
    const all = this.base().passwords.filter((p) => (perms.get(p.projectId) ?? 0) >= 20);
    const byProject = new Map<number, SimPassword[]>();
    for (const p of all) {
      const list = byProject.get(p.projectId) ?? [];
      list.push(p);
      byProject.set(p.projectId, list);
    }
    const view: UserView = {
      perms,
      all,
      active: all.filter((p) => !p.archived),
      archived: all.filter((p) => p.archived),
      byProject,
      projects: [...this.projects.values()].filter((p) => perms.has(p.id)).sort((a, b) => b.id - a.id),
    };
    this.views.set(user.id, { version: this.version, view });
    return view;
  }

  /** Passwords matching a search, cached per user, query and data version (pages of one search reuse it). */
  searchPasswords(user: SimUser, query: string): SimPassword[] {
    return this.cachedSearch(`p|${user.id}|${query}`, () => {
      const terms = parseQuery(query);
      return this.view(user).all.filter((p) =>
        matches(terms, searchFields(p, this.projects.get(p.projectId)?.name ?? ''), {
          archived: p.archived,
          favorite: p.favoriteOf.has(user.id),
          locked: p.lockingType > 0,
          hasExpiry: p.expiryDate !== null,
          hasFile: p.numFiles > 0,
        }),
      );
    }) as SimPassword[];
  }

  /** The user's personal passwords, newest first. */
  myPasswordsOf(user: SimUser): SimMyPassword[] {
    return this.cachedSearch(`m|${user.id}|`, () =>
      [...this.myPasswords.values()].filter((p) => p.ownerId === user.id).sort((a, b) => b.id - a.id),
    ) as SimMyPassword[];
  }

  searchMyPasswords(user: SimUser, query: string): SimMyPassword[] {
    return this.cachedSearch(`m|${user.id}|${query}`, () => {
      const terms = parseQuery(query);
      const flags = { archived: false, favorite: false, locked: false, hasExpiry: false, hasFile: false };
      return this.myPasswordsOf(user).filter((p) => matches(terms, searchFields(p), flags));
    }) as SimMyPassword[];
  }

  searchProjects(user: SimUser, query: string): SimProject[] {
    const words = fold(query).split(/\s+/).filter(Boolean);
    return this.view(user).projects.filter((p) => {
      const text = fold(`${p.name} ${p.tags} ${p.notes}`);
      return words.every((w) => text.includes(w));
    });
  }

  private cachedSearch(key: string, compute: () => (SimPassword | SimMyPassword)[]) {
    const hit = this.searches.get(key);
    if (hit?.version === this.version) return hit.items;
    const items = compute();
    this.searches.delete(key);
    this.searches.set(key, { version: this.version, items });
    if (this.searches.size > SEARCH_CACHE_SIZE) this.searches.delete(this.searches.keys().next().value!);
    return items;
  }
}
