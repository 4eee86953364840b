/** Access to the recorded TPM responses (copied from the shared reference material into test/fixtures). */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** `TPM_FIXTURES` overrides the default `test/fixtures/tpm`. */
export const FIXTURES_DIR = process.env.TPM_FIXTURES ?? resolve(dirname(fileURLToPath(import.meta.url)), '../../../fixtures/tpm');

if (!existsSync(FIXTURES_DIR)) throw new Error(`TPM fixtures not found at ${FIXTURES_DIR}; set TPM_FIXTURES.`);

export function fixtureText(path: string): string {
  return readFileSync(join(FIXTURES_DIR, path), 'utf8');
}

export function fixture(path: string): unknown {
  return JSON.parse(fixtureText(path));
}
