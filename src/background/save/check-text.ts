/** What a server would do to a login, in the user's words (`_locales`): for the save prompt, before anything is sent. */
import browser from '../../browser';
import type { PasswordIssueView, SaveCheckView } from '../../save-prompt-view';
import type { PasswordIssue, SaveCheck, SaveField, ValueIssue } from '../../vault/sources';

const msg = (key: string, subs?: string[]) => browser.i18n.getMessage(key, subs) || key;
const FIELD: Record<SaveField | 'password', string> = {
  name: 'saveName',
  username: 'saveUsername',
  url: 'saveUrl',
  password: 'savePassword',
};

function valueIssueText(server: string, field: SaveField | 'password', issue: ValueIssue): string {
  const label = msg(FIELD[field]);
  if (issue.kind === 'required') return msg('saveCheckRequired', [label, server]);
  if (issue.kind === 'unstorable') return msg('saveCheckUnstorable', [label, server, issue.chars.join(' ')]);
  return msg('saveCheckTooLong', [label, server, String(issue.max), msg(issue.unit === 'bytes' ? 'unitBytes' : 'unitCharacters')]);
}

/** Why the password cannot be saved as it is: which characters the server drops and why, or its limit. */
export function passwordIssueView(server: string, issue: PasswordIssue): PasswordIssueView {
  return { text: passwordIssueText(server, issue), canAccept: issue.kind === 'altered' };
}

function passwordIssueText(server: string, issue: PasswordIssue): string {
  if (issue.kind !== 'altered') return valueIssueText(server, 'password', issue);
  const parts: string[] = [];
  if (issue.edges > 0) parts.push(msg('saveCheckPartEdges'));
  for (const part of issue.parts) {
    if (part.first === '<' && part.length > 1) parts.push(msg('saveCheckPartTag', [String(part.length - 1)]));
    else parts.push(msg('saveCheckPartChar', [part.first === '\0' ? 'NUL' : part.first]));
  }
  return msg('saveCheckPasswordAltered', [server, parts.join(msg('saveCheckPartJoin'))]);
}

/** The check as the prompt shows it. */
export function checkView(server: string, check: SaveCheck): SaveCheckView {
  const view: SaveCheckView = { changed: check.changed, refused: check.refused.map((r) => valueIssueText(server, r.field, r.issue)) };
  if (check.password) view.password = passwordIssueView(server, check.password);
  return view;
}
