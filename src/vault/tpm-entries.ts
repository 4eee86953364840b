/** TPM's list items and new logins as vault entries. */
import type { TpmCustomField, TpmExpiryStatus, TpmLocking, TpmMyPasswordSummary, TpmPasswordSummary } from '../api/tpm/types';
import { entryId, type Entry, type ExpiryStatus, type LockedType, type Project } from './entry';
import type { DetailField, NewLogin } from './sources';

const EXPIRY: Record<TpmExpiryStatus, ExpiryStatus> = { none: 0, today: 1, expired: 2, soon: 3 };
const LOCKING: Record<TpmLocking, LockedType> = { none: 0, reason: 1, permission: 2 };

export function sharedEntry(sourceId: string, p: TpmPasswordSummary, projects: Map<number, Project>): Entry {
  const project = p.project?.id !== undefined ? projects.get(p.project.id) : undefined;
  const entry: Entry = {
    id: entryId(sourceId, 'shared', p.id),
    sourceId,
    remoteId: p.id,
    kind: 'shared',
    name: p.name,
    urls: p.urls,
    tags: p.tags,
    projectPath: project?.path ?? (p.project ? [p.project.name] : []),
    favorite: p.favorite,
    archived: p.archived,
    lockedType: p.locked ? (Math.max(1, LOCKING[p.locking]) as LockedType) : 0,
    expiryStatus: EXPIRY[p.expiryStatus],
    customFieldLabels: [],
    hasOtp: false,
  };
  if (project) entry.projectId = project.id;
  return withOptional(entry, p);
}

export function personalEntry(sourceId: string, p: TpmMyPasswordSummary): Entry {
  const entry: Entry = {
    id: entryId(sourceId, 'personal', p.id),
    sourceId,
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

/** The entry a create just made, from what was sent (TPM answers a create with the id only). */
export function newEntry(sourceId: string, kind: 'shared' | 'personal', id: number, login: NewLogin, projectPath: string[]): Entry {
  const entry: Entry = {
    id: entryId(sourceId, kind, id),
    sourceId,
    remoteId: id,
    kind,
    name: login.name,
    urls: [login.url],
    tags: [],
    projectPath,
    favorite: false,
    archived: false,
    lockedType: 0,
    customFieldLabels: [],
    hasOtp: false,
  };
  if (login.username) entry.username = login.username;
  if (login.email) entry.email = login.email;
  return entry;
}

export function toDetailField(f: TpmCustomField): DetailField {
  const field: DetailField = { index: f.index, label: f.label, type: f.rawType, secret: f.secret };
  if (!f.secret && f.value !== undefined) field.value = f.value;
  return field;
}

function withOptional(
  entry: Entry,
  p: { username?: string; email?: string; notesSnippet?: string; updatedOn?: string; expiryDate?: string },
): Entry {
  if (p.username) entry.username = p.username;
  if (p.email) entry.email = p.email;
  if (p.notesSnippet) entry.notesSnippet = p.notesSnippet.slice(0, 200);
  if (p.expiryDate) entry.expiryDate = p.expiryDate;
  if (p.updatedOn) entry.updatedAt = p.updatedOn;
  return entry;
}
