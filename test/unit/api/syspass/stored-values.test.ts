// The client's prediction of what sysPass stores, checked against every recorded write: what the server answered
// (or showed in the read-back that followed) must be what the client predicted, and every refusal must be predicted.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { predictField, predictPassword, type SyspassTextField } from '../../../../src/api/syspass/stored-values';
import { predictSyspassString } from '../../../../src/api/syspass/string-filter';

const FIXTURES = resolve(dirname(fileURLToPath(import.meta.url)), '../../../fixtures/syspass');
const read = (name: string) => JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as Record<string, any>;
const cases = readdirSync(FIXTURES)
  .filter((n) => n.endsWith('.request.json') && existsSync(join(FIXTURES, n.replace('.request.json', '.response.json'))))
  .map((n) => n.replace('.request.json', ''));
const TEXT: SyspassTextField[] = ['name', 'login', 'url', 'notes'];

/** The password the recording read back right after a write, if it did. */
function passwordAfter(name: string): string | undefined {
  const after = name.replace(/^account-/, 'account-viewPass-after-');
  return existsSync(join(FIXTURES, `${after}.response.json`)) ? read(`${after}.response.json`).result?.result?.password : undefined;
}

describe('the prediction of what sysPass stores, against the recordings', () => {
  it('predicts every stored text field, every read-back password and every refusal of the account writes', () => {
    let compared = 0;
    for (const name of cases) {
      const { method, params } = read(`${name}.request.json`);
      if (!['account/create', 'account/edit', 'account/editPass'].includes(method)) continue;
      const reply = read(`${name}.response.json`);
      const fields = method === 'account/editPass' ? [] : TEXT.filter((f) => typeof params[f] === 'string');
      const predicted = fields.map((f) => ({ f, ...predictField(f, params[f]) }));
      const password =
        typeof params.pass === 'string' ? predictPassword(params.pass, method === 'account/create' ? 'create' : 'editPass') : undefined;
      const problems = [...predicted.map((p) => p.problem), password?.problem].filter(Boolean);
      if (reply.error) {
        // -32602 missing parameters, and an unknown account: nothing to predict
        if (reply.error.code !== 0 || (reply.error.message !== 'Internal error' && !reply.error.data)) continue;
        compared++;
        // "Internal error" is the password size; an SQL error names the column the prediction refuses.
        if (reply.error.message === 'Internal error')
          expect(password?.problem, name).toMatchObject({ kind: 'too_long', field: 'password' });
        else
          expect(
            problems.map((p) => p!.field),
            name,
          ).toContain(/column [`']?(?:\w+`\.`\w+`\.`)?(\w+)/.exec(reply.error.message)![1]);
        continue;
      }
      expect(problems, name).toEqual([]);
      const stored = reply.result.result;
      for (const p of predicted) {
        expect(p.stored, `${name} ${p.f}`).toBe(stored[p.f]);
        compared++;
      }
      const back = passwordAfter(name);
      if (back !== undefined && password) {
        expect(password.stored, `${name} password`).toBe(back);
        compared++;
      }
    }
    expect(compared).toBeGreaterThanOrEqual(60);
  });

  it('predicts the filter on the other items (categories, clients, tags)', () => {
    let compared = 0;
    for (const name of cases) {
      const { method, params } = read(`${name}.request.json`);
      const reply = read(`${name}.response.json`);
      if (!/^(category|client|tag)\/(create|edit)$/.test(method) || reply.error) continue;
      for (const key of ['name', 'description']) {
        if (typeof params[key] !== 'string') continue;
        expect(predictSyspassString(params[key]).stored, `${name} ${key}`).toBe(reply.result.result[key]);
        compared++;
      }
    }
    expect(compared).toBeGreaterThanOrEqual(8);
  });

  it('says what the filter removes: trimmed edges and each tag-like part', () => {
    expect(predictSyspassString('Intra < new 2')).toEqual({
      stored: 'Intra ',
      trimmedStart: 0,
      trimmedEnd: 0,
      removed: [{ from: 6, to: 13 }],
    });
    expect(predictSyspassString('  x < y > z ')).toEqual({ stored: 'x  z', trimmedStart: 2, trimmedEnd: 1, removed: [{ from: 2, to: 7 }] });
    expect(predictSyspassString('a <> b')).toMatchObject({ stored: 'a  b', removed: [{ from: 2, to: 4 }] });
    expect(predictSyspassString('5 > 3')).toMatchObject({ stored: '5 > 3', removed: [] });
    expect(predictSyspassString('a\0b')).toMatchObject({ stored: 'ab', removed: [{ from: 1, to: 2 }] });
  });
});
