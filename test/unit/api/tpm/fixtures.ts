/** Access to the recorded TPM responses (shared reference material, outside the repo). */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** `TPM_FIXTURES` overrides the default `../shared/fixtures/tpm` next to the repository. */
export const FIXTURES_DIR = process.env.TPM_FIXTURES ?? resolve(dirname(fileURLToPath(import.meta.url)), '../../../../../shared/fixtures/tpm');

if (!existsSync(FIXTURES_DIR)) throw new Error(`TPM fixtures not found at ${FIXTURES_DIR}; set TPM_FIXTURES.`);

export function fixtureText(path: string): string {
  return readFileSync(join(FIXTURES_DIR, path), 'utf8');
}

export function fixture(path: string): unknown {
  return JSON.parse(fixtureText(path));
}
