/**
 * Renders simulator records in the exact JSON shapes and types of real TPM answers (see fixtures/tpm):
 * string ids where the server sends strings, `null` vs `""`, v5-only fields only on v5.
 */
import type { SimCustomField, SimGroup, SimMyPassword, SimPassword, SimProject, SimUser } from './model';
import type { SimApiVersion, TpmSimState } from './state';
import { totp } from './totp';

type Json = Record<string, unknown>;

/** PHP `json_encode` output: `\/` for slashes and `\uXXXX` for non-ASCII (its defaults). */
export function phpJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/\//g, '\\/')
    .replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const PWD_LABELS: Record<number, string> = { 10: 'PWD_PERM_READ', 20: 'PWD_PERM_EDIT', 30: 'PWD_PERM_MANAGE' };
const PRJ_LABELS: Record<number, string> = {
  [-1]: 'PRJ_PERM_DO_NOT_SET',
  0: 'PRJ_PERM_NO_ACCESS',
  10: 'PRJ_PERM_TRAVERSE',
  20: 'PRJ_PERM_ACCESS_READ',
  30: 'PRJ_PERM_ACCESS_CREATE_PWD',
  40: 'PRJ_PERM_ACCESS_EDIT_PWD',
  50: 'PRJ_PERM_MANAGE_PWDS',
  60: 'PRJ_PERM_MANAGE',
};
export const pwdPermission = (id: number) => ({ id, label: PWD_LABELS[id] ?? 'PWD_PERM_NO_ACCESS' });
export const prjPermission = (id: number) => ({ id, label: PRJ_LABELS[id] ?? 'PRJ_PERM_NO_ACCESS' });

/** Nested user objects use integer ids (unlike `users/*.json`). */
export function userRef(u: SimUser | undefined): Json | null {
  return u ? { id: u.id, username: u.username, email_address: u.email, name: u.name, role: u.role } : null;
}

/** 0 none/ok, 1 expires today, 2 expired, 3 expires within 30 days. */
export function expiryStatus(expiryDate: string | null, nowMs: number): number {
  if (!expiryDate) return 0;
  const today = new Date(nowMs).toISOString().slice(0, 10);
  if (expiryDate === today) return 1;
  if (expiryDate < today) return 2;
  return Date.parse(expiryDate) - nowMs < 30 * 86_400_000 ? 3 : 0;
}

function snippet(notes: string): string {
  return notes.length > 50 ? `${notes.slice(0, 50)}...` : notes;
}

export class Renderer {
  constructor(
    private readonly state: TpmSimState,
    private readonly version: SimApiVersion,
  ) {}

  private user(id: number) {
    return userRef(this.state.users.get(id));
  }

  /** Item of password lists. `withProjectId: false` for `projects/{id}/passwords.json`, whose project has no id. */
  passwordItem(p: SimPassword, viewer: SimUser, withProjectId = true): Json {
    const project = this.state.projects.get(p.projectId);
    const out: Json = {
      id: p.id,
      name: p.name,
      project: withProjectId ? { id: String(p.projectId), name: project?.name ?? '' } : { name: project?.name ?? '' },
      notes_snippet: snippet(p.notes),
      tags: p.tags,
      access_info: p.accessInfo,
      username: p.username,
      email: p.email,
      archived: p.archived,
      favorite: p.favoriteOf.has(viewer.id),
      num_files: p.numFiles,
      locked: p.lockingType > 0,
      expiry_date: p.expiryDate,
      expiry_status: expiryStatus(p.expiryDate, this.state.settings.now()),
      external_sharing: p.externalSharing,
      updated_on: p.updatedOn,
    };
    if (this.version !== 'v4') {
      out.has_password = p.password !== '';
      out.linked = false;
      out.project_archived = project?.archived ?? false;
      out.locking_type = p.lockingType;
    }
    return out;
  }

  private customField(c: SimCustomField | null): Json | null {
    if (!c) return null;
    // Since TPM 10.138.240 the API returns the current code, not the seed, for OTP fields.
    const data = c.type === 'One Time Password' ? totp(c.data, this.state.settings.now()) : c.data;
    return { type: c.type, label: c.label, data };
  }

  password(p: SimPassword, viewer: SimUser): Json {
    const project = this.state.projects.get(p.projectId);
    const out: Json = {
      id: p.id,
      name: p.name,
      project: { id: p.projectId, name: project?.name ?? '' },
      tags: p.tags,
      access_info: p.accessInfo,
      username: p.username,
      email: p.email,
      password: p.password,
      expiry_date: p.expiryDate,
      expiry_status: expiryStatus(p.expiryDate, this.state.settings.now()),
      notes: p.notes,
    };
    p.custom.forEach((c, i) => (out[`custom_field${i + 1}`] = this.customField(c)));
    Object.assign(out, {
      users_permissions: null,
      groups_permissions: null,
      parents: [...this.state.ancestors(p.projectId), p.projectId],
      user_permission: pwdPermission(this.state.passwordPerm(viewer, p)),
      archived: p.archived,
      favorite: p.favoriteOf.has(viewer.id),
      // A string here on real v4 servers, unlike in lists.
      num_files: String(p.numFiles),
      locked: p.lockingType > 0,
      external_sharing: p.externalSharing,
      external_url: null,
      managed_by: this.user(p.managedBy),
      created_on: p.createdOn,
      created_by: this.user(p.createdBy),
      updated_on: p.updatedOn,
      updated_by: this.user(p.updatedBy),
    });
    if (this.version !== 'v4') {
      out.project_archived = project?.archived ?? false;
      out.locking_type = p.lockingType;
      out.locking_request_notify = 0;
      out.linked = false;
      out.source_password_id = 0;
    }
    return out;
  }

  myPasswordItem(p: SimMyPassword): Json {
    const out: Json = {
      id: p.id,
      name: p.name,
      notes_snippet: snippet(p.notes),
      tags: p.tags,
      access_info: p.accessInfo,
      username: p.username,
      email: p.email,
      updated_on: p.updatedOn,
    };
    if (this.version !== 'v4') out.has_password = p.password !== '';
    return out;
  }

  myPassword(p: SimMyPassword): Json {
    return {
      // A string on real servers.
      id: String(p.id),
      name: p.name,
      tags: p.tags,
      access_info: p.accessInfo,
      username: p.username,
      email: p.email,
      password: p.password,
      notes: p.notes,
      created_on: p.createdOn,
      created_by: this.user(p.ownerId),
      updated_on: p.updatedOn,
      updated_by: this.user(p.ownerId),
    };
  }

  projectItem(p: SimProject, viewer: SimUser): Json {
    return {
      id: p.id,
      name: p.name,
      tags: p.tags,
      archived: p.archived,
      favorite: p.favoriteOf.has(viewer.id),
      num_files: 0,
      managed_by: this.user(p.managedBy),
      updated_on: p.updatedOn,
    };
  }

  project(p: SimProject, viewer: SimUser): Json {
    const parents = this.state.ancestors(p.id);
    const perm = this.state.projectPerm(viewer, p.id);
    const users = [...p.userPerms].filter(([, perm]) => perm !== -1);
    const groups = [...p.groupPerms].filter(([, perm]) => perm !== -1);
    return {
      id: p.id,
      name: p.name,
      tags: p.tags,
      notes: p.notes,
      parent_id: p.parentId,
      parents: parents.length ? parents : null,
      is_leaf: this.state.childrenOf(p.id).length === 0,
      archived: p.archived,
      favorite: p.favoriteOf.has(viewer.id),
      num_files: 0,
      num_passwords: this.state.countIn(p.id),
      user_permission: prjPermission(perm),
      grant_all_permission: prjPermission(-1),
      users_permissions: users.length ? users.map(([id, perm]) => ({ user: this.user(id), permission: prjPermission(perm) })) : null,
      groups_permissions: groups.length
        ? groups.map(([id, perm]) => ({ group: { id, name: this.state.groups.get(id)?.name ?? '' }, permission: prjPermission(perm) }))
        : null,
      user_can_create_passwords: perm >= 30 && !p.archived && viewer.role !== 'Read only',
      managed_by: this.user(p.managedBy),
      created_on: p.createdOn,
      created_by: this.user(p.createdBy),
      updated_on: p.updatedOn,
      updated_by: this.user(p.updatedBy),
    };
  }

  /** Node of `subprojects` trees; `disabled` when `action` is not allowed there. */
  projectNode(p: SimProject, viewer: SimUser, action: string | undefined): Json {
    const perm = this.state.projectPerm(viewer, p.id);
    const visibleChildren = this.state.childrenOf(p.id).some((c) => this.state.projectPerm(viewer, c.id) > 0);
    const disabled = action === 'new_pwd' ? perm < 30 || p.archived || viewer.role === 'Read only' : action !== undefined && perm < 60;
    return {
      id: p.id,
      name: p.name,
      has_children: visibleChildren,
      favorite: p.favoriteOf.has(viewer.id),
      archived: p.archived,
      disabled,
      num_pwds: this.state.countIn(p.id),
      num_pwds_branch: this.state.countInBranch(p.id),
    };
  }

  me(u: SimUser): Json {
    return {
      id: String(u.id),
      username: u.username,
      email_address: u.email,
      name: u.name,
      role: u.role,
      login_dn: '',
      is_active: true,
      is_ldap: false,
      is_2fa_enabled: false,
      valid_hash: true,
      groups: u.groupIds.length ? u.groupIds.map((id) => ({ id, name: this.state.groups.get(id)?.name ?? '' })) : null,
      last_login: u.lastLogin,
      last_api_request: new Date(this.state.settings.now()).toISOString().slice(0, 19).replace('T', ' '),
      created_on: u.createdOn,
      created_by: this.user(1),
      updated_on: u.createdOn,
      updated_by: this.user(1),
    };
  }

  userItem(u: SimUser): Json {
    return {
      id: String(u.id),
      username: u.username,
      email_address: u.email,
      name: u.name,
      role: u.role,
      is_active: true,
      is_ldap: false,
      valid_hash: true,
      is_2fa_enabled: false,
      num_groups: u.groupIds.length,
    };
  }

  groupItem(g: SimGroup): Json {
    const members = [...this.state.users.values()].filter((u) => u.groupIds.includes(g.id));
    return { id: String(g.id), name: g.name, num_users: String(members.length) };
  }

  group(g: SimGroup): Json {
    const members = [...this.state.users.values()].filter((u) => u.groupIds.includes(g.id));
    return {
      id: String(g.id),
      name: g.name,
      users: members.map((u) => userRef(u)),
      created_on: g.createdOn,
      created_by: this.user(1),
      updated_on: g.createdOn,
      updated_by: this.user(1),
    };
  }
}
