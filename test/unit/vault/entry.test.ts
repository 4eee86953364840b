import { describe, expect, it } from 'vitest';
import { entryId, projectId, toEntrySummary, type Entry } from '../../../src/vault/entry';
import { isEntry, isProject } from '../../../src/vault/entry-guard';

const ENTRY: Entry = {
  id: entryId('tpm-1', 'shared', 68),
  sourceId: 'tpm-1',
  remoteId: 68,
  kind: 'shared',
  name: 'Wordpress admin',
  username: 'admin_sg',
  urls: ['http://www.fictionalgadgetsite.com/wp-admin'],
  tags: ['wordpress'],
  projectPath: ['www.fictionalgadgetsite.com'],
  projectId: projectId('tpm-1', 18),
  notesSnippet: 'rotate every quarter',
  favorite: true,
  archived: false,
  lockedType: 0,
  expiryStatus: 0,
  customFieldLabels: [{ label: 'PIN', type: 'Encrypted text', secret: true }],
  hasOtp: false,
  updatedAt: '2016-09-07T04:41:45Z',
};

describe('entry model', () => {
  it('builds ids unique across sources and kinds', () => {
    expect(entryId('tpm-1', 'shared', 1)).toBe('tpm-1:shared:1');
    expect(entryId('tpm-1', 'personal', 1)).not.toBe(entryId('tpm-1', 'shared', 1));
    expect(projectId('sp', 3)).toBe('sp:project:3');
  });

  it('summarises an entry without notes, custom fields or raw URL text', () => {
    const summary = toEntrySummary(ENTRY, 'http://www.fictionalgadgetsite.com/wp-admin');
    expect(summary).toEqual({
      id: 'tpm-1:shared:68',
      sourceId: 'tpm-1',
      kind: 'shared',
      name: 'Wordpress admin',
      username: 'admin_sg',
      url: 'http://www.fictionalgadgetsite.com/wp-admin',
      projectPath: ['www.fictionalgadgetsite.com'],
      tags: ['wordpress'],
      favorite: true,
      archived: false,
      lockedType: 0,
      expiryStatus: 0,
      hasOtp: false,
    });
    expect(Object.keys(toEntrySummary({ ...ENTRY, username: undefined }))).not.toContain('username');
  });

  it('accepts a well-formed entry and rejects damaged ones', () => {
    expect(isEntry(ENTRY)).toBe(true);
    expect(isEntry({ ...ENTRY, remoteId: '68' })).toBe(false);
    expect(isEntry({ ...ENTRY, lockedType: 3 })).toBe(false);
    expect(isEntry({ ...ENTRY, urls: 'x' })).toBe(false);
    expect(isEntry({ ...ENTRY, customFieldLabels: [{ label: 'x' }] })).toBe(false);
    expect(isEntry(null)).toBe(false);
  });

  it('accepts a well-formed project and rejects damaged ones', () => {
    const project = { id: 'a:project:1', sourceId: 'a', remoteId: 1, name: 'Root', path: ['Root'] };
    expect(isProject(project)).toBe(true);
    expect(isProject({ ...project, path: 'Root' })).toBe(false);
    expect(isProject({ ...project, canCreate: 'yes' })).toBe(false);
  });
});
