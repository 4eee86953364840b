/** The `data.help` lists of `-32602 Wrong parameters`, per method, as the sysPass 3.2.11 Help classes give them. */

type HelpItem = Record<string, { description: string; required: boolean }>;

const item = (param: string, description: string, required = false): HelpItem => ({ [param]: { description, required } });

const ACCOUNT_CREATE = [
  item('tokenPass', "Token's password", true),
  item('name', 'Account name', true),
  item('categoryId', 'Category Id', true),
  item('clientId', 'Client Id', true),
  item('pass', 'Password', true),
  item('login', 'Access user'),
  item('url', 'Access URL or IP'),
  item('notes', 'Notes about the account'),
  item('private', 'Private Account'),
  item('privateGroup', 'Private Account for Group'),
  item('expireDate', 'Password Expiry Date'),
  item('parentId', 'Linked Account'),
  item('tagsId', 'Array with tags id'),
  item('userGroupId', 'Group Id'),
];

// account/edit's help marks name, clientId and categoryId optional although the code requires them (a sysPass quirk).
const ACCOUNT_EDIT = [
  item('id', 'Account Id', true),
  item('name', 'Account name'),
  item('categoryId', 'Category Id'),
  item('clientId', 'Client Id'),
  item('login', 'Access user'),
  item('url', 'Access URL or IP'),
  item('notes', 'Notes about the account'),
  item('private', 'Private Account'),
  item('privateGroup', 'Private Account for Group'),
  item('expireDate', 'Password Expiry Date'),
  item('parentId', 'Linked Account'),
  item('tagsId', 'Array with tags id'),
  item('userGroupId', 'Group Id'),
];

const HELP: Record<string, HelpItem[]> = {
  'account/view': [item('id', 'Account Id', true)],
  'account/viewPass': [
    item('id', 'Account Id', true),
    item('tokenPass', "Token's password", true),
    item('details', 'Send details in the response'),
  ],
  'account/editPass': [
    item('id', 'Account Id', true),
    item('tokenPass', "Token's password", true),
    item('pass', 'Password', true),
    item('expireDate', 'Password Expiry Date'),
  ],
  'account/create': ACCOUNT_CREATE,
  'account/edit': ACCOUNT_EDIT,
  'account/search': [
    item('text', 'Text to search'),
    item('count', 'Number of results to display'),
    item('categoryId', 'Category Id for filtering'),
    item('clientId', 'Client Id for filtering'),
    item('tagsId', 'Array with tags id for filtering'),
    item('op', 'Filtering operator'),
  ],
  'account/delete': [item('id', 'Account Id', true)],
  'category/view': [item('id', 'Category Id', true)],
  'category/search': [item('text', 'Text to search'), item('count', 'Number of results to display')],
  'category/create': [item('name', 'Category name', true), item('description', 'Category description')],
  'category/edit': [item('id', 'Category Id', true), item('name', 'Category name', true), item('description', 'Category description')],
  'category/delete': [item('id', 'Category Id', true)],
  'client/view': [item('id', 'Client Id', true)],
  'client/search': [item('text', 'Text to search'), item('count', 'Number of results to display')],
  'client/create': [item('name', 'Client name', true), item('description', 'Client description'), item('global', 'Global')],
  'client/edit': [
    item('id', 'Client Id', true),
    item('name', 'Client name', true),
    item('description', 'Client description'),
    item('global', 'Global'),
  ],
  'client/delete': [item('id', 'Client Id', true)],
  'tag/view': [item('id', 'Tag Id', true)],
  'tag/search': [item('text', 'Text to search'), item('count', 'Number of results to display')],
  'tag/create': [item('name', 'Tag name', true)],
  'tag/edit': [item('id', 'Tag Id', true), item('name', 'Tag name', true)],
  'tag/delete': [item('id', 'Tag Id', true)],
  'userGroup/view': [item('id', 'Group Id', true)],
  'userGroup/search': [item('text', 'Text to search'), item('count', 'Number of results to display')],
  'userGroup/create': [item('name', 'Group name', true), item('description', 'Group description'), item('usersId', 'Group users')],
  'userGroup/edit': [
    item('id', 'Group Id', true),
    item('name', 'Group name', true),
    item('description', 'Group description'),
    item('usersId', 'Group users'),
  ],
  'userGroup/delete': [item('id', 'Group Id', true)],
  'config/backup': [item('path', 'Server path to store the backup')],
  'config/export': [item('path', 'Server path to store the XML file'), item('password', 'Encryption password')],
};

/** The help list for a method (empty when the Help class has none). */
export function helpFor(method: string): HelpItem[] {
  return HELP[method] ?? [];
}
