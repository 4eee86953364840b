/**
 * The TPM API version found on each server, by base URL, in `storage.session`: the worker restarts often (MV3), and
 * each start would otherwise ask `version.json` on v6, v5 and v4 in turn. Not a secret; a server upgraded while the
 * browser runs is found again when the remembered version stops answering.
 */
import * as v from 'valibot';
import { TPM_API_VERSIONS, type VersionMemory } from '../../api/tpm/connection';
import browser from '../../browser';

const KEY = 'tpmApiVersions';
const stored = v.record(v.string(), v.picklist(TPM_API_VERSIONS));

async function all(): Promise<v.InferOutput<typeof stored>> {
  const parsed = v.safeParse(stored, (await browser.storage.session.get(KEY))[KEY]);
  return parsed.success ? parsed.output : {};
}

export const tpmVersions: VersionMemory = {
  async get(baseUrl) {
    return (await all())[baseUrl];
  },
  async set(baseUrl, version) {
    await browser.storage.session.set({ [KEY]: { ...(await all()), [baseUrl]: version } });
  },
};
