/**
 * Shape checks for entries and projects read back from the cache. Hand-written rather than valibot, which the other
 * stored data goes through: a cold worker checks every cached entry before it can answer the popup, and a schema
 * library does that many times slower (measured: see this file's history).
 */
import type { CustomFieldLabel, Entry, Project } from './entry';

type Loose = Record<string, unknown>;

const isString = (v: unknown): v is string => typeof v === 'string';
const isOptionalString = (v: unknown) => v === undefined || typeof v === 'string';
const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);

function isCustomFieldLabel(v: unknown): v is CustomFieldLabel {
  if (typeof v !== 'object' || v === null) return false;
  const f = v as Loose;
  return isString(f.label) && isString(f.type) && typeof f.secret === 'boolean';
}

/** True when `value` has every field of an {@link Entry} with the right type. */
export function isEntry(value: unknown): value is Entry {
  if (typeof value !== 'object' || value === null) return false;
  const e = value as Loose;
  return (
    isString(e.id) &&
    isString(e.sourceId) &&
    Number.isInteger(e.remoteId) &&
    (e.kind === 'shared' || e.kind === 'personal') &&
    isString(e.name) &&
    isOptionalString(e.username) &&
    isOptionalString(e.email) &&
    isStringArray(e.urls) &&
    isStringArray(e.tags) &&
    isStringArray(e.projectPath) &&
    isOptionalString(e.projectId) &&
    isOptionalString(e.notesSnippet) &&
    typeof e.favorite === 'boolean' &&
    typeof e.archived === 'boolean' &&
    (e.lockedType === 0 || e.lockedType === 1 || e.lockedType === 2) &&
    isOptionalString(e.expiryDate) &&
    (e.expiryStatus === undefined || e.expiryStatus === 0 || e.expiryStatus === 1 || e.expiryStatus === 2 || e.expiryStatus === 3) &&
    Array.isArray(e.customFieldLabels) &&
    e.customFieldLabels.every(isCustomFieldLabel) &&
    typeof e.hasOtp === 'boolean' &&
    isOptionalString(e.updatedAt)
  );
}

/** True when `value` has every field of a {@link Project} with the right type. */
export function isProject(value: unknown): value is Project {
  if (typeof value !== 'object' || value === null) return false;
  const p = value as Loose;
  return (
    isString(p.id) &&
    isString(p.sourceId) &&
    Number.isInteger(p.remoteId) &&
    isString(p.name) &&
    isOptionalString(p.parentId) &&
    isStringArray(p.path) &&
    (p.canCreate === undefined || typeof p.canCreate === 'boolean')
  );
}
