/** A vault entry for unit tests: a shared, unlocked entry without URLs or extras, with `fields` over it. */
import type { Entry } from '../../src/vault/entry';

export function testEntry(fields: Pick<Entry, 'id' | 'sourceId' | 'name'> & Partial<Entry>): Entry {
  return {
    remoteId: 1,
    kind: 'shared',
    urls: [],
    tags: [],
    projectPath: [],
    favorite: false,
    archived: false,
    lockedType: 0,
    customFieldLabels: [],
    hasOtp: false,
    ...fields,
  };
}
