import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { SchemaError } from '../../../../src/errors';
import {
  countSchema,
  meSchema,
  projectNodeSchema,
  projectSchema,
  projectSummarySchema,
  versionSchema,
} from '../../../../src/api/tpm/schemas';
import { myPasswordSchema, myPasswordSummarySchema, passwordSchema, passwordSummarySchema } from '../../../../src/api/tpm/password-schemas';
import { parseTpm } from '../../../../src/api/tpm/schema-fields';
import { fixture } from './fixtures';

const list = <S extends v.GenericSchema>(s: S) => v.array(s);

describe('normalisation of the recorded real (v4) responses', () => {
  it.each([
    'passwords.json',
    'passwords/archived.json',
    'passwords/favorite.json',
    'passwords/search/backup.json',
    'passwords/search/dns.json',
    'projects/13/passwords.json',
    'projects/4/passwords.json',
  ])('parses the password list %s', (file) => {
    const items = parseTpm(list(passwordSummarySchema), fixture(file), 'list');
    expect(items.length).toBe((fixture(file) as unknown[]).length);
    for (const item of items) {
      expect(typeof item.id).toBe('number');
      if (item.project?.id !== undefined) expect(typeof item.project.id).toBe('number');
    }
  });

  it('turns string project ids of lists into numbers', () => {
    const [first] = parseTpm(list(passwordSummarySchema), fixture('passwords.json'), 'list');
    expect(first).toMatchObject({
      id: 68,
      project: { id: 18, name: 'www.fictionalgadgetsite.com' },
      tags: ['wordpress'],
      username: 'admin_sg',
      favorite: true,
    });
    expect(first.email).toBeUndefined();
    expect(first.notesSnippet).toBeUndefined();
    expect(first.urls).toEqual(['http://www.fictionalgadgetsite.com/wp-admin']);
    expect(first.locking).toBe('none');
    expect(first.expiryStatus).toBe('none');
    expect(first.hasPassword).toBeUndefined(); // a v5-only field stays absent on v4
  });

  it('accepts project objects without id (projects/{id}/passwords.json)', () => {
    const items = parseTpm(list(passwordSummarySchema), fixture('projects/13/passwords.json'), 'list');
    expect(items[0].project).toEqual({ id: undefined, name: 'Job search site campaign' });
  });

  it.each(['passwords/14.json', 'passwords/15.json', 'passwords/68.json'])('parses the password %s (num_files as a string)', (file) => {
    const raw = fixture(file) as { num_files: unknown; id: number };
    expect(typeof raw.num_files).toBe('string');
    const p = parseTpm(passwordSchema, raw, 'password');
    expect(p.id).toBe(raw.id);
    expect(p.numFiles).toBe(0);
    expect(p.customFields).toEqual([]);
    expect(p.userPermission).toEqual({ id: 30, label: 'PWD_PERM_MANAGE' });
    expect(p.externalUrl).toBeUndefined();
    expect(p.managedBy).toMatchObject({ id: 1, username: 'john', email: 'john@teampasswordmanager.com' });
  });

  it('splits tags and keeps parents', () => {
    const p = parseTpm(passwordSchema, fixture('passwords/14.json'), 'password');
    expect(p).toMatchObject({ tags: ['server', 'vps'], parents: [5, 10], project: { id: 10 }, password: 'fdaaidd3', urls: ['7.8.9.10'] });
    expect(p.notes).toBeUndefined();
    expect(p.expiryDate).toBeUndefined();
  });

  it('parses personal passwords, whose show id is a string', () => {
    const items = parseTpm(list(myPasswordSummarySchema), fixture('my_passwords.json'), 'list');
    expect(items.map((i) => i.id)).toEqual([4, 3, 2, 1]);
    expect(parseTpm(list(myPasswordSummarySchema), fixture('my_passwords/search/amazon.json'), 'list')[0].name).toBe('My Amazon');
    const one = parseTpm(myPasswordSchema, fixture('my_passwords/1.json'), 'password');
    expect(one).toMatchObject({ id: 1, name: 'MyPrivate', username: 'jonny', password: 'mysecret', tags: [], urls: [] });
    expect(parseTpm(myPasswordSchema, fixture('my_passwords/4.json'), 'password').id).toBe(4);
  });

  it.each(['projects.json', 'projects/archived.json', 'projects/favorite.json', 'projects/search/company.json'])(
    'parses the project list %s',
    (file) => {
      const items = parseTpm(list(projectSummarySchema), fixture(file), 'list');
      expect(items.length).toBeGreaterThan(0);
      expect(items.every((p) => typeof p.id === 'number' && Array.isArray(p.tags))).toBe(true);
    },
  );

  it('parses projects with null parents (root) and group permissions', () => {
    const root = parseTpm(projectSchema, fixture('projects/1.json'), 'project');
    expect(root).toMatchObject({ id: 1, parentId: 0, parents: [], isLeaf: false, userCanCreatePasswords: true, tags: ['client'] });
    const leaf = parseTpm(projectSchema, fixture('projects/13.json'), 'project');
    expect(leaf).toMatchObject({
      parentId: 4,
      parents: [1, 4],
      isLeaf: true,
      numPasswords: 8,
      userPermission: { id: 60, label: 'PRJ_PERM_MANAGE' },
    });
    expect(leaf.managedBy?.username).toBe('claire');
  });

  it('parses project trees', () => {
    const nodes = parseTpm(list(projectNodeSchema), fixture('projects/4/subprojects/new_pwd.json'), 'tree');
    expect(nodes[0]).toEqual({
      id: 13,
      name: 'Job search site campaign',
      hasChildren: false,
      favorite: false,
      archived: false,
      disabled: false,
      numPasswords: 8,
      numPasswordsBranch: 8,
    });
    expect(parseTpm(list(projectNodeSchema), fixture('projects/1/subprojects.json'), 'tree').map((n) => n.hasChildren)).toEqual([
      true,
      true,
      true,
    ]);
  });

  it('parses users/me with its string id', () => {
    const me = parseTpm(meSchema, fixture('users/me.json'), 'user');
    expect(me).toMatchObject({
      id: 1,
      username: 'john',
      role: 'Admin',
      readOnly: false,
      groups: [],
      email: 'john@teampasswordmanager.com',
    });
  });

  it('parses version.json with api_version as a string', () => {
    expect(parseTpm(versionSchema, fixture('version.json'), 'version')).toEqual({
      version: '7.73.146',
      versionDate: '2017-01-20',
      apiVersion: 4,
      latestVersion: undefined,
    });
    expect(parseTpm(versionSchema, fixture('version/check_latest.json'), 'version').latestVersion).toBe('7.73.146');
  });
});

describe('normalisation of v5 and edge values', () => {
  const item = {
    id: '7',
    name: 'Webmail',
    project: { id: '3', name: 'P' },
    notes_snippet: null,
    tags: ' a, b ,,c ',
    access_info: 'https://a.example.com, b.example.com:8443\nintranet',
    username: '',
    email: null,
    archived: 0,
    favorite: '1',
    num_files: '2',
    locked: true,
    locking_type: '2',
    expiry_date: '2024-01-31',
    expiry_status: '2',
    external_sharing: false,
    has_password: true,
    linked: false,
    project_archived: false,
    updated_on: '2024-01-01 10:00:00',
  };

  it('coerces ids/counters, drops empty values, splits tags and URLs', () => {
    const p = parseTpm(passwordSummarySchema, item, 'item');
    expect(p).toMatchObject({
      id: 7,
      project: { id: 3 },
      tags: ['a', 'b', 'c'],
      numFiles: 2,
      favorite: true,
      archived: false,
      hasPassword: true,
    });
    expect(p.urls).toEqual(['https://a.example.com', 'b.example.com:8443', 'intranet']);
    expect(p.username).toBeUndefined();
    expect(p.email).toBeUndefined();
  });

  it('maps expiry status and locking type', () => {
    const p = parseTpm(passwordSummarySchema, item, 'item');
    expect(p.expiryStatus).toBe('expired');
    expect(p.locking).toBe('permission');
    expect(parseTpm(passwordSummarySchema, { ...item, locking_type: 1, expiry_status: 1 }, 'item')).toMatchObject({
      locking: 'reason',
      expiryStatus: 'today',
    });
    expect(parseTpm(passwordSummarySchema, { ...item, expiry_status: 3 }, 'item').expiryStatus).toBe('soon');
    expect(parseTpm(passwordSummarySchema, { ...item, locked: false, locking_type: 0 }, 'item')).toMatchObject({
      locked: false,
      locking: 'none',
    });
    // v4 knows only `locked`; those locks ask for a reason.
    const { locking_type: _omit, ...v4 } = item;
    expect(parseTpm(passwordSummarySchema, v4, 'item').locking).toBe('reason');
  });

  it('normalises custom fields of every type, OTP codes included', () => {
    const raw = {
      ...(fixture('passwords/14.json') as object),
      custom_field1: { type: 'One Time Password', label: '2FA', data: '123456' },
      custom_field2: { type: 'Encrypted text', label: 'Secret', data: 's3cr3t' },
      custom_field3: { type: 'E-mail', label: 'Mail', data: 'a@b.c' },
      custom_field5: { type: 'Encrypted notes', label: 'N', data: 'n' },
      custom_field6: { type: 'Some future type', label: 'F', data: 'f' },
      custom_field7: { type: 'One Time Password', label: 'old server', data: 'JBSWY3DPEHPK3PXP', otp_value: '654321' },
      custom_field8: { type: 'Text', label: 'Empty', data: '' },
      custom_field10: { type: 'Password', label: 'PIN', data: 1234 },
    };
    const fields = parseTpm(passwordSchema, raw, 'password').customFields;
    expect(fields.map((f) => [f.index, f.kind, f.secret, f.value])).toEqual([
      [1, 'otp', true, '123456'],
      [2, 'encrypted_text', true, 's3cr3t'],
      [3, 'email', false, 'a@b.c'],
      [5, 'encrypted_notes', true, 'n'],
      [6, 'text', false, 'f'],
      [7, 'otp', true, '654321'],
      [8, 'text', false, undefined],
      [10, 'password', true, '1234'],
    ]);
    expect(fields[4].rawType).toBe('Some future type');
  });

  it('reads counts', () => {
    expect(parseTpm(countSchema, { num_items: '57', num_pages: 3, num_items_per_page: 20 }, 'count')).toEqual({
      numItems: 57,
      numPages: 3,
      numItemsPerPage: 20,
    });
  });

  it('rejects a wrong shape with a SchemaError naming the field, not its value', () => {
    const bad = () => parseTpm(passwordSummarySchema, { ...item, id: 'abc', name: 'secret-name' }, 'item');
    expect(bad).toThrow(SchemaError);
    expect(bad).toThrow(/field id/);
    expect(() => parseTpm(passwordSummarySchema, { ...item, id: 'hunter2' }, 'item')).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('hunter2') }),
    );
    expect(() => parseTpm(list(passwordSummarySchema), { error: true }, 'list')).toThrow(SchemaError);
    expect(() => parseTpm(passwordSummarySchema, { ...item, name: undefined }, 'item')).toThrow(/field name/);
  });

  it('marks the Read only role', () => {
    const me = parseTpm(
      meSchema,
      { ...(fixture('users/me.json') as object), role: 'Read only', groups: [{ id: '2', name: 'IT' }] },
      'user',
    );
    expect(me.readOnly).toBe(true);
    expect(me.groups).toEqual([{ id: 2, name: 'IT' }]);
  });
});
