/** A sysPass server as a vault `Source`: accounts are entries, clients and their categories the project tree. */
import type { SyspassClient } from '../api/syspass/client';
import { predictField, predictPassword, SYSPASS_LIMITS, type StoredText, type SyspassTextField } from '../api/syspass/stored-values';
import type { SyspassAccount } from '../api/syspass/types';
import { AppError } from '../errors';
import { entryId, type Entry, type ExpiryStatus, type Project } from './entry';
import { shortenUrl } from './shorten-url';
import type {
  Accepted,
  NewLogin,
  PasswordIssue,
  SaveCheck,
  SaveField,
  SaveTarget,
  Source,
  SourceDetails,
  SourceIdentity,
  SyncOptions,
  ValueIssue,
} from './sources';

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

  /**
   * Account search, then the token password: checked without revealing a password, after a probe that cannot
   * count as a failed attempt (`SyspassClient.checkTokenPassword`). Nothing is sent while the server locks us out.
   */
  async identify(options: SyncOptions = {}): Promise<SourceIdentity> {
    await this.client.searchAccounts({ count: 1 }, options.signal);
    await this.client.checkTokenPassword(options.signal);
    return {
      user: 'API token',
      version: 'sysPass 3',
      readOnly: false,
      details: ['Account search: allowed', 'Token password: correct (view password allowed)'],
    };
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

  /**
   * No link opens one account in sysPass's web interface without a server secret (its links carry a per-request
   * key or an HMAC, §10.2): the start page is linked, and the name is what to search there.
   */
  async details(entry: Entry, options: SyncOptions = {}): Promise<SourceDetails> {
    const account = await this.client.viewAccount(entry.remoteId, options.signal);
    const details: SourceDetails = {
      customFields: [],
      hasPassword: true,
      hasOtp: false,
      webUrl: `${this.baseUrl}/index.php`,
      webSearchText: entry.name,
    };
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
      [...categories].sort(byName).map(
        (category): SaveTarget => ({
          kind: 'category',
          id: `${this.id}:project:c${client.id}-k${category.id}`,
          sourceId: this.id,
          clientId: client.id,
          categoryId: category.id,
          path: [client.name, category.name],
        }),
      ),
    );
  }

  /**
   * What sysPass will store: text fields through its filter and column sizes; a URL longer than its 255 characters
   * is first cut to origin + path (`shortenUrl`). The password of a create is only trimmed.
   */
  checkCreate(_target: SaveTarget, login: NewLogin): SaveCheck {
    const url =
      Array.from(login.url).length > SYSPASS_LIMITS.url.max ? (shortenUrl(login.url, SYSPASS_LIMITS.url.max) ?? login.url) : login.url;
    const check: SaveCheck = { login: { ...login, url }, changed: [], refused: [] };
    const field = (name: SaveField, column: SyspassTextField, typed: string, sent = typed) => {
      const stored = predictField(column, sent);
      if (stored.problem) check.refused.push({ field: name, issue: valueIssue(stored) });
      else if (stored.stored !== typed) check.changed.push({ field: name, stored: stored.stored });
    };
    field('name', 'name', login.name);
    field('username', 'login', loginOf(login));
    field('url', 'url', login.url, url);
    const password = passwordIssue(login.password, predictPassword(login.password, 'create'));
    if (password) check.password = password;
    return check;
  }

  /** `account/editPass` runs the password through the string filter. */
  checkPassword(_entry: Entry, password: string): PasswordIssue | undefined {
    return passwordIssue(password, predictPassword(password, 'editPass'));
  }

  /**
   * `account/create` (then read back by the client). sysPass has no e-mail field: an e-mail stands in as the login
   * when there is no username.
   */
  async create(target: SaveTarget, login: NewLogin, options: { accepted?: Accepted } = {}): Promise<Entry> {
    if (target.sourceId !== this.id || target.kind !== 'category')
      throw new AppError('bad_request', 'This save target does not belong to this server.');
    const account = await this.client.createAccount(
      {
        name: login.name,
        clientId: target.clientId,
        categoryId: target.categoryId,
        password: login.password,
        login: loginOf(login),
        url: login.url,
      },
      { accept: options.accepted ?? {} },
    );
    return this.toEntry(account, new Map());
  }

  /** `account/editPass` only: `account/edit` would replace every field. The client re-sends the current expiry. */
  async updatePassword(entry: Entry, password: string, options: { accepted?: Accepted } = {}): Promise<void> {
    await this.client.editPassword(entry.remoteId, password, { accept: options.accepted ?? {} });
  }

  async findExisting(target: SaveTarget, login: NewLogin): Promise<Entry | undefined> {
    if (target.sourceId !== this.id || target.kind !== 'category') return undefined;
    // Compared with what the server stores for these values (a name "Tom < Jerry" is "Tom " there).
    const name = predictField('name', login.name).stored;
    const account = predictField('login', loginOf(login)).stored;
    const url = predictField('url', login.url).stored;
    // `text` is a LIKE match on name, login, url or notes (`_` and `%` are wildcards): it narrows, this compares.
    const rows = await this.client.searchAccounts({
      text: name.trim(),
      clientId: target.clientId,
      categoryId: target.categoryId,
      count: 0,
    });
    const found = rows.find(
      (a) =>
        a.clientId === target.clientId && a.categoryId === target.categoryId && a.name === name && a.login === account && a.url === url,
    );
    return found && this.toEntry(found, new Map());
  }
}

function loginOf(login: NewLogin): string {
  return (login.username || login.email || '').trim();
}

function valueIssue(stored: StoredText): ValueIssue {
  const p = stored.problem!;
  return p.kind === 'too_long' ? { kind: 'too_long', max: p.max, unit: p.unit } : { kind: 'unstorable', chars: p.chars };
}

/** Refused, or changed: which characters go (spaces at the edges, and each run the tag filter drops). */
function passwordIssue(password: string, stored: StoredText): PasswordIssue | undefined {
  if (stored.problem) return valueIssue(stored);
  if (stored.stored === password) return undefined;
  const f = stored.filter;
  const edges = f ? f.trimmedStart + f.trimmedEnd : password.length - stored.stored.length;
  const trimmed = f ? password.slice(f.trimmedStart, password.length - f.trimmedEnd) : '';
  return { kind: 'altered', edges, parts: (f?.removed ?? []).map((r) => ({ first: trimmed[r.from], length: r.to - r.from })) };
}
