/** A sysPass server as a vault `Source`: accounts are entries, clients and their categories the project tree. */
import type { SyspassClient } from '../api/syspass/client';
import type { SyspassAccount } from '../api/syspass/types';
import { AppError } from '../errors';
import { entryId, type Entry, type ExpiryStatus, type Project } from './entry';
import type { NewLogin, SaveTarget, Source, SourceDetails, SourceIdentity, SyncOptions } from './sources';

const DAY = 86_400;
/** An expiry within this many days shows as "expires soon". */
const SOON_DAYS = 7;

export class SyspassSource implements Source {
  readonly kind = 'syspass';

  constructor(
    readonly id: string,
    private readonly client: SyspassClient,
    private readonly baseUrl: string,
    private readonly now: () => number = Date.now,
  ) {}

  async identify(options: SyncOptions = {}): Promise<SourceIdentity> {
    const accounts = await this.client.searchAccounts({ count: 1 }, options.signal);
    const details = ['Account search: allowed'];
    // viewPass is the only call that proves the token password; a wrong one counts towards the server's lockout,
    // so it runs once here, when the user asked for the test, and never in a loop.
    if (accounts[0]) {
      await this.client.viewPassword(accounts[0].id, options.signal);
      details.push('Token password: correct (view password allowed)');
    } else {
      details.push('No account visible with this token: the token password could not be checked');
    }
    return { user: 'API token', version: 'sysPass 3', readOnly: false, details };
  }

  async list(options: SyncOptions = {}): Promise<{ entries: Entry[]; projects: Project[] }> {
    options.onProgress?.(0, 0);
    const accounts = await this.client.searchAccounts({ count: 0 }, options.signal);
    const projects = new Map<string, Project>();
    const entries = accounts.map((account) => this.toEntry(account, projects));
    options.onProgress?.(entries.length, entries.length);
    return { entries, projects: [...projects.values()] };
  }

  private toEntry(a: SyspassAccount, projects: Map<string, Project>): Entry {
    const client = this.project(projects, `c${a.clientId}`, a.clientId, [a.clientName]);
    const category = this.project(projects, `c${a.clientId}-k${a.categoryId}`, a.categoryId, [a.clientName, a.categoryName], client.id);
    const entry: Entry = {
      id: entryId(this.id, 'shared', a.id),
      sourceId: this.id,
      remoteId: a.id,
      kind: 'shared',
      name: a.name,
      urls: a.url ? [a.url] : [],
      tags: [],
      projectPath: category.path,
      projectId: category.id,
      favorite: false,
      archived: false,
      lockedType: 0,
      customFieldLabels: [],
      hasOtp: false,
    };
    if (a.login) entry.username = a.login;
    if (a.notes) entry.notesSnippet = a.notes.slice(0, 200);
    if (a.dateEdit) entry.updatedAt = a.dateEdit;
    if (a.passDateChange > 0) {
      entry.expiryDate = new Date(a.passDateChange * 1000).toISOString().slice(0, 10);
      entry.expiryStatus = this.expiryStatus(a.passDateChange);
    }
    return entry;
  }

  private project(projects: Map<string, Project>, key: string, remoteId: number, path: string[], parentId?: string): Project {
    let project = projects.get(key);
    if (!project) {
      project = { id: `${this.id}:project:${key}`, sourceId: this.id, remoteId, name: path[path.length - 1], path };
      if (parentId) project.parentId = parentId;
      projects.set(key, project);
    }
    return project;
  }

  private expiryStatus(expiresAt: number): ExpiryStatus {
    const now = this.now() / 1000;
    if (expiresAt < now) return 2;
    if (expiresAt < now + DAY) return 1;
    return expiresAt < now + SOON_DAYS * DAY ? 3 : 0;
  }

  async details(entry: Entry, options: SyncOptions = {}): Promise<SourceDetails> {
    const account = await this.client.viewAccount(entry.remoteId, options.signal);
    const details: SourceDetails = { customFields: [], hasPassword: true, hasOtp: false, webUrl: `${this.baseUrl}/index.php?r=account/view/${entry.remoteId}` };
    if (account.notes) details.notes = account.notes;
    return details;
  }

  async secret(entry: Entry, field: number): Promise<string> {
    if (field !== 0) throw new AppError('not_found', 'sysPass accounts have no custom fields through the API.');
    return this.client.viewPassword(entry.remoteId);
  }

  async otp(): Promise<string> {
    throw new AppError('not_found', 'sysPass accounts have no one-time code.');
  }

  async setFavorite(): Promise<void> {
    throw new AppError('bad_request', 'sysPass does not offer favorites through its API.');
  }

  /** sysPass has no generator in its API: the caller uses the local one. */
  async generate(): Promise<string | undefined> {
    return undefined;
  }

  /**
   * Every client × category pair, clients first, both by name (sysPass lets any category go with any client).
   * Whether the token may create accounts at all is not visible here: a token without `account/create` gets a
   * permanent `auth` error from `create`.
   */
  async saveTargets(): Promise<SaveTarget[]> {
    const [clients, categories] = await Promise.all([this.client.searchClients(), this.client.searchCategories()]);
    const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name);
    return [...clients].sort(byName).flatMap((client) =>
      [...categories].sort(byName).map((category): SaveTarget => ({
        kind: 'category',
        id: `${this.id}:project:c${client.id}-k${category.id}`,
        sourceId: this.id,
        clientId: client.id,
        categoryId: category.id,
        path: [client.name, category.name],
      })),
    );
  }

  /** `account/create`. sysPass has no e-mail field: an e-mail stands in as the login when there is no username. */
  async create(target: SaveTarget, login: NewLogin): Promise<Entry> {
    if (target.sourceId !== this.id || target.kind !== 'category') throw new AppError('bad_request', 'This save target does not belong to this server.');
    const account = await this.client.createAccount({
      name: login.name,
      clientId: target.clientId,
      categoryId: target.categoryId,
      password: login.password,
      login: loginOf(login),
      url: login.url,
    });
    return this.toEntry(account, new Map());
  }

  /** `account/editPass` only: `account/edit` would replace every field. The client re-sends the current expiry. */
  async updatePassword(entry: Entry, password: string): Promise<void> {
    await this.client.editPassword(entry.remoteId, password);
  }

  async findExisting(target: SaveTarget, login: NewLogin): Promise<Entry | undefined> {
    if (target.sourceId !== this.id || target.kind !== 'category') return undefined;
    // `text` is a LIKE match on name, login, url or notes (`_` and `%` are wildcards): it narrows, this compares.
    const rows = await this.client.searchAccounts({ text: login.name.trim(), clientId: target.clientId, categoryId: target.categoryId, count: 0 });
    const found = rows.find(
      (a) => a.clientId === target.clientId && a.categoryId === target.categoryId && a.name === login.name.trim() && a.login === loginOf(login) && a.url === login.url.trim(),
    );
    return found && this.toEntry(found, new Map());
  }
}

function loginOf(login: NewLogin): string {
  return (login.username || login.email || '').trim();
}
