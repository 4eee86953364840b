/** A Team Password Manager server as a vault `Source`. */
import { mapBounded } from '../api/http';
import type { TpmClient } from '../api/tpm/client';
import type { TpmCustomField, TpmPasswordSummary, TpmProjectNode } from '../api/tpm/types';
import { AppError } from '../errors';
import { projectId, type Entry, type Project } from './entry';
import type {
  Known,
  Listed,
  NewLogin,
  PasswordIssue,
  SaveCheck,
  SaveTarget,
  Source,
  SourceDetails,
  SourceIdentity,
  SyncOptions,
} from './sources';
import { fingerprint, newOnes, parseFingerprint } from './tpm-changes';
import { newEntry, personalEntry, sharedEntry, toDetailField } from './tpm-entries';

/** Subproject requests in flight while walking the project tree. */
const TREE_CONCURRENCY = 6;
/**
 * Pages in flight while syncing a TPM list (the worker's client): over HTTP/2 (typical for an https install) 16
 * made the first sync clearly faster than 8 (measured in the commit that set it); over HTTP/1.1 the browser caps it
 * at 6 connections per server anyway. Here, beside the source, so the bench reads it without the worker's browser
 * imports.
 */
export const TPM_SYNC_CONCURRENCY = 16;

export class TpmSource implements Source {
  readonly kind = 'tpm';
  constructor(
    readonly id: string,
    private readonly client: TpmClient,
  ) {}

  async identify(options: SyncOptions = {}): Promise<SourceIdentity> {
    const [me, version, personal] = await Promise.all([
      this.client.me(options),
      this.client.version(options),
      this.client.myPasswordsEnabled(options),
    ]);
    const api = await this.client.apiVersion(options);
    return {
      user: me.name ? `${me.name} (${me.username})` : me.username,
      version: version.version,
      role: me.role,
      readOnly: me.readOnly,
      details: [`API ${api}`, personal ? 'My Passwords: on' : 'My Passwords: disabled by the administrator'],
    };
  }

  private async listProjects(options: SyncOptions): Promise<Project[]> {
    const projects: Project[] = [];
    let level: { node: TpmProjectNode; parent?: Project }[] = (await this.client.listSubprojects(0, options)).map((node) => ({ node }));
    while (level.length > 0) {
      const next: { node: TpmProjectNode; parent?: Project }[] = [];
      const made = level.map(({ node, parent }) => {
        const project: Project = {
          id: projectId(this.id, node.id),
          sourceId: this.id,
          remoteId: node.id,
          name: node.name,
          path: [...(parent?.path ?? []), node.name],
        };
        if (parent) project.parentId = parent.id;
        projects.push(project);
        return project;
      });
      // Branches without passwords below are not walked: they would cost a request each and show nothing.
      const withChildren = level
        .map((item, i) => ({ ...item, project: made[i] }))
        .filter((item) => item.node.hasChildren && item.node.numPasswordsBranch > item.node.numPasswords);
      const children = await mapBounded(withChildren, TREE_CONCURRENCY, (item) => this.client.listSubprojects(item.node.id, options));
      children.forEach((nodes, i) => nodes.forEach((node) => next.push({ node, parent: withChildren[i].project })));
      level = next;
    }
    return projects;
  }

  /**
   * With `known`, the project tree held is kept when every listed password names a project it holds under the same
   * name (walking the tree costs a request per project with children: 38 of 139 at 2,000 entries in the simulator).
   * A project moved under another parent keeps its old path until *Sync now* (which lists without `known`).
   */
  async list(options: SyncOptions & { known?: Known } = {}): Promise<Listed> {
    // Progress adds up both lists: [done, total] of shared and of personal passwords.
    const counts = { shared: [0, 0], personal: [0, 0] };
    const track = (list: keyof typeof counts) => (done: number, total: number) => {
      counts[list] = [done, total];
      options.onProgress?.(counts.shared[0] + counts.personal[0], counts.shared[1] + counts.personal[1]);
    };
    // The first list that fails stops the others: a failing server (a 503 asking to wait) gets no more requests.
    const stop = new AbortController();
    const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
    const failFast = <T>(work: Promise<T>) => work.catch((error: unknown) => (stop.abort(), Promise.reject(error)));
    const held = options.known?.projects.length ? options.known.projects : undefined;
    const [tree, passwords, mine] = await Promise.all([
      held ? undefined : failFast(this.listProjects({ ...options, signal })),
      failFast(this.client.listPasswords({ ...options, signal, onProgress: track('shared') })),
      failFast(
        this.client
          .myPasswordsEnabled({ ...options, signal })
          .then((enabled) => (enabled ? this.client.listMyPasswords({ ...options, signal, onProgress: track('personal') }) : undefined)),
      ),
    ]);
    const heldById = new Map(held?.map((p) => [p.remoteId, p]));
    const treeHolds = (p: TpmPasswordSummary) => p.project?.id === undefined || heldById.get(p.project.id)?.name === p.project.name;
    const projects = tree ?? (passwords.every(treeHolds) ? [...held!] : await this.listProjects({ ...options, signal }));
    const paths = new Map(projects.map((p) => [p.remoteId, p]));
    // The counts the probe will see while nothing changes: a change during the list shows at the next probe.
    const enabled = mine !== undefined;
    const entries = [...passwords.map((p) => sharedEntry(this.id, p, paths)), ...(mine ?? []).map((p) => personalEntry(this.id, p))];
    return { entries, projects, fingerprint: fingerprint(passwords.length, enabled ? mine.length : undefined) };
  }

  /**
   * Two requests: `passwords/count.json` and `my_passwords/count.json` (`docs/tpm-api.md`: the only cheap answers
   * v4 and v5 give about a whole list; there is no "changed since"). What they cannot see, so it arrives only
   * with the next full list (the full-sync period, 8 h unless the policy says otherwise), or earlier for one
   * site through the miss lookup when that site has no entry locally: an edit (name, URL, user name, project,
   * archiving), a password removed and another added between two probes, a project renamed or moved.
   */
  async probe(options: SyncOptions = {}): Promise<string> {
    const [shared, personal] = await Promise.all([this.client.countPasswords(undefined, options), this.client.countMyPasswords(options)]);
    return fingerprint(shared.numItems, personal?.numItems);
  }

  /**
   * TPM lists passwords newest first (by id, as the recorded `passwords.json` and `my_passwords.json` show), so
   * when a list only grew, page 1 holds the additions: one request per grown list instead of the full list. Any
   * other change (a list shrank, more new ids than it grew, a new project) needs the full list.
   */
  async added(known: Known, from: string, to: string, options: SyncOptions = {}): Promise<Entry[] | undefined> {
    const before = parseFingerprint(from);
    const after = parseFingerprint(to);
    if (!before || !after || (before.personal === undefined) !== (after.personal === undefined)) return undefined;
    const projects = new Map(known.projects.map((p) => [p.remoteId, p]));
    const added: Entry[] = [];
    if (after.shared !== before.shared) {
      const fresh = newOnes(await this.client.passwordsPage(1, undefined, options), known.entries, 'shared', before.shared, after.shared);
      if (!fresh || fresh.some((p) => p.project?.id !== undefined && !projects.has(p.project.id))) return undefined;
      added.push(...fresh.map((p) => sharedEntry(this.id, p, projects)));
    }
    if (after.personal !== before.personal) {
      const fresh = newOnes(
        await this.client.myPasswordsPage(1, undefined, options),
        known.entries,
        'personal',
        before.personal!,
        after.personal!,
      );
      if (!fresh) return undefined;
      added.push(...fresh.map((p) => personalEntry(this.id, p)));
    }
    return added;
  }

  /**
   * The official extension's autofill query (`access:{domain} is:active`, and `access:{domain}` among personal
   * passwords), first page only: 20 entries for one site is more than a login page offers. Two requests.
   */
  async lookup(domain: string, known: Known, options: SyncOptions = {}): Promise<Entry[]> {
    const projects = new Map(known.projects.map((p) => [p.remoteId, p]));
    const [shared, mine] = await Promise.all([
      this.client.passwordsPage(1, `access:${domain} is:active`, options),
      this.client.myPasswordsPage(1, `access:${domain}`, options).catch((error: unknown) => {
        if (error instanceof AppError && error.code === 'personal_disabled') return [];
        throw error;
      }),
    ]);
    return [...shared.map((p) => sharedEntry(this.id, p, projects)), ...mine.map((p) => personalEntry(this.id, p))];
  }

  async details(entry: Entry, options: SyncOptions & { reason?: string } = {}): Promise<SourceDetails> {
    if (entry.kind === 'personal') {
      const p = await this.client.getMyPassword(entry.remoteId, options);
      return { notes: p.notes, customFields: [], hasPassword: Boolean(p.password), hasOtp: false, ...this.webLink(entry) };
    }
    const p = await this.client.getPassword(entry.remoteId, { ...options, unlockReason: options.reason });
    return {
      notes: p.notes,
      customFields: p.customFields.map(toDetailField),
      hasPassword: p.hasPassword ?? Boolean(p.password),
      hasOtp: p.customFields.some((f) => f.kind === 'otp'),
      ...this.webLink(entry),
    };
  }

  async secret(entry: Entry, field: number, reason?: string): Promise<string> {
    const record =
      entry.kind === 'personal'
        ? { password: (await this.client.getMyPassword(entry.remoteId)).password, customFields: [] as TpmCustomField[] }
        : await this.client.getPassword(entry.remoteId, { unlockReason: reason });
    const value = field === 0 ? record.password : record.customFields.find((f) => f.index === field)?.value;
    if (value === undefined) throw new AppError('not_found', field === 0 ? 'This entry has no password.' : 'This field is empty.');
    return value;
  }

  async otp(entry: Entry): Promise<string> {
    if (entry.kind === 'personal') throw new AppError('not_found', 'Personal passwords have no one-time code.');
    const p = await this.client.getPassword(entry.remoteId);
    const code = p.customFields.find((f) => f.kind === 'otp')?.value;
    if (!code) throw new AppError('not_found', 'This entry has no one-time code.');
    return code;
  }

  async setFavorite(entry: Entry, favorite: boolean): Promise<void> {
    if (entry.kind === 'personal') throw new AppError('bad_request', 'Personal passwords cannot be favorites in Team Password Manager.');
    await (favorite ? this.client.setFavoritePassword(entry.remoteId) : this.client.unsetFavoritePassword(entry.remoteId));
  }

  async generate(): Promise<string | undefined> {
    return this.client.generatePassword();
  }

  async saveTargets(): Promise<SaveTarget[]> {
    const [me, personal] = await Promise.all([this.client.me(), this.client.myPasswordsEnabled()]);
    if (me.readOnly) return [];
    // "My Passwords" has no path of its own: the prompt names it in the user's language.
    const targets: SaveTarget[] = personal ? [{ kind: 'personal', id: `${this.id}:personal`, sourceId: this.id, path: [] }] : [];
    // Walk the whole `new_pwd` tree: a disabled project may still have children where creating is allowed.
    const children = new Map<number, TpmProjectNode[]>();
    let level = [0];
    while (level.length > 0) {
      const lists = await mapBounded(level, TREE_CONCURRENCY, (id) => this.client.listNewPasswordProjects(id));
      level.forEach((id, i) => children.set(id, lists[i]));
      level = lists
        .flat()
        .filter((node) => node.hasChildren && !children.has(node.id))
        .map((node) => node.id);
    }
    const visit = (parent: number, path: string[], seen: Set<number>) => {
      for (const node of children.get(parent) ?? []) {
        if (seen.has(node.id)) continue; // a malformed tree must not loop forever
        seen.add(node.id);
        const nodePath = [...path, node.name];
        if (!node.disabled)
          targets.push({ kind: 'project', id: projectId(this.id, node.id), sourceId: this.id, projectId: node.id, path: nodePath });
        visit(node.id, nodePath, seen);
      }
    };
    visit(0, [], new Set());
    return targets;
  }

  /**
   * TPM requires a name (`docs/tpm-api.md` §4.3; the project is the target). Its access field lists several URLs
   * separated by commas or line breaks, so a URL holding one would come back as two: those are percent-encoded.
   */
  checkCreate(_target: SaveTarget, login: NewLogin): SaveCheck {
    const url = login.url.replace(/,/g, '%2C').replace(/[\r\n]+/g, '');
    const check: SaveCheck = { login: { ...login, url }, changed: [], refused: [] };
    if (!login.name.trim()) check.refused.push({ field: 'name', issue: { kind: 'required' } });
    if (url !== login.url) check.changed.push({ field: 'url', stored: url });
    return check;
  }

  /** TPM stores a password as it is sent (no limit or change is documented). */
  checkPassword(): PasswordIssue | undefined {
    return undefined;
  }

  /** POST, then the new entry read back (TPM answers a create with its id only) and compared with what was sent. */
  async create(target: SaveTarget, login: NewLogin): Promise<Entry> {
    if (target.sourceId !== this.id || target.kind === 'category')
      throw new AppError('bad_request', 'This save target does not belong to this server.');
    const check = this.checkCreate(target, login);
    if (check.refused.length) throw new AppError('bad_request', 'Team Password Manager requires a name.');
    const sent = check.login;
    const input = { name: sent.name, username: sent.username, email: sent.email, accessInfo: sent.url, password: sent.password };
    if (target.kind === 'personal') {
      const id = await this.client.createMyPassword(input);
      expectStored(await this.client.getMyPassword(id), sent, `My Passwords entry ${id}`);
      return newEntry(this.id, 'personal', id, sent, []);
    }
    const id = await this.client.createPassword(target.projectId, input);
    expectStored(await this.client.getPassword(id), sent, `password ${id}`);
    const entry = newEntry(this.id, 'shared', id, sent, target.path);
    entry.projectId = target.id;
    return entry;
  }

  async updatePassword(entry: Entry, password: string, options: { reason?: string } = {}): Promise<void> {
    // A PUT changes only the fields it carries, so sending the password alone leaves every other field as it is.
    const reason = options.reason === undefined ? {} : { unlockReason: options.reason };
    if (entry.kind === 'personal') await this.client.updateMyPassword(entry.remoteId, { password });
    else await this.client.updatePassword(entry.remoteId, { password }, reason);
    const stored =
      entry.kind === 'personal' ? await this.client.getMyPassword(entry.remoteId) : await this.client.getPassword(entry.remoteId, reason);
    if ((stored.password ?? '') !== password)
      throw new AppError(
        'altered',
        `Team Password Manager stored a different password than the one sent for “${entry.name}”. Set it again on the server.`,
      );
  }

  async findExisting(target: SaveTarget, login: NewLogin): Promise<Entry | undefined> {
    if (target.sourceId !== this.id || target.kind === 'category') return undefined;
    // Search narrows by name (and username) on the server; the exact comparison happens here, because TPM search
    // is a case- and accent-insensitive substring match.
    const terms = [searchTerm('name', login.name), searchTerm('username', login.username ?? '')].filter(Boolean).join(' ');
    const same = (p: { name: string; username?: string; accessInfo?: string; urls: string[] }) =>
      p.name.trim() === login.name.trim() &&
      (p.username ?? '') === (login.username ?? '') &&
      (p.accessInfo?.trim() === login.url.trim() || p.urls.includes(login.url.trim()));
    if (target.kind === 'personal') {
      const found = (terms ? await this.client.searchMyPasswords(terms) : await this.client.listMyPasswords()).find(same);
      return found && personalEntry(this.id, found);
    }
    const found = terms
      ? (await this.client.searchPasswords(terms)).find((p) => p.project?.id === target.projectId && same(p))
      : (await this.client.listProjectPasswords(target.projectId)).find(same);
    if (!found) return undefined;
    const entry = sharedEntry(this.id, found, new Map());
    entry.projectPath = target.path;
    entry.projectId = target.id;
    return entry;
  }

  /**
   * The entry in TPM's web interface: `index.php/pwd/view/{id}` for a shared password (the form the desktop viewer
   * MyUncleSam/TeamPasswordManager.Viewer, listed in docs/tpm-api.md, opens). No link to one of My Passwords is
   * documented: the start page, with the name to search there.
   */
  private webLink(entry: Entry): Pick<SourceDetails, 'webUrl' | 'webSearchText'> {
    if (entry.kind === 'personal') return { webUrl: `${this.client.baseUrl}/index.php`, webSearchText: entry.name };
    return { webUrl: `${this.client.baseUrl}/index.php/pwd/view/${entry.remoteId}` };
  }
}

/** A read-back that differs from what was sent is an error: never report such a save as done. */
function expectStored(
  stored: { name: string; username?: string; email?: string; accessInfo?: string; password?: string },
  sent: NewLogin,
  what: string,
): void {
  const differ = [
    stored.name !== sent.name && 'name',
    (stored.username ?? '') !== (sent.username ?? '') && 'username',
    (stored.email ?? '') !== (sent.email ?? '') && 'e-mail',
    (stored.accessInfo ?? '') !== sent.url && 'URL',
    (stored.password ?? '') !== sent.password && 'password',
  ].filter(Boolean);
  if (differ.length)
    throw new AppError(
      'altered',
      `Team Password Manager saved ${what} but stored a different ${differ.join(', ')} than the one sent; check it on the server.`,
    );
}

/** `op:"words"` for TPM search: quotes cannot be escaped inside a value, so they become spaces. */
function searchTerm(op: string, value: string): string {
  const words = value.replace(/"/g, ' ').trim().replace(/\s+/g, ' ');
  return words ? `${op}:"${words}"` : '';
}
