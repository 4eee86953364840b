/**
 * Schemas of the other TPM answers (projects, the user, the version, counts, creates, generated passwords), each
 * piped into a normaliser that returns the clean types of `types.ts`. Passwords are in `password-schemas.ts`.
 */
import * as v from 'valibot';
import type { TpmCount, TpmMe, TpmProject, TpmProjectNode, TpmProjectSummary, TpmVersion } from './types';
import { flag, num, optNum, permission, requiredText, tags, text, userRef } from './schema-fields';

// ---- projects ----------------------------------------------------------------------------------------------------

const projectSummaryEntries = {
  id: num,
  name: requiredText,
  tags,
  archived: flag,
  favorite: flag,
  num_files: optNum,
  managed_by: userRef,
  updated_on: text,
};
type ProjectSummaryRaw = v.InferOutput<v.ObjectSchema<typeof projectSummaryEntries, undefined>>;

function toProjectSummary(r: ProjectSummaryRaw): TpmProjectSummary {
  return {
    id: r.id,
    name: r.name,
    tags: r.tags ?? [],
    archived: r.archived === true,
    favorite: r.favorite === true,
    numFiles: r.num_files ?? 0,
    managedBy: r.managed_by,
    updatedOn: r.updated_on,
  };
}

/** One item of `projects.json`, `projects/archived.json`, `projects/favorite.json`, project searches. */
export const projectSummarySchema = v.pipe(v.object(projectSummaryEntries), v.transform(toProjectSummary));

/** `projects/{id}.json`. */
export const projectSchema = v.pipe(
  v.object({
    ...projectSummaryEntries,
    notes: text,
    parent_id: optNum,
    parents: v.nullish(v.array(num)),
    is_leaf: flag,
    num_passwords: optNum,
    user_permission: permission,
    grant_all_permission: permission,
    user_can_create_passwords: flag,
    created_on: text,
    created_by: userRef,
    updated_by: userRef,
  }),
  v.transform(
    (r): TpmProject => ({
      ...toProjectSummary(r),
      notes: r.notes,
      parentId: r.parent_id ?? 0,
      parents: r.parents ?? [],
      isLeaf: r.is_leaf === true,
      numPasswords: r.num_passwords ?? 0,
      userPermission: r.user_permission,
      grantAllPermission: r.grant_all_permission,
      userCanCreatePasswords: r.user_can_create_passwords === true,
      createdOn: r.created_on,
      createdBy: r.created_by,
      updatedBy: r.updated_by,
    }),
  ),
);

/** One node of `projects/{id}/subprojects.json` and `…/subprojects/{action}.json`. */
export const projectNodeSchema = v.pipe(
  v.object({
    id: num,
    name: requiredText,
    has_children: flag,
    favorite: flag,
    archived: flag,
    disabled: flag,
    num_pwds: optNum,
    num_pwds_branch: optNum,
  }),
  v.transform(
    (r): TpmProjectNode => ({
      id: r.id,
      name: r.name,
      hasChildren: r.has_children === true,
      favorite: r.favorite === true,
      archived: r.archived === true,
      disabled: r.disabled === true,
      numPasswords: r.num_pwds ?? 0,
      numPasswordsBranch: r.num_pwds_branch ?? r.num_pwds ?? 0,
    }),
  ),
);

// ---- users, version, misc ---------------------------------------------------------------------------------------------

/** `users/me.json` (its `id` is a string on real servers). */
export const meSchema = v.pipe(
  v.object({
    id: num,
    username: requiredText,
    name: text,
    email_address: text,
    role: requiredText,
    is_active: flag,
    is_ldap: flag,
    is_2fa_enabled: flag,
    last_login: text,
    groups: v.nullish(v.array(v.object({ id: num, name: text }))),
  }),
  v.transform(
    (r): TpmMe => ({
      id: r.id,
      username: r.username,
      name: r.name ?? r.username,
      email: r.email_address,
      role: r.role,
      readOnly: r.role.trim().toLowerCase() === 'read only',
      isActive: r.is_active === true,
      isLdap: r.is_ldap === true,
      is2faEnabled: r.is_2fa_enabled === true,
      lastLogin: r.last_login,
      groups: (r.groups ?? []).map((g) => ({ id: g.id, name: g.name ?? '' })),
    }),
  ),
);

/** `version.json` / `version/check_latest.json` (`api_version` is a string). */
export const versionSchema = v.pipe(
  v.object({ version: requiredText, version_date: text, api_version: num, latest_version: text }),
  v.transform(
    (r): TpmVersion => ({ version: r.version, versionDate: r.version_date, apiVersion: r.api_version, latestVersion: r.latest_version }),
  ),
);

/** `…/count.json`. */
export const countSchema = v.pipe(
  v.object({ num_items: num, num_pages: num, num_items_per_page: num }),
  v.check((c) => c.num_items >= 0 && c.num_pages >= 0 && c.num_items_per_page >= 0, 'negative count'),
  v.transform((r): TpmCount => ({ numItems: r.num_items, numPages: r.num_pages, numItemsPerPage: r.num_items_per_page })),
);

/** `201 {"id": N}` of a create. */
export const createdSchema = v.pipe(
  v.object({ id: num }),
  v.transform((r) => r.id),
);

/** `generate_password.json`. */
export const generatedPasswordSchema = v.pipe(
  v.object({ password: v.pipe(v.string(), v.minLength(1)) }),
  v.transform((r) => r.password),
);
