/**
 * How hard a passphrase is to guess, as zxcvbn scores it (0 = among the most common … 4 = very hard). Its word
 * lists (~400 KB) load on the first call, not with the page.
 */
let check: Promise<(text: string) => number> | undefined;

/** Words a guesser would try first here: the product's own names. */
const obvious = ['passwords', 'tpm', 'syspass', 'team', 'password', 'manager', 'extension'];

export function passphraseScore(text: string): Promise<number> {
  check ??= Promise.all([import('@zxcvbn-ts/core'), import('@zxcvbn-ts/language-common')]).then(([core, common]) => {
    const zxcvbn = new core.ZxcvbnFactory({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs });
    return (value: string) => zxcvbn.check(value, obvious).score;
  });
  return check.then((score) => score(text));
}

/** The lowest score accepted: below it a passphrase is among what an attacker with this disk tries first. */
export const MIN_SCORE = 2;
export const MIN_LENGTH = 8;
