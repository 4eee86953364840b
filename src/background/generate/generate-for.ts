/**
 * Generates a password for a preset and a field: the TPM server's own generator when the user chose it (its
 * policy applies) and its answer fits the field, else the local generator, which honours the field's limits.
 */
import { AppError } from '../../errors';
import type { FieldConstraints, GeneratorProfile } from '../../messages';
import { fitsField } from '../../vault/fits-field';
import { generatePassword, type GeneratorOptions } from '../../vault/generator';
import { loadServers, loadSettings } from '../settings/config-store';
import { unlocked } from '../lock/keyring-session';
import { profileOptions, rememberProfile, resolveProfile, type ConcreteProfile } from './profiles';
import { sourceById } from '../vault/server-registry';
import { noteError } from '../diagnostics';

/** Called when the last-used preset changed (the context menu relabels "Like last time"). */
let onProfileChange: () => void = () => undefined;
export function whenProfileChanges(listener: () => void): void {
  onProfileChange = listener;
}

async function fromServer(constraints: FieldConstraints): Promise<string | undefined> {
  if (!(await unlocked())) return undefined;
  const tpm = (await loadServers()).find((s) => s.kind === 'tpm');
  if (!tpm) return undefined;
  try {
    const password = await (await sourceById(tpm.id))?.generate();
    return password && fitsField(password, constraints) ? password : undefined;
  } catch (error) {
    noteError('generate.server', error);
    return undefined; // offline or refused: the local generator still works
  }
}

export async function generateFor(
  profile: GeneratorProfile | undefined,
  constraints: FieldConstraints = {},
): Promise<{ password: string; from: 'server' | 'local' }> {
  const concrete: ConcreteProfile = await resolveProfile(profile);
  const { options, server } = profileOptions(concrete, (await loadSettings()).generator);
  if (await rememberProfile(concrete)) onProfileChange();
  const remote = server ? await fromServer(constraints) : undefined;
  if (remote) return { password: remote, from: 'server' };
  const field = { ...options };
  if (constraints.minLength !== undefined) field.minLength = constraints.minLength;
  if (constraints.maxLength !== undefined) field.maxLength = constraints.maxLength;
  if (constraints.pattern !== undefined) field.pattern = constraints.pattern;
  if (constraints.rules !== undefined) field.rules = constraints.rules;
  return { password: withinPattern(field), from: 'local' };
}

/**
 * A `pattern` may forbid a class the user's settings require (e.g. `[A-Za-z0-9]{10,14}` and symbols on): the
 * generator then finds no password. Fewer classes are tried, strongest first, before giving up.
 */
const NARROWER: Partial<GeneratorOptions>[] = [
  {},
  { symbols: false },
  { symbols: false, upper: false },
  { symbols: false, lower: false },
  { symbols: false, lower: false, upper: false, digits: true },
];

function withinPattern(options: GeneratorOptions): string {
  let failure: unknown;
  for (const narrower of options.pattern ? NARROWER : NARROWER.slice(0, 1)) {
    try {
      return generatePassword({ ...options, ...narrower });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      failure = error;
    }
  }
  throw failure;
}
