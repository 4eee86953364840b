/** The account objects sysPass returns: `account_search_v` rows and `account_data_v` objects, field order and PHP types included. */
import { formatDateTime } from './mariadb';
import type { SimAccount, SimState } from './state';

/** A search row: flags are ints; the editor columns are always empty in this view (as recorded). */
export function searchRow(state: SimState, a: SimAccount) {
  const owner = state.users.get(a.userId);
  return {
    id: a.id,
    userId: a.userId,
    userGroupId: a.userGroupId,
    userEditId: 0,
    name: a.name,
    clientId: a.clientId,
    categoryId: a.categoryId,
    login: a.login,
    url: a.url,
    notes: a.notes,
    otherUserEdit: a.otherUserEdit,
    otherUserGroupEdit: a.otherUserGroupEdit,
    isPrivate: a.isPrivate,
    isPrivateGroup: a.isPrivateGroup,
    dateEdit: a.dateEdit === null ? null : formatDateTime(a.dateEdit),
    passDate: a.passDate,
    passDateChange: a.passDateChange,
    parentId: a.parentId,
    categoryName: state.categories.get(a.categoryId)?.name ?? '',
    clientName: state.clients.get(a.clientId)?.name ?? '',
    userGroupName: state.userGroups.get(a.userGroupId)?.name ?? '',
    userName: owner?.name ?? '',
    userLogin: owner?.login ?? '',
    userEditName: '',
    userEditLogin: '',
    num_files: 0,
    publicLinkHash: null,
    publicLinkDateExpire: null,
    publicLinkTotalCountViews: null,
    countView: a.countView,
  };
}

/** A view object: `pass` and `key` always empty, four flags as strings ("0"/"1"), dates as strings. */
export function viewObject(state: SimState, a: SimAccount) {
  const owner = state.users.get(a.userId);
  const editor = state.users.get(a.userEditId);
  return {
    id: a.id,
    userId: a.userId,
    userGroupId: a.userGroupId,
    userEditId: a.userEditId,
    name: a.name,
    clientId: a.clientId,
    categoryId: a.categoryId,
    login: a.login,
    url: a.url,
    pass: '',
    key: '',
    notes: a.notes,
    otherUserEdit: String(a.otherUserEdit),
    otherUserGroupEdit: String(a.otherUserGroupEdit),
    dateAdd: formatDateTime(a.dateAdd),
    dateEdit: a.dateEdit === null ? null : formatDateTime(a.dateEdit),
    countView: a.countView,
    countDecrypt: a.countDecrypt,
    isPrivate: String(a.isPrivate),
    isPrivateGroup: String(a.isPrivateGroup),
    passDate: a.passDate,
    passDateChange: a.passDateChange,
    parentId: a.parentId,
    categoryName: state.categories.get(a.categoryId)?.name ?? '',
    clientName: state.clients.get(a.clientId)?.name ?? '',
    userGroupName: state.userGroups.get(a.userGroupId)?.name ?? '',
    userName: owner?.name ?? '',
    userLogin: owner?.login ?? '',
    userEditName: editor?.name ?? '',
    userEditLogin: editor?.login ?? '',
    publicLinkHash: null,
  };
}
