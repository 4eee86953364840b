/**
 * Server answers as an attacker writes them: every TPM and sysPass normaliser, fed any JSON value (and near-valid
 * records with hostile field values), gives a clean record or a typed error, never an uncaught exception.
 */
import fc from 'fast-check';
import type * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import * as tpmSchemas from '../../../src/api/tpm/schemas';
import * as tpmPasswords from '../../../src/api/tpm/password-schemas';
import { parseTpm } from '../../../src/api/tpm/schema-fields';

const tpm = { ...tpmSchemas, ...tpmPasswords, parseTpm };
import { serverMessage, tpmError } from '../../../src/api/tpm/errors';
import * as sp from '../../../src/api/syspass/schemas';
import { formatHelp, mapRpcError, readRpcReply } from '../../../src/api/syspass/rpc';
import { TpmClient } from '../../../src/api/tpm/client';
import { SyspassClient } from '../../../src/api/syspass/client';
import { AppError, SchemaError, toErrorReply } from '../../../src/errors';
import { TpmSource } from '../../../src/vault/tpm-source';
import { SyspassSource } from '../../../src/vault/syspass-source';
import { isEntry, isProject } from '../../../src/vault/entry-guard';
import { limitEntry, LIMITS } from '../../../src/vault/entry-limits';

const RUNS = Number(process.env.FC_RUNS ?? 300);
fc.configureGlobal({ endOnFailure: process.env.FC_SHRINK !== '1' });

/** Values an attacker (or a broken PHP driver) puts in a field. */
const hostileScalar = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1.5, 1e308, -0, '', ' ', '0', '1', '18', ' 7 ', '-3', '1e3', 'NaN', 'true', '[]', '{}'),
  fc.constantFrom('<img src=x onerror="globalThis.pwned=1">', 'javascript:alert(1)', '\u202Egnp.exe', '\u0000', '\uD800', 'a'.repeat(5000)),
  fc.string(),
  fc.integer(),
  fc.double(),
);
const hostileValue = fc.oneof(hostileScalar, fc.jsonValue({ maxDepth: 2 }));

/** A record that has the schema's keys (so the normaliser gets deep), with hostile values. */
function nearValid(keys: readonly string[]) {
  return fc.oneof(
    fc.jsonValue({ maxDepth: 3 }),
    fc.record(Object.fromEntries(keys.map((k) => [k, hostileValue])), { requiredKeys: [] }),
    fc.record(Object.fromEntries(keys.map((k) => [k, hostileScalar]))),
  );
}

/** Asserts `run` returns or throws a typed error (AppError, SchemaError for shapes); counts the outcomes. */
function typedOnly(run: () => unknown, counts: { ok: number; rejected: number }): unknown {
  try {
    const out = run();
    counts.ok++;
    return out;
  } catch (error) {
    if (!(error instanceof AppError)) throw new Error(`untyped ${String(error)}`);
    counts.rejected++;
    return undefined;
  }
}

const SUMMARY_KEYS = [
  'id',
  'name',
  'project',
  'notes_snippet',
  'tags',
  'access_info',
  'username',
  'email',
  'archived',
  'favorite',
  'locked',
  'locking_type',
  'expiry_status',
  'has_password',
  'updated_on',
];
const PASSWORD_KEYS = [
  ...SUMMARY_KEYS,
  'password',
  'notes',
  'parents',
  'user_permission',
  'managed_by',
  'custom_field1',
  'custom_field2',
  'custom_field10',
];

const TPM_SCHEMAS: [string, v.GenericSchema, string[]][] = [
  ['passwordSummary', tpm.passwordSummarySchema, SUMMARY_KEYS],
  ['password', tpm.passwordSchema, PASSWORD_KEYS],
  [
    'myPasswordSummary',
    tpm.myPasswordSummarySchema,
    ['id', 'name', 'notes_snippet', 'tags', 'access_info', 'username', 'email', 'has_password', 'updated_on'],
  ],
  ['myPassword', tpm.myPasswordSchema, ['id', 'name', 'password', 'notes', 'access_info', 'created_by']],
  ['projectSummary', tpm.projectSummarySchema, ['id', 'name', 'tags', 'archived', 'favorite', 'managed_by']],
  ['project', tpm.projectSchema, ['id', 'name', 'parent_id', 'parents', 'user_permission', 'is_leaf', 'num_passwords']],
  ['projectNode', tpm.projectNodeSchema, ['id', 'name', 'has_children', 'num_pwds', 'num_pwds_branch']],
  ['me', tpm.meSchema, ['id', 'username', 'name', 'role', 'groups', 'is_active']],
  ['version', tpm.versionSchema, ['version', 'version_date', 'api_version']],
  ['count', tpm.countSchema, ['num_items', 'num_pages', 'num_items_per_page']],
  ['created', tpm.createdSchema, ['id']],
  ['generated', tpm.generatedPasswordSchema, ['password']],
];

const SP_ACCOUNT_KEYS = [
  'id',
  'name',
  'login',
  'url',
  'notes',
  'clientId',
  'clientName',
  'categoryId',
  'categoryName',
  'userId',
  'isPrivate',
  'parentId',
  'passDate',
  'dateEdit',
];
const SP_SCHEMAS: [string, v.GenericSchema, string[]][] = [
  ['account', sp.AccountRowSchema, SP_ACCOUNT_KEYS],
  ['accountDetails', sp.AccountDetailsSchema, [...SP_ACCOUNT_KEYS, 'dateAdd', 'countDecrypt', 'userEditName']],
  ['password', sp.PasswordSchema, ['password']],
  ['rpcReply', sp.RpcReplySchema, ['jsonrpc', 'result', 'error', 'id']],
];

describe('TPM normalisers under hostile JSON', () => {
  for (const [name, schema, keys] of TPM_SCHEMAS) {
    it(`${name}: any JSON value gives a record or a SchemaError`, () => {
      const counts = { ok: 0, rejected: 0 };
      fc.assert(
        fc.property(nearValid(keys), (data) => {
          try {
            tpm.parseTpm(schema, data, name);
            counts.ok++;
          } catch (error) {
            expect(error).toBeInstanceOf(SchemaError);
            counts.rejected++;
          }
        }),
        { numRuns: RUNS },
      );
      expect(counts.rejected).toBeGreaterThan(0);
    });
  }

  it('never gives a non-integer id (the cache would refuse the whole source)', () => {
    fc.assert(
      fc.property(nearValid(SUMMARY_KEYS), fc.double({ noNaN: true }), (data, id) => {
        const input = typeof data === 'object' && data !== null && !Array.isArray(data) ? { ...data, id } : { id, name: 'x' };
        try {
          const out = tpm.parseTpm(tpm.passwordSummarySchema, input, 'list') as { id: number };
          expect(Number.isSafeInteger(out.id)).toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(SchemaError);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('error bodies: any status and text give an AppError, with a bounded message', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 100, max: 599 }),
        fc.oneof(
          fc.string(),
          fc.jsonValue({ maxDepth: 3 }).map((j) => JSON.stringify(j)),
          fc.constant(JSON.stringify({ message: 'x'.repeat(1_000_000) })),
        ),
        (status, text) => {
          expect(() => serverMessage(text)).not.toThrow();
          const error = tpmError(status, text);
          expect(error).toBeInstanceOf(AppError);
          expect(toErrorReply(error).message.length).toBeLessThanOrEqual(LIMITS.errorMessage);
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe('sysPass normalisers under hostile JSON', () => {
  for (const [name, schema, keys] of SP_SCHEMAS) {
    it(`${name}: any JSON value gives a record or a SchemaError`, () => {
      const counts = { ok: 0, rejected: 0 };
      fc.assert(
        fc.property(nearValid(keys), (data) => {
          typedOnly(() => sp.parseWith(schema, data, name), counts);
        }),
        { numRuns: RUNS },
      );
      expect(counts.rejected).toBeGreaterThan(0);
    });
  }

  it('lists: arrays of hostile rows give rows or a SchemaError', () => {
    const counts = { ok: 0, rejected: 0 };
    for (const schema of [sp.AccountRowsSchema, sp.CategoryRowsSchema, sp.ClientRowsSchema, sp.TagRowsSchema]) {
      fc.assert(
        fc.property(fc.array(nearValid(SP_ACCOUNT_KEYS), { maxLength: 5 }), (rows) => {
          typedOnly(() => sp.parseWith(schema, rows, 'list'), counts);
        }),
        { numRuns: Math.ceil(RUNS / 3) },
      );
    }
    expect(counts.ok + counts.rejected).toBeGreaterThan(0);
  });

  it('replies: any body text and status give an outcome or an AppError; errors map to typed codes', () => {
    const counts = { ok: 0, rejected: 0 };
    const body = fc.oneof(
      fc.string(),
      fc.jsonValue({ maxDepth: 3 }).map((j) => JSON.stringify(j)),
      fc
        .record({
          jsonrpc: fc.constant('2.0'),
          error: fc.record({ code: hostileScalar, message: hostileScalar, data: hostileValue }, { requiredKeys: [] }),
          id: hostileValue,
        })
        .map((j) => JSON.stringify(j)),
      fc
        .record({
          jsonrpc: fc.constant('2.0'),
          result: fc.record({ itemId: hostileScalar, result: hostileValue, count: hostileScalar }, { requiredKeys: [] }),
        })
        .map((j) => JSON.stringify(j)),
    );
    fc.assert(
      fc.property(fc.integer({ min: 100, max: 599 }), body, (status, text) => {
        const outcome = typedOnly(() => readRpcReply(status, text), counts) as ReturnType<typeof readRpcReply> | undefined;
        if (outcome && !outcome.ok) {
          const error = mapRpcError(outcome.error);
          expect(error).toBeInstanceOf(AppError);
          expect(toErrorReply(error).message.length).toBeLessThanOrEqual(LIMITS.errorMessage);
        }
        expect(() => formatHelp(safeJson(text))).not.toThrow();
      }),
      { numRuns: RUNS },
    );
    expect(counts.rejected).toBeGreaterThan(0);
  });
});

function safeJson(text: string): unknown {
  try {
    return (JSON.parse(text) as { error?: { data?: unknown } })?.error?.data;
  } catch {
    return undefined;
  }
}

describe('from a hostile server to vault entries', () => {
  const row = fc.oneof(
    nearValid(SUMMARY_KEYS),
    fc.record({
      id: fc.integer({ min: 1, max: 1e6 }),
      name: fc.string(),
      access_info: fc.oneof(fc.string(), fc.constant('javascript:alert(1)')),
      notes_snippet: fc.string({ maxLength: 3000 }),
      tags: fc.string(),
      username: fc.string(),
    }),
  );

  it('TPM: a sync gives valid, size-capped entries or a typed error', async () => {
    const counts = { ok: 0, rejected: 0 };
    await fc.assert(
      fc.asyncProperty(fc.array(row, { maxLength: 4 }), fc.array(hostileValue, { maxLength: 2 }), async (rows, projects) => {
        const fetch = async (url: string) => {
          const text = url.includes('/count')
            ? JSON.stringify({ num_items: rows.length, num_pages: 1, num_items_per_page: 20 })
            : url.includes('subprojects')
              ? JSON.stringify(projects)
              : url.includes('version')
                ? JSON.stringify({ version: '12', api_version: '5' })
                : JSON.stringify(rows);
          return new Response(text, { status: 200 });
        };
        const client = new TpmClient({
          baseUrl: 'https://tpm.example',
          auth: { kind: 'basic', username: 'u', password: 'p' },
          fetch,
          apiVersion: 'v5',
          retries: 0,
        });
        const source = new TpmSource('s1', client);
        try {
          const { entries, projects: tree } = await source.list();
          counts.ok++;
          for (const entry of entries.map(limitEntry)) {
            expect(isEntry(entry)).toBe(true);
            expect(entry.name.length).toBeLessThanOrEqual(LIMITS.name);
            expect(entry.notesSnippet?.length ?? 0).toBeLessThanOrEqual(LIMITS.notesSnippet);
          }
          for (const p of tree) expect(isProject(p)).toBe(true);
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          counts.rejected++;
        }
      }),
      { numRuns: Math.ceil(RUNS / 3) },
    );
    expect(counts.ok).toBeGreaterThan(0);
  });

  it('sysPass: a sync gives valid entries or a typed error', async () => {
    const counts = { ok: 0, rejected: 0 };
    await fc.assert(
      fc.asyncProperty(fc.array(nearValid(SP_ACCOUNT_KEYS), { maxLength: 4 }), async (rows) => {
        let calls = 0;
        const fetch = async (_url: string, init: RequestInit) => {
          const method = (JSON.parse(String(init.body)) as { method: string }).method;
          calls++;
          const result = method === 'account/search' && calls < 3 ? rows : [];
          return new Response(
            JSON.stringify({ jsonrpc: '2.0', result: { itemId: 0, result, count: Array.isArray(result) ? result.length : 0 }, id: 1 }),
            { status: 200 },
          );
        };
        const client = new SyspassClient({ baseUrl: 'https://sp.example', authToken: 't', tokenPassword: 'p', fetch });
        const source = new SyspassSource('s2', client, 'https://sp.example');
        try {
          const { entries } = await source.list();
          counts.ok++;
          for (const entry of entries.map(limitEntry)) expect(isEntry(entry)).toBe(true);
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          counts.rejected++;
        }
      }),
      { numRuns: Math.ceil(RUNS / 3) },
    );
    expect(counts.ok + counts.rejected).toBeGreaterThan(0);
  });

  it('caps every shown and cached text of an entry', () => {
    const big = 'x'.repeat(1_000_000);
    const entry = limitEntry({
      id: 's:shared:1',
      sourceId: 's',
      remoteId: 1,
      kind: 'shared',
      name: big,
      username: big,
      email: big,
      urls: Array(500).fill(big),
      tags: Array(500).fill(big),
      projectPath: Array(100).fill(big),
      notesSnippet: big,
      favorite: false,
      archived: false,
      lockedType: 0,
      customFieldLabels: Array(50).fill({ label: big, type: big, secret: false }),
      hasOtp: false,
      expiryDate: big,
      updatedAt: big,
    });
    expect(JSON.stringify(entry).length).toBeLessThan(100 * 1024);
    expect(isEntry(entry)).toBe(true);
  });
});
