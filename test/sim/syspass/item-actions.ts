/** The `category/*`, `client/*`, `tag/*`, `userGroup/*` and `config/*` API actions of the simulated sysPass 3.2.11. */
import type { Action } from './action-context';
import { columnError, foldCi, foreignKeyMessage, itemHash, likeContains } from './mariadb';
import { MESSAGES, RpcFault } from './rpc-fault';
import type { SimState } from './state';

/** The utf8mb3 refusal of 4-byte characters (these columns' sizes were not recorded, so none is enforced). */
function storable(table: string, values: Array<[string, string]>): void {
  for (const [column, value] of values) {
    const bad = columnError(table, column, value);
    if (bad) throw new RpcFault(0, bad.message, bad.sqlState);
  }
}

/** `name LIKE %text% [OR description LIKE %text%] ORDER BY name LIMIT count`; count 0 is a LIMIT 0. */
function searchItems<T extends { name: string; description?: string }>(items: Iterable<T>, text: string | null, count: number): T[] {
  const match = text ? likeContains(text) : null;
  const list = [...items].filter((i) => !match || match(foldCi(i.name)) || (i.description !== undefined && match(foldCi(i.description))));
  list.sort((a, b) => {
    const x = foldCi(a.name);
    const y = foldCi(b.name);
    return x < y ? -1 : x > y ? 1 : 0;
  });
  return count > 0 ? list.slice(0, count) : [];
}

/** Duplicates: same hash (case, spaces and some punctuation ignored) or, where checked, the same name in collation. */
function isDuplicate(items: Iterable<{ id: number; name: string }>, name: string, opts: { byName: boolean; exceptId?: number }): boolean {
  const hash = itemHash(name);
  for (const i of items) {
    if (i.id === opts.exceptId) continue;
    if (itemHash(i.name) === hash || (opts.byName && foldCi(i.name) === foldCi(name))) return true;
  }
  return false;
}

function inUse(state: SimState, column: 'clientId' | 'categoryId', id: number, parent: string): void {
  if (state.history.some((h) => h[column] === id))
    throw new RpcFault(23000, MESSAGES.integrityConstraint, foreignKeyMessage('AccountHistory', column, parent));
  for (const a of state.accounts.values())
    if (a[column] === id) throw new RpcFault(23000, MESSAGES.integrityConstraint, foreignKeyMessage('Account', column, parent));
}

export const CATEGORY_ACTIONS: Record<string, Action> = {
  search: async ({ state, params, setup }) => {
    await setup();
    const rows = searchItems(state.categories.values(), params.string('text'), params.int('count') ?? 25);
    return { result: rows.map((c) => ({ id: c.id, name: c.name, description: c.description })) };
  },
  view: async ({ state, params, setup }) => {
    await setup();
    const id = params.int('id', true);
    const c = state.categories.get(id);
    if (!c) throw new RpcFault(0, 'Category not found');
    return { result: { id: c.id, name: c.name, description: c.description, hash: '' }, itemId: id };
  },
  create: async ({ state, params, setup }) => {
    await setup();
    const name = params.string('name', true);
    const description = params.string('description') ?? '';
    storable('Category', [
      ['name', name],
      ['description', description],
    ]);
    if (isDuplicate(state.categories.values(), name, { byName: true })) throw new RpcFault(0, 'Duplicated category');
    const id = state.nextId.category++;
    state.categories.set(id, { id, name, description });
    // The reply echoes the input object, whose id is still null: the new id is only in itemId.
    return { result: { id: null, name, description, hash: '' }, itemId: id, message: 'Category added' };
  },
  edit: async ({ state, params, setup }) => {
    await setup();
    const id = params.int('id', true);
    const name = params.string('name', true);
    const description = params.string('description') ?? '';
    storable('Category', [
      ['name', name],
      ['description', description],
    ]);
    if (isDuplicate(state.categories.values(), name, { byName: true, exceptId: id })) throw new RpcFault(0, 'Duplicated category name');
    const c = state.categories.get(id);
    if (!c) throw new RpcFault(0, 'Category not found');
    Object.assign(c, { name, description });
    state.touchAll();
    return { result: { id, name, description, hash: '' }, itemId: id, message: 'Category updated' };
  },
  delete: async ({ state, params, setup }) => {
    await setup();
    const id = params.int('id', true);
    const c = state.categories.get(id);
    if (!c) throw new RpcFault(0, 'Category not found');
    inUse(state, 'categoryId', id, 'Category');
    state.categories.delete(id);
    return { result: { id: c.id, name: c.name, description: c.description, hash: '' }, itemId: id, message: 'Category deleted' };
  },
};

export const CLIENT_ACTIONS: Record<string, Action> = {
  search: async ({ state, params, setup }) => {
    await setup();
    const rows = searchItems(state.clients.values(), params.string('text'), params.int('count') ?? 25);
    return { result: rows.map((c) => ({ id: c.id, name: c.name, description: c.description, hash: '', isGlobal: c.isGlobal })) };
  },
  view: async ({ state, params, setup }) => {
    await setup();
    const id = params.int('id', true);
    const c = state.clients.get(id);
    if (!c) throw new RpcFault(0, 'Client not found');
    return { result: { id: c.id, name: c.name, description: c.description, hash: '', isGlobal: c.isGlobal }, itemId: id };
  },
  create: async ({ state, params, setup }) => {
    await setup();
    const name = params.string('name', true);
    const description = params.string('description') ?? '';
    const isGlobal = params.int('global') ?? 0;
    storable('Client', [
      ['name', name],
      ['description', description],
    ]);
    // Client::checkDuplicatedOnAdd compares the hash only.
    if (isDuplicate(state.clients.values(), name, { byName: false })) throw new RpcFault(0, 'Duplicated client');
    const id = state.nextId.client++;
    state.clients.set(id, { id, name, description, isGlobal });
    return { result: { id: null, name, description, hash: '', isGlobal }, itemId: id, message: 'Client added' };
  },
  edit: async ({ state, params, setup }) => {
    await setup();
    const id = params.int('id', true);
    const name = params.string('name', true);
    const description = params.string('description') ?? '';
    const isGlobal = params.int('global') ?? 0;
    storable('Client', [
      ['name', name],
      ['description', description],
    ]);
    if (isDuplicate(state.clients.values(), name, { byName: true, exceptId: id })) throw new RpcFault(0, 'Duplicated client');
    const c = state.clients.get(id);
    if (!c) throw new RpcFault(0, 'Client not found');
    Object.assign(c, { name, description, isGlobal });
    state.touchAll();
    return { result: { id, name, description, hash: '', isGlobal }, itemId: id, message: 'Client updated' };
  },
  delete: async ({ state, params, setup }) => {
    await setup();
    const id = params.int('id', true);
    const c = state.clients.get(id);
    if (!c) throw new RpcFault(0, 'Client not found');
    inUse(state, 'clientId', id, 'Client');
    state.clients.delete(id);
    return {
      result: { id: c.id, name: c.name, description: c.description, hash: '', isGlobal: c.isGlobal },
      itemId: id,
      message: 'Client deleted',
    };
  },
};

export const TAG_ACTIONS: Record<string, Action> = {
  search: async ({ state, params, setup }) => {
    await setup();
    const rows = searchItems(state.tags.values(), params.string('text'), params.int('count') ?? 25);
    return { result: rows.map((t) => ({ id: t.id, name: t.name })) };
  },
  view: async ({ state, params, setup }) => {
    await setup();
    const id = params.int('id', true);
    const t = state.tags.get(id);
    if (!t) throw new RpcFault(0, 'Tag not found');
    return { result: { id: t.id, name: t.name, hash: '' }, itemId: id };
  },
  create: async ({ state, params, setup }) => {
    await setup();
    const name = params.string('name', true);
    storable('Tag', [['name', name]]);
    if (isDuplicate(state.tags.values(), name, { byName: true })) throw new RpcFault(0, 'Duplicated tag');
    const id = state.nextId.tag++;
    state.tags.set(id, { id, name });
    // Unlike category and client, the tag echo carries id 0 and the computed hash.
    return { result: { id: 0, name, hash: itemHash(name) }, itemId: id, message: 'Tag added' };
  },
  edit: async ({ state, params, setup }) => {
    await setup();
    const id = params.int('id', true);
    const name = params.string('name', true);
    storable('Tag', [['name', name]]);
    if (isDuplicate(state.tags.values(), name, { byName: true, exceptId: id })) throw new RpcFault(0, 'Duplicated tag');
    const t = state.tags.get(id);
    if (!t) throw new RpcFault(0, 'Tag not found');
    t.name = name;
    return { result: { id, name, hash: itemHash(name) }, itemId: id, message: 'Tag updated' };
  },
  delete: async ({ state, params, setup }) => {
    await setup();
    const id = params.int('id', true);
    const t = state.tags.get(id);
    if (!t) throw new RpcFault(0, 'Tag not found');
    state.tags.delete(id);
    for (const a of state.accounts.values()) if (a.tags.includes(id)) a.tags = a.tags.filter((x) => x !== id); // ON DELETE CASCADE
    return { result: { id: t.id, name: t.name, hash: '' }, itemId: id, message: 'Tag removed' };
  },
};

export const USER_GROUP_ACTIONS: Record<string, Action> = {
  search: async ({ state, params, setup }) => {
    await setup();
    const rows = searchItems(state.userGroups.values(), params.string('text'), params.int('count') ?? 25);
    return { result: rows.map((g) => ({ id: g.id, name: g.name, description: g.description, users: null })) };
  },
  view: async ({ state, params, setup }) => {
    await setup();
    const id = params.int('id', true);
    const g = state.userGroups.get(id);
    if (!g) throw new RpcFault(0, 'Group not found');
    return { result: { id: g.id, name: g.name, description: g.description, users: [...g.users] }, itemId: id };
  },
  create: async ({ state, params, setup }) => {
    await setup();
    const name = params.string('name', true);
    const description = params.string('description') ?? '';
    const users = params.intArray('usersId');
    storable('UserGroup', [
      ['name', name],
      ['description', description],
    ]);
    if (isDuplicate(state.userGroups.values(), name, { byName: true })) throw new RpcFault(0, 'Duplicated group name');
    const id = state.nextId.userGroup++;
    state.userGroups.set(id, { id, name, description, users });
    return { result: { id: null, name, description, users }, itemId: id, message: 'Group added' };
  },
  edit: async ({ state, params, setup }) => {
    await setup();
    const id = params.int('id', true);
    const name = params.string('name', true);
    const description = params.string('description') ?? '';
    const users = params.intArray('usersId');
    if (isDuplicate(state.userGroups.values(), name, { byName: true, exceptId: id })) throw new RpcFault(0, 'Duplicated group name');
    const g = state.userGroups.get(id);
    if (!g) throw new RpcFault(0, 'Group not found');
    Object.assign(g, { name, description, users });
    return { result: { id, name, description, users }, itemId: id, message: 'Group updated' };
  },
  delete: async ({ state, params, setup }) => {
    await setup();
    const id = params.int('id', true);
    const g = state.userGroups.get(id);
    if (!g) throw new RpcFault(0, 'Group not found');
    for (const u of state.users.values())
      if (u.userGroupId === id)
        throw new RpcFault(23000, MESSAGES.integrityConstraint, foreignKeyMessage('User', 'userGroupId', 'UserGroup'));
    state.userGroups.delete(id);
    return { result: { id: g.id, name: g.name, description: g.description, users: [...g.users] }, itemId: id, message: 'Group deleted' };
  },
};

export const CONFIG_ACTIONS: Record<string, Action> = {
  backup: async ({ state, params, setup }) => {
    await setup();
    const path = params.string('path') || `${state.installDir}/app/backup`;
    return { result: path, itemId: 0, message: 'Backup process finished' };
  },
  export: async ({ state, params, setup }) => {
    await setup();
    const path = params.string('path') || `${state.installDir}/app/backup`;
    return { result: path, itemId: 0, message: 'Export process finished' };
  },
};
