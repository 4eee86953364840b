/** The TPM REST client: one method per resource, over {@link TpmConnection}; every answer schema-checked and normalised. */
import * as v from 'valibot';
import { AppError } from '../../errors';
import {
  countSchema,
  createdSchema,
  generatedPasswordSchema,
  meSchema,
  projectNodeSchema,
  projectSchema,
  projectSummarySchema,
  versionSchema,
} from './schemas';
import { myPasswordSchema, myPasswordSummarySchema, passwordSchema, passwordSummarySchema } from './password-schemas';
import type {
  TpmCount,
  TpmMe,
  TpmMyPassword,
  TpmMyPasswordInput,
  TpmMyPasswordSummary,
  TpmPassword,
  TpmPasswordInput,
  TpmPasswordSummary,
  TpmProject,
  TpmProjectNode,
  TpmProjectSummary,
  TpmVersion,
} from './types';
import { TpmConnection, type ListOptions, type RequestOptions } from './connection';
import { resourcePath } from './url';

/** A client for one TPM server and user (see `types.ts` for what each answer becomes). */
export class TpmClient extends TpmConnection {
  /** `version.json`: server version and API version. */
  async version(opts: RequestOptions = {}): Promise<TpmVersion> {
    return this.getJson('version', versionSchema, 'version', opts);
  }

  /** `users/me.json`: the signed-in user; also the cheapest credentials check. */
  async me(opts: RequestOptions = {}): Promise<TpmMe> {
    return this.getJson('users/me', meSchema, 'user', opts);
  }

  /** `generate_password.json`: a password made by the server's generator settings. */
  async generatePassword(opts: RequestOptions = {}): Promise<string> {
    return this.getJson('generate_password', generatedPasswordSchema, 'generated password', opts);
  }

  // ---- shared passwords ---------------------------------------------------------------------------------------

  /** All active passwords the user can see. */
  listPasswords(opts: ListOptions = {}): Promise<TpmPasswordSummary[]> {
    return this.list('passwords', passwordSummarySchema, opts);
  }

  /** All archived passwords. */
  listArchivedPasswords(opts: ListOptions = {}): Promise<TpmPasswordSummary[]> {
    return this.list('passwords/archived', passwordSummarySchema, opts);
  }

  /** All favorite passwords. */
  listFavoritePasswords(opts: ListOptions = {}): Promise<TpmPasswordSummary[]> {
    return this.list('passwords/favorite', passwordSummarySchema, opts);
  }

  /** All passwords matching a search string with operators (`access:host is:active`, `tag:x`, …). */
  searchPasswords(query: string, opts: ListOptions = {}): Promise<TpmPasswordSummary[]> {
    return this.list(`passwords/search/${resourcePath(query)}`, passwordSummarySchema, opts);
  }

  /** Counts for passwords (or a search), for paging in the UI. */
  countPasswords(query?: string, opts: RequestOptions = {}): Promise<TpmCount> {
    const base = query === undefined ? 'passwords' : `passwords/search/${resourcePath(query)}`;
    return this.getJson(`${base}/count`, countSchema, 'count', { ...opts, paged: true });
  }

  /** One page (1-based) of passwords or of a search. */
  passwordsPage(page: number, query?: string, opts: RequestOptions = {}): Promise<TpmPasswordSummary[]> {
    const base = query === undefined ? 'passwords' : `passwords/search/${resourcePath(query)}`;
    return this.getJson(`${base}/page/${page}`, v.array(passwordSummarySchema), 'password list', { ...opts, paged: true });
  }

  /** `passwords/{id}.json`. A locked password (reason type) needs `unlockReason`. */
  async getPassword(id: number, opts: RequestOptions & { unlockReason?: string } = {}): Promise<TpmPassword> {
    return this.getJson(`passwords/${id}`, passwordSchema, 'password', opts);
  }

  /** Creates a shared password in a project; returns its id. Never retried. */
  async createPassword(projectId: number, input: TpmPasswordInput & { name: string }, opts: RequestOptions = {}): Promise<number> {
    const body = { ...passwordBody(input), project_id: projectId };
    return this.fetchJson(await this.target('passwords', opts), 'POST', createdSchema, 'created id', { ...opts, body });
  }

  /** Updates the given fields of a shared password. */
  async updatePassword(id: number, input: TpmPasswordInput, opts: RequestOptions & { unlockReason?: string } = {}): Promise<void> {
    await this.call('PUT', await this.target(`passwords/${id}`, opts), { ...opts, body: passwordBody(input) });
  }

  /** Locks a password (managers only). */
  async lockPassword(id: number, opts: RequestOptions = {}): Promise<void> {
    await this.call('PUT', await this.target(`passwords/${id}/lock`, opts), opts);
  }

  /** Unlocks a password; the reason is sent in `X-Unlock-Reason` (UTF-8, at most 200 characters). */
  async unlockPassword(id: number, reason: string, opts: RequestOptions = {}): Promise<void> {
    await this.call('PUT', await this.target(`passwords/${id}/unlock`, opts), { ...opts, unlockReason: reason });
  }

  // ---- personal passwords -----------------------------------------------------------------------------------

  /** All personal passwords. */
  listMyPasswords(opts: ListOptions = {}): Promise<TpmMyPasswordSummary[]> {
    return this.list('my_passwords', myPasswordSummarySchema, opts);
  }

  /** Personal passwords matching a search string. */
  searchMyPasswords(query: string, opts: ListOptions = {}): Promise<TpmMyPasswordSummary[]> {
    return this.list(`my_passwords/search/${resourcePath(query)}`, myPasswordSummarySchema, opts);
  }

  /** False when the admin disabled personal passwords (probes `my_passwords/count.json`). */
  async myPasswordsEnabled(opts: RequestOptions = {}): Promise<boolean> {
    return (await this.countMyPasswords(opts)) !== undefined;
  }

  /** `my_passwords/count.json`; undefined when the admin disabled personal passwords. */
  async countMyPasswords(opts: RequestOptions = {}): Promise<TpmCount | undefined> {
    try {
      return await this.getJson('my_passwords/count', countSchema, 'count', { ...opts, paged: true });
    } catch (error) {
      if (error instanceof AppError && error.code === 'personal_disabled') return undefined;
      throw error;
    }
  }

  /** One page (1-based) of personal passwords or of a search among them. */
  myPasswordsPage(page: number, query?: string, opts: RequestOptions = {}): Promise<TpmMyPasswordSummary[]> {
    const base = query === undefined ? 'my_passwords' : `my_passwords/search/${resourcePath(query)}`;
    return this.getJson(`${base}/page/${page}`, v.array(myPasswordSummarySchema), 'password list', { ...opts, paged: true });
  }

  /** `my_passwords/{id}.json`. */
  getMyPassword(id: number, opts: RequestOptions = {}): Promise<TpmMyPassword> {
    return this.getJson(`my_passwords/${id}`, myPasswordSchema, 'personal password', opts);
  }

  /** Creates a personal password; returns its id. Never retried. */
  async createMyPassword(input: TpmMyPasswordInput & { name: string }, opts: RequestOptions = {}): Promise<number> {
    return this.fetchJson(await this.target('my_passwords', opts), 'POST', createdSchema, 'created id', {
      ...opts,
      body: passwordBody(input),
    });
  }

  /** Updates the given fields of a personal password. */
  async updateMyPassword(id: number, input: TpmMyPasswordInput, opts: RequestOptions = {}): Promise<void> {
    await this.call('PUT', await this.target(`my_passwords/${id}`, opts), { ...opts, body: passwordBody(input) });
  }

  // ---- projects -----------------------------------------------------------------------------------------------------

  /** All active projects the user can see. */
  listProjects(opts: ListOptions = {}): Promise<TpmProjectSummary[]> {
    return this.list('projects', projectSummarySchema, opts);
  }

  /** All archived projects. */
  listArchivedProjects(opts: ListOptions = {}): Promise<TpmProjectSummary[]> {
    return this.list('projects/archived', projectSummarySchema, opts);
  }

  /** All favorite projects. */
  listFavoriteProjects(opts: ListOptions = {}): Promise<TpmProjectSummary[]> {
    return this.list('projects/favorite', projectSummarySchema, opts);
  }

  /** Projects matching a search string. */
  searchProjects(query: string, opts: ListOptions = {}): Promise<TpmProjectSummary[]> {
    return this.list(`projects/search/${resourcePath(query)}`, projectSummarySchema, opts);
  }

  /** `projects/{id}.json`. */
  getProject(id: number, opts: RequestOptions = {}): Promise<TpmProject> {
    return this.getJson(`projects/${id}`, projectSchema, 'project', opts);
  }

  /** Direct children of a project (`0` = the root). */
  listSubprojects(id: number, opts: RequestOptions = {}): Promise<TpmProjectNode[]> {
    return this.getJson(`projects/${id}/subprojects`, v.array(projectNodeSchema), 'project tree', opts);
  }

  /** Children of a project for the "new password" picker: `disabled` marks where one cannot be created. */
  listNewPasswordProjects(id: number, opts: RequestOptions = {}): Promise<TpmProjectNode[]> {
    return this.getJson(`projects/${id}/subprojects/new_pwd`, v.array(projectNodeSchema), 'project tree', opts);
  }

  /** All passwords of one project (their `project` has no id on real servers). */
  listProjectPasswords(id: number, opts: ListOptions = {}): Promise<TpmPasswordSummary[]> {
    return this.list(`projects/${id}/passwords`, passwordSummarySchema, opts);
  }

  // ---- favorites --------------------------------------------------------------------------------------------------

  /** Marks a password as favorite (`POST favorite_passwords/{id}.json`, 204). */
  async setFavoritePassword(id: number, opts: RequestOptions = {}): Promise<void> {
    await this.call('POST', await this.target(`favorite_passwords/${id}`, opts), opts);
  }

  /** Removes a password from the favorites. */
  async unsetFavoritePassword(id: number, opts: RequestOptions = {}): Promise<void> {
    await this.call('DELETE', await this.target(`favorite_passwords/${id}`, opts), opts);
  }

  /** Marks a project as favorite. */
  async setFavoriteProject(id: number, opts: RequestOptions = {}): Promise<void> {
    await this.call('POST', await this.target(`favorite_projects/${id}`, opts), opts);
  }

  /** Removes a project from the favorites. */
  async unsetFavoriteProject(id: number, opts: RequestOptions = {}): Promise<void> {
    await this.call('DELETE', await this.target(`favorite_projects/${id}`, opts), opts);
  }
}

/** Request body for password writes: snake_case, tags as one comma string, custom values as `custom_dataN`. */
function passwordBody(input: TpmPasswordInput): Record<string, string> {
  const body: Record<string, string> = {};
  const put = (key: string, value: string | undefined) => {
    if (value !== undefined) body[key] = value;
  };
  put('name', input.name);
  put(
    'tags',
    input.tags
      ?.map((t) => t.replace(/,/g, ' ').trim())
      .filter(Boolean)
      .join(','),
  );
  put('access_info', input.accessInfo);
  put('username', input.username);
  put('email', input.email);
  put('password', input.password);
  put('expiry_date', input.expiryDate);
  put('notes', input.notes);
  for (const [index, value] of Object.entries(input.customData ?? {})) put(`custom_data${index}`, value);
  return body;
}
