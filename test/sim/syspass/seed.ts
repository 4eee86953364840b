/** Seed data for the sysPass simulator: its shape, the demo credentials, and loading it into a fresh state. */
import { createHash } from 'node:crypto';
import { SimState, type SimAccount, type SimCategory, type SimClient, type SimTag, type SimUser, type SimUserGroup } from './state';

/** Every API action of sysPass 3.2 (per-token permissions are subsets of these). */
export const ALL_ACTIONS: readonly string[] = [
  ...['search', 'view', 'viewPass', 'create', 'edit', 'editPass', 'delete'].map((a) => `account/${a}`),
  ...['category', 'client', 'tag', 'userGroup'].flatMap((c) => ['search', 'view', 'create', 'edit', 'delete'].map((a) => `${c}/${a}`)),
  'config/backup',
  'config/export',
];

/** The demo token (64 hex chars, like a real one) of the admin user, with every action. */
export const DEMO_AUTH_TOKEN = createHash('sha256').update('syspass-sim demo token').digest('hex');
/** The token password of the demo token's secured actions (viewPass, editPass, create). */
export const DEMO_TOKEN_PASS = 'demo-token-pass';
/** A read-only token of a non-admin user: account search, view and viewPass, plus the item searches. */
export const READER_AUTH_TOKEN = createHash('sha256').update('syspass-sim reader token').digest('hex');
export const READER_TOKEN_PASS = 'reader-token-pass';

/** An account in a seed; omitted fields take the values of a freshly created, never edited account. */
export type SeedAccount = Pick<SimAccount, 'id' | 'name' | 'clientId' | 'categoryId' | 'login' | 'url' | 'notes' | 'pass' | 'passDate'> &
  Partial<SimAccount>;

export interface SeedToken {
  token: string;
  userId: number;
  actions: readonly string[];
  tokenPass: string;
}

export interface SyspassSeed {
  users: SimUser[];
  userGroups: SimUserGroup[];
  clients: SimClient[];
  categories: SimCategory[];
  tags: SimTag[];
  accounts: SeedAccount[];
  tokens: SeedToken[];
  installDir?: string;
}

/** Loads a seed into a new state (copies, so one seed can start several simulators). */
export function buildState(seed: SyspassSeed): SimState {
  const state = new SimState();
  for (const u of seed.users) state.users.set(u.id, { ...u });
  for (const g of seed.userGroups) state.userGroups.set(g.id, { ...g, users: [...g.users] });
  for (const c of seed.clients) state.clients.set(c.id, { ...c });
  for (const c of seed.categories) state.categories.set(c.id, { ...c });
  for (const t of seed.tags) state.tags.set(t.id, { ...t });
  const next = (ids: Iterable<number>) => Math.max(0, ...ids) + 1;
  state.nextId.client = next(state.clients.keys());
  state.nextId.category = next(state.categories.keys());
  state.nextId.tag = next(state.tags.keys());
  state.nextId.userGroup = next(state.userGroups.keys());
  for (const a of seed.accounts) {
    const owner = state.users.get(a.userId ?? 1);
    state.insertAccount({
      userId: owner?.id ?? 1,
      userGroupId: owner?.userGroupId ?? 1,
      userEditId: a.userEditId ?? a.userId ?? 1,
      otherUserEdit: 0,
      otherUserGroupEdit: 0,
      isPrivate: 0,
      isPrivateGroup: 0,
      parentId: 0,
      dateAdd: a.passDate,
      dateEdit: null,
      passDateChange: 0,
      countView: 0,
      countDecrypt: 0,
      tags: [],
      otherUsers: [],
      otherGroups: [],
      ...a,
    });
  }
  for (const t of seed.tokens)
    state.tokens.set(t.token, { token: t.token, userId: t.userId, actions: new Set(t.actions), tokenPass: t.tokenPass });
  if (seed.installDir) state.installDir = seed.installDir;
  return state;
}
