/**
 * The organisation's policy (`storage.managed`) against the user's own settings: every key of the shipped schema
 * is honoured and wins over the user, bounds limit the user's choice, bad values are ignored, and no policy means
 * the user's settings as they are.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fakeBrowser } from '@webext-core/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('webextension-polyfill', () => ({ default: fakeBrowser }));

const { loadSettings, DEFAULT_SETTINGS } = await import('../../../../src/background/settings/config-store');
const { readPolicy } = await import('../../../../src/background/settings/managed-policy');
const { syncTiming } = await import('../../../../src/background/vault/sync-service');

const schema = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../../../public/managed-schema.json'), 'utf8')) as {
  properties: Record<string, unknown>;
};

/** The user's own choices, all different from the defaults and from the policies below. */
const own = {
  ...DEFAULT_SETTINGS,
  autoLockMinutes: 120,
  syncIntervalMinutes: 2,
  matchStrategy: 'exact' as const,
  fillOnLoad: true,
  clipboardClearSeconds: 90,
};

/** For each schema key: a policy that sets it, and what the user then gets. */
const cases: Record<string, { policy: Record<string, unknown>; check: () => Promise<void> }> = {
  servers: {
    policy: {
      servers: [
        { kind: 'tpm', name: 'Company TPM', baseUrl: 'https://tpm.example.com' },
        { kind: 'syspass', baseUrl: 'https://vault.example.com/syspass' },
      ],
    },
    check: async () =>
      expect((await readPolicy()).servers).toEqual([
        { kind: 'tpm', name: 'Company TPM', baseUrl: 'https://tpm.example.com' },
        { kind: 'syspass', name: 'vault.example.com', baseUrl: 'https://vault.example.com/syspass' },
      ]),
  },
  matchStrategy: { policy: { matchStrategy: 'host' }, check: async () => expect((await loadSettings()).matchStrategy).toBe('host') },
  autoLockMinutes: { policy: { autoLockMinutes: 5 }, check: async () => expect((await loadSettings()).autoLockMinutes).toBe(5) },
  maxAutoLockMinutes: { policy: { maxAutoLockMinutes: 30 }, check: async () => expect((await loadSettings()).autoLockMinutes).toBe(30) },
  syncIntervalMinutes: {
    policy: { syncIntervalMinutes: 45 },
    check: async () => expect((await loadSettings()).syncIntervalMinutes).toBe(45),
  },
  minSyncIntervalMinutes: {
    policy: { minSyncIntervalMinutes: 15 },
    check: async () => expect((await loadSettings()).syncIntervalMinutes).toBe(15),
  },
  clipboardClearSeconds: {
    policy: { clipboardClearSeconds: 10 },
    check: async () => expect((await loadSettings()).clipboardClearSeconds).toBe(10),
  },
  fillOnLoad: { policy: { fillOnLoad: false }, check: async () => expect((await loadSettings()).fillOnLoad).toBe(false) },
  fullSyncHours: { policy: { fullSyncHours: 3 }, check: async () => expect((await syncTiming()).fullMs).toBe(3 * 3_600_000) },
  missLookups: { policy: { missLookups: false }, check: async () => expect((await readPolicy()).missLookups).toBe(false) },
};

beforeEach(async () => {
  fakeBrowser.reset();
  await fakeBrowser.storage.local.set({ settings: own });
});

describe('the managed policy', () => {
  it('has a case here for every key of public/managed-schema.json', () => {
    expect(Object.keys(cases).sort()).toEqual(Object.keys(schema.properties).sort());
  });

  it.each(Object.keys(cases))('honours "%s" over the user’s own setting', async (key) => {
    await fakeBrowser.storage.managed.set(cases[key].policy);
    await cases[key].check();
  });

  it('leaves the user’s settings alone without a policy, also where managed storage throws', async () => {
    expect(await loadSettings()).toEqual(own);
    expect(await syncTiming()).toEqual({ probeMs: 2 * 60_000, fullMs: 8 * 3_600_000 });
    vi.spyOn(fakeBrowser.storage.managed, 'get').mockRejectedValueOnce(new Error('Managed storage manifest not found'));
    expect(await loadSettings()).toEqual(own);
  });

  it('bounds limit the user’s choice, and only where it lies outside them', async () => {
    await fakeBrowser.storage.managed.set({ minSyncIntervalMinutes: 15, maxAutoLockMinutes: 30 });
    await fakeBrowser.storage.local.set({ settings: { ...own, syncIntervalMinutes: 60, autoLockMinutes: 10 } });
    expect(await loadSettings()).toMatchObject({ syncIntervalMinutes: 60, autoLockMinutes: 10 });
    await fakeBrowser.storage.local.set({ settings: { ...own, autoLockMinutes: 0 } }); // "never" is beyond any maximum
    expect((await loadSettings()).autoLockMinutes).toBe(30);
  });

  it('ignores values that are not what the schema allows, and applies the rest', async () => {
    await fakeBrowser.storage.managed.set({
      matchStrategy: 'regex',
      autoLockMinutes: -5,
      syncIntervalMinutes: 1.5,
      clipboardClearSeconds: '10',
      fillOnLoad: 'yes',
      minSyncIntervalMinutes: 0,
      servers: [{ kind: 'tpm', baseUrl: 'javascript:alert(1)' }, { kind: 'other', baseUrl: 'https://x.example' }, 'junk'],
      maxAutoLockMinutes: 20,
      fullSyncHours: 0,
      missLookups: 'off',
    });
    expect(await loadSettings()).toEqual({ ...own, autoLockMinutes: 20 });
    expect(await readPolicy()).toEqual({ servers: [], settings: {}, maxAutoLockMinutes: 20 });
  });
});
