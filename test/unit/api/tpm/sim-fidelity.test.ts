/**
 * Replays the requests of the recorded real responses (fixtures/tpm, TPM 7.73.146, API v4) against the simulator
 * on v4 and checks that every answer has the same fields with the same JSON types (string ids where the real
 * server sends strings, and so on).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basicAuthorization } from '../../../../src/api/tpm/auth';
import { DEMO_USERS } from '../../../sim/tpm/seed';
import { startTpmSim, type TpmSim } from '../../../sim/tpm/server';
import { fixture } from './fixtures';

type JsonType = 'null' | 'string' | 'number' | 'boolean' | 'array' | 'object';
interface Shape {
  types: Set<JsonType>;
  keys?: Map<string, Shape>;
  items?: Shape;
}

const typeOf = (v: unknown): JsonType => (v === null ? 'null' : Array.isArray(v) ? 'array' : (typeof v as JsonType));

/** The merged shape of several values (e.g. all items of a list). */
function shapeOf(values: unknown[], into: Shape = { types: new Set() }): Shape {
  for (const value of values) {
    const t = typeOf(value);
    into.types.add(t);
    if (t === 'object') {
      into.keys ??= new Map();
      for (const [k, v] of Object.entries(value as object)) into.keys.set(k, shapeOf([v], into.keys.get(k)));
    }
    if (t === 'array') into.items = shapeOf(value as unknown[], into.items);
  }
  return into;
}

/** Fields the fixtures only show as `null` but which hold a value when set (fixtures/README §3). */
const NULLABLE: Record<string, JsonType> = {
  expiry_date: 'string',
  external_url: 'string',
  users_permissions: 'array',
  groups_permissions: 'array',
  parents: 'array',
  groups: 'array',
  ...Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`custom_field${i + 1}`, 'object'])),
};

function compare(expected: Shape, actual: unknown, path: string, key: string, errors: string[]): void {
  const t = typeOf(actual);
  const allowed = new Set(expected.types);
  if (key in NULLABLE) allowed.add('null').add(NULLABLE[key]);
  if (!allowed.has(t)) {
    errors.push(`${path}: ${t}, real server sends ${[...expected.types].join('|')}`);
    return;
  }
  if (t === 'object' && expected.keys) {
    const got = Object.keys(actual as object);
    for (const k of expected.keys.keys()) if (!got.includes(k)) errors.push(`${path}.${k}: missing`);
    for (const k of got) {
      const sub = expected.keys.get(k);
      if (!sub) errors.push(`${path}.${k}: not sent by the real server`);
      else compare(sub, (actual as Record<string, unknown>)[k], `${path}.${k}`, k, errors);
    }
  }
  if (t === 'array' && expected.items)
    (actual as unknown[]).forEach((item, i) => compare(expected.items!, item, `${path}[${i}]`, key, errors));
}

let sim: TpmSim;
beforeAll(async () => {
  sim = await startTpmSim({ entries: 200, version: 'v4' });
});
afterAll(() => sim.close());

async function get(path: string): Promise<{ status: number; raw: string; json: unknown }> {
  const res = await fetch(`${sim.url}/index.php/api/v4/${path}`, {
    headers: { Authorization: basicAuthorization('admin', DEMO_USERS.admin.password), 'Content-Type': 'application/json; charset=utf-8' },
  });
  const raw = await res.text();
  return { status: res.status, raw, json: JSON.parse(raw) };
}

const projectNamed = (name: string) => [...sim.state.projects.values()].find((p) => p.name === name)!.id;
const nested = () => [...sim.state.projects.values()].find((p) => p.parentId !== 0 && sim.state.childrenOf(p.id).length > 0)!.id;
const leaf = () =>
  [...sim.state.projects.values()].find((p) => p.parentId !== 0 && sim.state.childrenOf(p.id).length === 0 && !p.archived)!.id;
const plainPassword = () => [...sim.state.passwords.values()].find((p) => p.lockingType === 0 && p.custom.every((c) => c === null))!.id;
const adminMyPassword = () => sim.state.demo.myPasswordId;

/** fixture file → the simulator request that answers the same question. */
const CASES: [string, () => string][] = [
  ['passwords.json', () => 'passwords.json'],
  ['passwords/14.json', () => `passwords/${plainPassword()}.json`],
  ['passwords/68.json', () => `passwords/${sim.state.demo.otpId}.json`],
  ['passwords/archived.json', () => 'passwords/archived.json'],
  ['passwords/favorite.json', () => 'passwords/favorite.json'],
  ['passwords/search/backup.json', () => 'passwords/search/a.json'],
  ['passwords/search/dns.json', () => 'passwords/search/access%3Agithub.json'],
  ['passwords/14/security.json', () => `passwords/${plainPassword()}/security.json`],
  ['my_passwords.json', () => 'my_passwords.json'],
  ['my_passwords/1.json', () => `my_passwords/${adminMyPassword()}.json`],
  ['my_passwords/4.json', () => `my_passwords/${adminMyPassword()}.json`],
  ['my_passwords/search/amazon.json', () => 'my_passwords/search/my.json'],
  ['projects.json', () => 'projects.json'],
  ['projects/1.json', () => `projects/${projectNamed('Clients')}.json`],
  ['projects/4.json', () => `projects/${nested()}.json`],
  ['projects/13.json', () => `projects/${leaf()}.json`],
  ['projects/1/subprojects.json', () => `projects/${projectNamed('Clients')}/subprojects.json`],
  ['projects/4/subprojects.json', () => `projects/${projectNamed('Infrastructure')}/subprojects.json`],
  ['projects/4/subprojects/new_pwd.json', () => `projects/${projectNamed('Clients')}/subprojects/new_pwd.json`],
  ['projects/13/passwords.json', () => `projects/${sim.state.demo.sharedProjectId}/passwords.json`],
  ['projects/archived.json', () => 'projects/archived.json'],
  ['projects/favorite.json', () => 'projects/favorite.json'],
  ['projects/search/company.json', () => 'projects/search/shared.json'],
  ['projects/1/security.json', () => `projects/${projectNamed('Clients')}/security.json`],
  ['users.json', () => 'users.json'],
  ['users/1.json', () => 'users/1.json'],
  ['users/me.json', () => 'users/me.json'],
  ['groups.json', () => 'groups.json'],
  ['groups/1.json', () => 'groups/1.json'],
  ['version.json', () => 'version.json'],
  ['version/check_latest.json', () => 'version/check_latest.json'],
  ['generate_password.json', () => 'generate_password.json'],
];

describe('simulator fidelity to the recorded v4 responses', () => {
  it.each(CASES)('%s: same fields, same JSON types', async (file, request) => {
    const real = fixture(file);
    const { status, json } = await get(request());
    expect(status).toBe(200);
    expect(typeOf(json)).toBe(typeOf(real));
    if (Array.isArray(json)) expect(json.length).toBeGreaterThan(0);
    const errors: string[] = [];
    compare(shapeOf(Array.isArray(real) ? [real] : [real]), json, file, '', errors);
    expect(errors).toEqual([]);
  });

  it('keeps the quirks: string ids in lists, num_files as a string in show, project without id in project lists', async () => {
    const list = (await get('passwords.json')).json as { project: { id: unknown } }[];
    expect(typeof list[0].project.id).toBe('string');
    const show = (await get(`passwords/${plainPassword()}.json`)).json as { num_files: unknown; project: { id: unknown } };
    expect(typeof show.num_files).toBe('string');
    expect(typeof show.project.id).toBe('number');
    const inProject = (await get(`projects/${sim.state.demo.sharedProjectId}/passwords.json`)).json as { project: object }[];
    expect(Object.keys(inProject[0].project)).toEqual(['name']);
    expect(typeof ((await get(`my_passwords/${adminMyPassword()}.json`)).json as { id: unknown }).id).toBe('string');
    expect(typeof ((await get('users/me.json')).json as { id: unknown }).id).toBe('string');
    expect(((await get('version.json')).json as { api_version: unknown }).api_version).toBe('4');
  });

  it('escapes slashes and non-ASCII like PHP json_encode', async () => {
    const { raw, json } = await get('passwords.json');
    expect(raw).toContain(':\\/\\/');
    expect(raw).not.toMatch(/[^\x00-\x7f]/);
    expect(JSON.stringify(json)).toContain('://');
  });

  it('answers a project without passwords with [] like the real server', async () => {
    const res = await fetch(`${sim.url}/index.php/api/v4/projects.json`, {
      method: 'POST',
      headers: { Authorization: basicAuthorization('admin', DEMO_USERS.admin.password), 'Content-Type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ name: 'Empty project', parent_id: 0 }),
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: number };
    expect(fixture('projects/4/passwords.json')).toEqual([]);
    expect((await get(`projects/${id}/passwords.json`)).json).toEqual([]);
  });

  it('detects a type or field difference (the comparison can fail)', () => {
    const real = fixture('passwords/14.json') as Record<string, unknown>;
    const errors: string[] = [];
    compare(shapeOf([real]), { ...real, num_files: 0, extra: 1, project: { id: '10', name: 'x' } }, 'p', '', errors);
    expect(errors.sort()).toEqual([
      'p.extra: not sent by the real server',
      'p.num_files: number, real server sends string',
      'p.project.id: string, real server sends number',
    ]);
  });
});
