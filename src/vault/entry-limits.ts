/**
 * Size caps on what a server sends: an entry's texts are shown, indexed and cached, so a hostile or broken
 * server (a 1 MB name, 10,000 tags) must not bloat the popup, the search index or IndexedDB. Applied where
 * server data enters the vault (sync, a saved entry, details), never in the UI.
 */
import { MAX_ERROR_MESSAGE } from '../errors';
import type { CustomFieldLabel, Entry, Project } from './entry';
import type { DetailField, SourceDetails } from './sources';

/** Characters (UTF-16 units) and item counts kept. */
export const LIMITS = {
  name: 256,
  /** Username, e-mail, tag, project name, custom-field label and type. */
  short: 256,
  /** One URL text (the matcher reads no more than this anyway). */
  url: 2048,
  urls: 16,
  tags: 32,
  pathDepth: 32,
  notesSnippet: 1024,
  /** Full notes in the details view. */
  notes: 64 * 1024,
  customFields: 20,
  /** A detail field's shown value (not a secret: secrets are never cut, they are fetched one at a time). */
  detailValue: 8 * 1024,
  /** An error message shown to the user (it may come from the server). */
  errorMessage: MAX_ERROR_MESSAGE,
} as const;

/** Cuts `text` to `max` characters, without leaving half a surrogate pair; adds '…' when it was cut. */
function capText(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

const capOptional = (text: string | undefined, max: number) => (text === undefined ? undefined : capText(text, max));
const capList = (list: readonly string[], count: number, max: number) => list.slice(0, count).map((s) => capText(s, max));

function capLabel(f: CustomFieldLabel): CustomFieldLabel {
  return { label: capText(f.label, LIMITS.short), type: capText(f.type, LIMITS.short), secret: f.secret };
}

/** An entry with every text and list within {@link LIMITS}; the same object when nothing is over. */
export function limitEntry(entry: Entry): Entry {
  const out: Entry = {
    ...entry,
    name: capText(entry.name, LIMITS.name),
    urls: capList(entry.urls, LIMITS.urls, LIMITS.url),
    tags: capList(entry.tags, LIMITS.tags, LIMITS.short),
    projectPath: capList(entry.projectPath, LIMITS.pathDepth, LIMITS.short),
    customFieldLabels: entry.customFieldLabels.slice(0, LIMITS.customFields).map(capLabel),
  };
  for (const key of ['username', 'email', 'expiryDate', 'updatedAt'] as const) {
    const value = capOptional(entry[key], LIMITS.short);
    if (value !== undefined) out[key] = value;
  }
  const snippet = capOptional(entry.notesSnippet, LIMITS.notesSnippet);
  if (snippet !== undefined) out.notesSnippet = snippet;
  return out;
}

/** A project with its name and path within {@link LIMITS}. */
export function limitProject(project: Project): Project {
  return { ...project, name: capText(project.name, LIMITS.short), path: capList(project.path, LIMITS.pathDepth, LIMITS.short) };
}

/** Details (notes, non-secret custom field values, labels) within {@link LIMITS}; secret values are not present here. */
export function limitDetails(details: SourceDetails): SourceDetails {
  const out: SourceDetails = {
    ...details,
    customFields: details.customFields.slice(0, LIMITS.customFields).map((f) => {
      const field: DetailField = { ...f, label: capText(f.label, LIMITS.short), type: capText(f.type, LIMITS.short) };
      if (f.value !== undefined) field.value = capText(f.value, LIMITS.detailValue);
      return field;
    }),
  };
  if (details.notes !== undefined) out.notes = capText(details.notes, LIMITS.notes);
  if (details.webSearchText !== undefined) out.webSearchText = capText(details.webSearchText, LIMITS.short);
  return out;
}
