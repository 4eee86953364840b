/** A Team Password Manager server as a vault `Source`. */
import { mapBounded } from '../api/http';
import { TpmClient } from '../api/tpm/client';
import type { TpmCustomField, TpmExpiryStatus, TpmLocking, TpmMyPasswordSummary, TpmPasswordSummary, TpmProjectNode } from '../api/tpm/types';
import { AppError } from '../errors';
import { entryId, projectId, type Entry, type ExpiryStatus, type LockedType, type Project } from './entry';
import type { DetailField, Source, SourceDetails, SourceIdentity, SyncOptions } from './sources';

const EXPIRY: Record<TpmExpiryStatus, ExpiryStatus> = { none: 0, today: 1, expired: 2, soon: 3 };
const LOCKING: Record<TpmLocking, LockedType> = { none: 0, reason: 1, permission: 2 };
/** Subproject requests in flight while walking the project tree. */
const TREE_CONCURRENCY = 6;

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

  async list(options: SyncOptions = {}): Promise<{ entries: Entry[]; projects: Project[] }> {
    // Progress adds up both lists: [done, total] of shared and of personal passwords.
    const counts = { shared: [0, 0], personal: [0, 0] };
    const track = (list: keyof typeof counts) => (done: number, total: number) => {
      counts[list] = [done, total];
      options.onProgress?.(counts.shared[0] + counts.personal[0], counts.shared[1] + counts.personal[1]);
    };
    const [projects, passwords, mine] = await Promise.all([
      this.listProjects(options),
      this.client.listPasswords({ ...options, onProgress: track('shared') }),
      this.client
        .myPasswordsEnabled(options)
        .then((enabled) => (enabled ? this.client.listMyPasswords({ ...options, onProgress: track('personal') }) : [])),
    ]);
    const paths = new Map(projects.map((p) => [p.remoteId, p]));
    return { entries: [...passwords.map((p) => this.sharedEntry(p, paths)), ...mine.map((p) => this.personalEntry(p))], projects };
  }

  private sharedEntry(p: TpmPasswordSummary, projects: Map<number, Project>): Entry {
    const project = p.project?.id !== undefined ? projects.get(p.project.id) : undefined;
    const entry: Entry = {
      id: entryId(this.id, 'shared', p.id),
      sourceId: this.id,
      remoteId: p.id,
      kind: 'shared',
      name: p.name,
      urls: p.urls,
      tags: p.tags,
      projectPath: project?.path ?? (p.project ? [p.project.name] : []),
      favorite: p.favorite,
      archived: p.archived,
      lockedType: p.locked ? Math.max(1, LOCKING[p.locking]) as LockedType : 0,
      expiryStatus: EXPIRY[p.expiryStatus],
      customFieldLabels: [],
      hasOtp: false,
    };
    if (project) entry.projectId = project.id;
    return withOptional(entry, p);
  }

  private personalEntry(p: TpmMyPasswordSummary): Entry {
    const entry: Entry = {
      id: entryId(this.id, 'personal', p.id),
      sourceId: this.id,
      remoteId: p.id,
      kind: 'personal',
      name: p.name,
      urls: p.urls,
      tags: p.tags,
      projectPath: [],
      favorite: false,
      archived: false,
      lockedType: 0,
      customFieldLabels: [],
      hasOtp: false,
    };
    return withOptional(entry, p);
  }

  async details(entry: Entry, options: SyncOptions & { reason?: string } = {}): Promise<SourceDetails> {
    if (entry.kind === 'personal') {
      const p = await this.client.getMyPassword(entry.remoteId, options);
      return { notes: p.notes, customFields: [], hasPassword: Boolean(p.password), hasOtp: false, webUrl: this.webUrl(entry) };
    }
    const p = await this.client.getPassword(entry.remoteId, { ...options, unlockReason: options.reason });
    return {
      notes: p.notes,
      customFields: p.customFields.map(toDetailField),
      hasPassword: p.hasPassword ?? Boolean(p.password),
      hasOtp: p.customFields.some((f) => f.kind === 'otp'),
      webUrl: this.webUrl(entry),
    };
  }

  async secret(entry: Entry, field: number, reason?: string): Promise<string> {
    const record = entry.kind === 'personal'
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

  /** The entry in TPM's web interface. */
  private webUrl(entry: Entry): string {
    return `${this.client.baseUrl}/index.php/${entry.kind === 'personal' ? 'mypwd' : 'pwd'}/view/${entry.remoteId}`;
  }
}

function toDetailField(f: TpmCustomField): DetailField {
  const field: DetailField = { index: f.index, label: f.label, type: f.rawType, secret: f.secret };
  if (!f.secret && f.value !== undefined) field.value = f.value;
  return field;
}

function withOptional(entry: Entry, p: { username?: string; email?: string; notesSnippet?: string; updatedOn?: string; expiryDate?: string }): Entry {
  if (p.username) entry.username = p.username;
  if (p.email) entry.email = p.email;
  if (p.notesSnippet) entry.notesSnippet = p.notesSnippet.slice(0, 200);
  if (p.expiryDate) entry.expiryDate = p.expiryDate;
  if (p.updatedOn) entry.updatedAt = p.updatedOn;
  return entry;
}
