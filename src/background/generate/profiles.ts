/** The generator presets offered by the context menu and the popup, built on the user's generator settings. */
import browser from '../../browser';
import type { GeneratorProfile, Settings } from '../../messages';
import type { GeneratorOptions } from '../../vault/generator';

type Generator = Settings['generator'];
/** A concrete preset (`last` resolves to one of these). */
export type ConcreteProfile = Exclude<GeneratorProfile, 'last'>;

const LAST_KEY = 'generatorLastProfile';
const CONCRETE: readonly ConcreteProfile[] = ['default', 'passphrase', 'alnum', 'long'];

/** Local generator options of a preset; `server` says whether the server's generator may be asked first. */
export function profileOptions(profile: ConcreteProfile, settings: Generator): { options: GeneratorOptions; server: boolean } {
  const { useServer, ...base } = settings;
  switch (profile) {
    case 'passphrase':
      return { options: { ...base, mode: 'passphrase', words: 5, lower: true, upper: true, digits: true, symbols: false }, server: false };
    case 'alnum':
      return { options: { ...base, lower: true, upper: true, digits: true, symbols: false, avoidAmbiguous: true }, server: false };
    case 'long':
      return {
        options: { ...base, length: Math.max(32, base.length), lower: true, upper: true, digits: true, symbols: true },
        server: false,
      };
    default:
      return { options: base, server: useServer };
  }
}

/** A short description for "Like last time (…)". */
export function describeProfile(profile: ConcreteProfile, settings: Generator): string {
  const msg = (key: string, subs?: string | string[]) => browser.i18n.getMessage(key, subs) || key;
  if (profile === 'passphrase') return msg('genProfilePassphrase');
  if (profile === 'alnum') return msg('genProfileAlnum');
  const { options } = profileOptions(profile, settings);
  return msg(options.symbols ? 'genDescSymbols' : 'genDescChars', String(options.length));
}

/** The preset used last (`storage.local`: no secret), if any. */
export async function lastProfile(): Promise<ConcreteProfile | undefined> {
  const { [LAST_KEY]: last } = await browser.storage.local.get(LAST_KEY);
  return CONCRETE.includes(last as ConcreteProfile) ? (last as ConcreteProfile) : undefined;
}

export async function rememberProfile(profile: ConcreteProfile): Promise<boolean> {
  if ((await lastProfile()) === profile) return false;
  await browser.storage.local.set({ [LAST_KEY]: profile });
  return true;
}

export async function resolveProfile(profile: GeneratorProfile | undefined): Promise<ConcreteProfile> {
  if (profile === undefined) return 'default';
  return profile === 'last' ? ((await lastProfile()) ?? 'default') : profile;
}
