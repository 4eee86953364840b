/** Seeds that reproduce the servers the fixtures in `test/fixtures/syspass/` were recorded on. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DEMO_AUTH_TOKEN, DEMO_TOKEN_PASS, type SeedAccount, type SeedToken, type SyspassSeed } from './seed';
import type { SimUser, SimUserGroup } from './state';

export const ADMIN_USER: SimUser = {
  id: 1,
  name: 'sysPass Admin',
  login: 'admin',
  userGroupId: 1,
  isAdminApp: true,
  isAdminAcc: false,
  disabled: false,
};
export const ADMINS_GROUP: SimUserGroup = { id: 1, name: 'Admins', description: 'sysPass Admins', users: [] };

/** The recorded token's actions when `error-action-not-granted` was recorded. */
export const RECORDED_INITIAL_ACTIONS: readonly string[] = [
  'account/search',
  'account/view',
  'account/create',
  'account/edit',
  'account/viewPass',
  'account/editPass',
  'category/search',
  'client/search',
  'tag/search',
];

/** The actions added to that token right after `error-action-not-granted`. */
export const RECORDED_LATER_ACTIONS: readonly string[] = [
  'account/delete',
  ...['category', 'client', 'tag'].flatMap((c) => ['view', 'create', 'edit', 'delete'].map((a) => `${c}/${a}`)),
  'userGroup/view',
  'config/export',
];

/** The 8 accounts of the recorded server (fixtures README), with their recorded creation times. */
export const RECORDED_ACCOUNTS: SeedAccount[] = [
  {
    id: 1,
    name: 'Example login',
    login: 'alice',
    url: 'https://login.example.test/',
    clientId: 1,
    categoryId: 1,
    tags: [1],
    notes: 'primary web login',
    pass: 'Alice-Pass-1!',
    passDate: 1795618901,
  },
  {
    id: 2,
    name: 'Example login (bob)',
    login: 'bob',
    url: 'https://login.example.test/',
    clientId: 1,
    categoryId: 1,
    tags: [1, 3],
    notes: 'second account on the same site',
    pass: 'Bob-Pass-2!',
    passDate: 1795618901,
  },
  {
    id: 3,
    name: 'Example mail',
    login: 'alice@example.test',
    url: 'https://mail.example.test/login',
    clientId: 1,
    categoryId: 1,
    tags: [3],
    notes: 'path in URL',
    pass: 'Mail-Pass-3!',
    passDate: 1795618902,
  },
  {
    id: 4,
    name: 'NAS admin',
    login: 'admin',
    url: 'http://nas:5000',
    clientId: 2,
    categoryId: 2,
    tags: [2],
    notes: 'bare host name with port',
    pass: 'Nas-Pass-4!',
    passDate: 1795618902,
  },
  {
    id: 5,
    name: 'Home router',
    login: 'root',
    url: '192.168.1.10',
    clientId: 2,
    categoryId: 3,
    tags: [2],
    notes: 'bare IP, no scheme',
    pass: 'Router-Pass-5!',
    passDate: 1795618902,
  },
  {
    id: 6,
    name: 'Intranet wiki',
    login: 'carol',
    url: 'intranet',
    clientId: 3,
    categoryId: 1,
    tags: [2, 3],
    notes: 'single-label host, no scheme',
    pass: 'Wiki-Pass-6!',
    passDate: 1795618903,
  },
  {
    id: 7,
    name: 'Globex portal',
    login: 'dave',
    url: 'https://portal.globex.example.test:8443/app/',
    clientId: 3,
    categoryId: 1,
    tags: [1],
    notes: 'https with port and path',
    pass: 'Portal-Pass-7!',
    passDate: 1795618903,
  },
  {
    id: 8,
    name: 'No URL account',
    login: 'eve',
    url: '',
    clientId: 3,
    categoryId: 2,
    tags: [],
    notes: 'account without URL',
    pass: 'Eve-Pass-8!',
    passDate: 1795618904,
  },
];

/**
 * The server at 127.0.0.1:8099 (cases from `error-action-not-granted` on). Its token starts with the actions it had
 * then; grant `RECORDED_LATER_ACTIONS` to continue like the recording did. Client descriptions were not recorded.
 */
export function recordedServerSeed(token = DEMO_AUTH_TOKEN, tokenPass = DEMO_TOKEN_PASS): SyspassSeed {
  return {
    users: [ADMIN_USER],
    userGroups: [ADMINS_GROUP],
    clients: [
      { id: 1, name: 'Acme Corp', description: 'sample client', isGlobal: 0 },
      { id: 2, name: 'Home Lab', description: 'sample client', isGlobal: 0 },
      { id: 3, name: 'Globex', description: 'sample client', isGlobal: 0 },
    ],
    categories: [
      { id: 1, name: 'Web', description: 'sample category' },
      { id: 2, name: 'Servers', description: 'sample category' },
      { id: 3, name: 'Network', description: 'sample category' },
    ],
    tags: [
      { id: 1, name: 'prod' },
      { id: 2, name: 'internal' },
      { id: 3, name: 'shared' },
    ],
    accounts: RECORDED_ACCOUNTS.map((a) => ({ ...a, tags: [...(a.tags ?? [])] })),
    tokens: [{ token, userId: 1, actions: RECORDED_INITIAL_ACTIONS, tokenPass }],
    installDir: '<sysPass root>',
  };
}

/** The server at 127.0.0.1:8080 (the first cases of the README table), after its smoke test had run. */
export function smokeServerSeed(token = DEMO_AUTH_TOKEN, tokenPass = DEMO_TOKEN_PASS): SyspassSeed {
  return {
    users: [ADMIN_USER],
    userGroups: [ADMINS_GROUP],
    clients: [{ id: 1, name: 'Smoke client 1795571011', description: '', isGlobal: 0 }],
    categories: [{ id: 1, name: 'Smoke category 1795571011', description: '' }],
    tags: [{ id: 1, name: 'smoke-1795571011' }],
    accounts: [
      {
        id: 1,
        name: 'Smoke account 1795571011',
        login: 'smoke.user',
        url: 'https://smoke.example.test/login',
        notes: 'created by smoke.sh',
        clientId: 1,
        categoryId: 1,
        tags: [1],
        pass: 'Sm0ke-1795571011',
        passDate: 1795571012,
        countView: 1,
        countDecrypt: 1,
      },
    ],
    tokens: [{ token, userId: 1, actions: [...RECORDED_INITIAL_ACTIONS], tokenPass }],
  };
}

/** The third round's seed file (users, clients, categories, tags, 66 accounts, tokens with placeholders). */
const ROUND3_SEED_FILE = new URL('../../fixtures/syspass/seed-round3.json', import.meta.url);

/** The token of a third-round user other than the admin (the recording replaced every token by a placeholder). */
export function round3Token(userId: number): string {
  return userId === 1 ? DEMO_AUTH_TOKEN : createHash('sha256').update(`syspass-sim round3 user ${userId}`).digest('hex');
}

/**
 * The server of the third round (`seed-round3.json`), the state it was restored to before each recording run. The
 * admin's token is the demo token; every token password is the demo one. The seed file gives `parentId: 0`, but
 * the recorded replies show `null` for these rows (they were written into the database, not through the API).
 */
export function round3ServerSeed(): SyspassSeed {
  const seed = JSON.parse(readFileSync(ROUND3_SEED_FILE, 'utf8')) as SyspassSeed;
  return {
    ...seed,
    accounts: seed.accounts.map((a) => ({ ...a, parentId: null })),
    tokens: seed.tokens.map((t): SeedToken => ({ ...t, token: round3Token(t.userId), tokenPass: DEMO_TOKEN_PASS })),
  };
}
