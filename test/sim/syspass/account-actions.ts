/** The `account/*` API actions of the simulated sysPass 3.2.11. */
import type { Action, ActionContext } from './action-context';
import { searchRow, viewObject } from './account-views';
import { columnError, foreignKeyInsertMessage, type ColumnSize } from './mariadb';
import { MESSAGES, RpcFault } from './rpc-fault';
import type { SimAccount, SimState } from './state';

const ACCOUNT_MISSING = "The account doesn't exist";

function getAccount(state: SimState, id: number): SimAccount {
  const a = state.accounts.get(id);
  if (!a) throw new RpcFault(0, ACCOUNT_MISSING);
  return a;
}

/** The Account table's text columns in the order the INSERT and UPDATE statements list them (the first bad one is reported). */
const ACCOUNT_COLUMNS: ReadonlyArray<readonly ['name' | 'login' | 'url' | 'notes', ColumnSize]> = [
  ['name', { chars: 100 }],
  ['login', { chars: 50 }],
  ['url', { chars: 255 }],
  ['notes', { bytes: 65_535 }],
];

/** Column sizes and utf8mb3 (code 0, the SQL text as message, the SQLSTATE as data), then foreign keys. */
function checkStorable(
  state: SimState,
  a: Pick<SimAccount, 'name' | 'login' | 'url' | 'notes' | 'clientId' | 'categoryId' | 'tags'>,
): void {
  for (const [column, size] of ACCOUNT_COLUMNS) {
    const bad = columnError('Account', column, a[column], size);
    if (bad) throw new RpcFault(0, bad.message, bad.sqlState);
  }
  const fk = (column: string, parent: string) =>
    new RpcFault(23000, MESSAGES.integrityConstraint, foreignKeyInsertMessage('Account', column, parent));
  if (!state.clients.has(a.clientId)) throw fk('clientId', 'Client');
  if (!state.categories.has(a.categoryId)) throw fk('categoryId', 'Category');
  for (const t of a.tags)
    if (!state.tags.has(t))
      throw new RpcFault(23000, MESSAGES.integrityConstraint, foreignKeyInsertMessage('AccountToTag', 'tagId', 'Tag'));
}

/**
 * `AccountService::getPasswordEncrypted()`: the encrypted form (hex, 168 + 2 × bytes) must fit 1,000 characters, so
 * at most 416 UTF-8 bytes; over that, a bare "Internal error" with code 0, before anything is written.
 */
function checkPasswordSize(pass: string): void {
  if (168 + 2 * Buffer.byteLength(pass, 'utf8') > 1000) throw new RpcFault(0, MESSAGES.internalError);
}

function addHistory(state: SimState, a: SimAccount): void {
  state.history.push({ accountId: a.id, clientId: a.clientId, categoryId: a.categoryId });
}

const search: Action = async ({ state, params, setup }) => {
  const user = await setup();
  const text = params.string('text');
  const categoryId = params.int('categoryId');
  const clientId = params.int('clientId');
  const tagsId = params.intArray('tagsId');
  const op = params.string('op');
  const count = params.int('count') ?? 50;
  const order = params.int('order') ?? 0;
  const rows = state.searchAccounts(user, {
    text: text === '' ? null : text,
    categoryId,
    clientId,
    tagsId,
    op: op === 'or' ? 'or' : 'and', // any other value keeps the default
    count,
    desc: order === 1,
  });
  return { result: rows.map((a) => searchRow(state, a)) };
};

// view skips the visibility filter (recorded: a non-admin token could read an admin-owned account).
const view: Action = async ({ state, params, setup }) => {
  await setup();
  const id = params.int('id', true);
  const a = getAccount(state, id);
  const out = viewObject(state, a);
  a.countView++;
  return { result: out, itemId: id };
};

const viewPass: Action = async ({ state, params, setup }) => {
  const user = await setup();
  const id = params.int('id', true);
  const a = state.accounts.get(id);
  if (!a || !state.canSee(user, a)) throw new RpcFault(0, 'Account not found');
  a.countDecrypt++;
  return { result: { password: a.pass }, itemId: id, count: 1 };
};

const create: Action = async ({ state, params, setup }) => {
  const user = await setup();
  const name = params.string('name', true);
  const clientId = params.int('clientId', true);
  const categoryId = params.int('categoryId', true);
  const login = params.string('login') ?? '';
  const url = params.string('url') ?? '';
  const notes = params.string('notes') ?? '';
  const isPrivate = params.int('private') ?? 0;
  const isPrivateGroup = params.int('privateGroup') ?? 0;
  const passDateChange = params.int('expireDate') ?? 0;
  const parentId = params.int('parentId') ?? 0;
  const userId = params.int('userId') ?? user.id;
  const userGroupId = params.int('userGroupId') ?? user.userGroupId;
  const tags = [...new Set(params.intArray('tagsId'))];
  // create reads the password raw: only trimmed (editPass strips tags; recorded).
  const pass = params.rawString('pass', true);
  checkPasswordSize(pass);
  checkStorable(state, { name, login, url, notes, clientId, categoryId, tags });
  const now = state.nowSeconds();
  const a = state.insertAccount({
    name,
    clientId,
    categoryId,
    login,
    url,
    notes,
    pass,
    userId,
    userGroupId,
    userEditId: user.id,
    otherUserEdit: 0,
    otherUserGroupEdit: 0,
    isPrivate: isPrivate === 1 ? 1 : 0,
    isPrivateGroup: isPrivateGroup === 1 ? 1 : 0,
    parentId,
    dateAdd: now,
    dateEdit: null,
    passDate: now,
    passDateChange,
    countView: 0,
    countDecrypt: 0,
    tags,
    otherUsers: [],
    otherGroups: [],
  });
  return { result: viewObject(state, a), itemId: a.id, message: 'Account created' };
};

/** A full replace: every omitted field is blanked or zeroed; tags change only when a non-empty `tagsId` is sent. */
const edit: Action = async ({ state, params, setup }) => {
  const user = await setup();
  const id = params.int('id', true);
  const name = params.string('name', true);
  const clientId = params.int('clientId', true);
  const categoryId = params.int('categoryId', true);
  const login = params.string('login') ?? '';
  const url = params.string('url') ?? '';
  const notes = params.string('notes') ?? '';
  const isPrivate = params.int('private') ?? 0;
  const isPrivateGroup = params.int('privateGroup') ?? 0;
  const passDateChange = params.int('expireDate') ?? 0;
  const parentId = params.int('parentId') ?? 0;
  const userId = params.int('userId');
  const userGroupId = params.int('userGroupId');
  const tagsId = [...new Set(params.intArray('tagsId'))];
  const a = getAccount(state, id);
  checkStorable(state, { name, login, url, notes, clientId, categoryId, tags: tagsId });
  addHistory(state, a);
  Object.assign(a, {
    name,
    clientId,
    categoryId,
    login,
    url,
    notes,
    isPrivate: isPrivate === 1 ? 1 : 0,
    isPrivateGroup: isPrivateGroup === 1 ? 1 : 0,
    passDateChange,
    parentId,
    userEditId: user.id,
    dateEdit: state.nowSeconds(),
  });
  // Owner and group change only for admins (the profile's "account permission" flag is not simulated).
  if (user.isAdminApp || user.isAdminAcc) {
    if (userId && state.users.has(userId)) a.userId = userId;
    if (userGroupId && state.userGroups.has(userGroupId)) a.userGroupId = userGroupId;
  }
  if (tagsId.length > 0) a.tags = tagsId;
  state.touchAccount(id);
  return { result: viewObject(state, a), itemId: id, message: 'Account updated' };
};

/**
 * editPass reads `pass` through the string filter (a `<` opens a tag, even before a space) and resets the expiry when
 * `expireDate` is absent. The size limit applies to the filtered password.
 */
const editPass: Action = async ({ state, params, setup }) => {
  const user = await setup();
  const id = params.int('id', true);
  const pass = params.string('pass', true);
  const expireDate = params.int('expireDate') ?? 0;
  const a = getAccount(state, id);
  checkPasswordSize(pass);
  addHistory(state, a);
  const now = state.nowSeconds();
  Object.assign(a, { pass, passDate: now, passDateChange: expireDate, dateEdit: now, userEditId: user.id });
  state.touchAccount(id);
  return { result: viewObject(state, a), itemId: id, message: 'Password updated' };
};

// delete, like view, skips the visibility filter [code].
const remove: Action = async ({ state, params, setup }) => {
  await setup();
  const id = params.int('id', true);
  const a = getAccount(state, id);
  const out = viewObject(state, a);
  addHistory(state, a);
  state.deleteAccount(id);
  return { result: out, itemId: id, message: 'Account removed' };
};

/** The account controller's actions by name. */
export const ACCOUNT_ACTIONS: Record<string, Action> = {
  search,
  view,
  viewPass,
  create,
  edit,
  editPass,
  delete: remove,
};

export type { ActionContext };
