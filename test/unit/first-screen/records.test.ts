import { describe, expect, it } from 'vitest';
import {
  packHead,
  packSiteRecord,
  packTabRecord,
  unpackHead,
  unpackSiteRecord,
  unpackTabRecord,
  type FirstScreenHead,
} from '../../../src/first-screen/records';
import type { EntrySummary } from '../../../src/messages';

const plain: EntrySummary = {
  id: 's:shared:1',
  sourceId: 's',
  kind: 'shared',
  name: 'Shop',
  projectPath: [],
  tags: [],
  favorite: false,
  archived: false,
  lockedType: 0,
  hasOtp: false,
};
const rich: EntrySummary = {
  ...plain,
  id: 's:shared:2',
  name: 'Bank',
  username: 'ann',
  email: 'ann@example.com',
  url: 'https://bank.example/login',
  projectPath: ['Clients', 'Bank'],
  tags: ['finance'],
  favorite: true,
  lockedType: 1,
  hasOtp: true,
  expiryStatus: 0,
};

describe('stored first screen records', () => {
  it('round-trips site records, usual values included', () => {
    const entries = [
      { urls: ['https://shop.example'], summary: plain },
      { urls: ['bank.example, *.bank.example'], summary: rich },
    ];
    const packed = packSiteRecord('g1', entries);
    expect(unpackSiteRecord(packed, 'g1')).toEqual(entries);
    // The usual values are left out of what is stored.
    expect(packed).not.toContain('"archived":false');
  });

  it('ignores records of another generation and anything not written by the worker', () => {
    expect(unpackSiteRecord(packSiteRecord('old', []), 'new')).toBeUndefined();
    for (const junk of [undefined, 42, '{', '{"generation":"g1"}', { generation: 'g1', entries: [] }])
      expect(unpackSiteRecord(junk, 'g1')).toBeUndefined();
  });

  it("round-trips a tab's record for its tab and page only, and only with the head it was matched with", () => {
    const records = {
      '7': packTabRecord('s1', 'https://bank.example/login#top', [rich, plain]),
      '8': packTabRecord('s1', 'https://other.example/', [plain]),
    };
    expect(unpackTabRecord(records, 7, 's1', 'https://bank.example/login')).toEqual([rich, plain]);
    expect(unpackTabRecord(records, 8, 's1', 'https://other.example/')).toEqual([plain]);
    // Another fragment is the same page; another path or query is not (path rules and ranking depend on it).
    expect(unpackTabRecord(records, 7, 's1', 'https://bank.example/login#other')).toEqual([rich, plain]);
    expect(unpackTabRecord(records, 7, 's1', 'https://bank.example/login?next=1')).toBeUndefined();
    expect(unpackTabRecord(records, 7, 's1', 'https://evil.example/login')).toBeUndefined();
    expect(unpackTabRecord(records, 7, 's2', 'https://bank.example/login')).toBeUndefined();
    // Another tab, or no tab known: no record.
    expect(unpackTabRecord(records, 9, 's1', 'https://bank.example/login')).toBeUndefined();
    expect(unpackTabRecord(records, undefined, 's1', 'https://bank.example/login')).toBeUndefined();
    for (const junk of [
      undefined,
      7,
      '[',
      '{"stamp":"s1","url":"https://bank.example/login"}',
      { stamp: 's1', url: 'https://bank.example/login', site: [] },
    ]) {
      expect(unpackTabRecord({ '7': junk }, 7, 's1', 'https://bank.example/login')).toBeUndefined();
    }
    for (const junk of [undefined, null, 7, 'text', [records['7']]])
      expect(unpackTabRecord(junk, 7, 's1', 'https://bank.example/login')).toBeUndefined();
  });

  it('round-trips the head and refuses a malformed one', () => {
    const head: FirstScreenHead = {
      version: 1,
      state: { configured: true, hasPassphrase: true, locked: false, sources: [] },
      favorites: [rich],
      entries: [plain, rich],
      total: 2,
      defaultStrategy: 'domain',
      sites: 'g1',
      stamp: 's1',
    };
    expect(unpackHead(packHead(head))).toEqual(head);
    expect(packHead(head)).not.toContain('"archived":false');
    for (const junk of [
      undefined,
      'x',
      JSON.stringify({ ...head, version: 2 }),
      JSON.stringify({ ...head, entries: null }),
      JSON.stringify({ ...head, stamp: undefined }),
      head,
    ])
      expect(unpackHead(junk)).toBeUndefined();
  });
});
