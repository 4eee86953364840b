/** Unbiased random integers from a CSPRNG, for the password generator. */

/** Fills `bytes` with random bytes; `crypto.getRandomValues` in the product, a fixed sequence in tests. */
export type RandomFill = (bytes: Uint8Array<ArrayBuffer>) => void;

/** Bytes fetched per CSPRNG call: one call serves a whole password instead of one call per character. */
const BUFFER_SIZE = 512;

const cryptoFill: RandomFill = (bytes) => void crypto.getRandomValues(bytes);

/**
 * Returns a function that draws integers uniformly from `[0, n)` for `1 <= n <= 65536`.
 *
 * Why not `byte % n`: 256 is rarely a multiple of n, so the first `256 % n` values would come up more often
 * (for n = 62, eight characters 25 % more often than the rest). Here a draw of k bytes (k = 1 for n <= 256,
 * else 2) gives v in `[0, 256^k)`; values at or above the largest multiple of n are thrown away and drawn
 * again (rejection sampling), so every remainder `v % n` is equally likely. At worst half the draws are rejected.
 */
export function randomIndexer(fill: RandomFill = cryptoFill): (n: number) => number {
  const buffer = new Uint8Array(BUFFER_SIZE);
  let used = BUFFER_SIZE;
  const nextByte = (): number => {
    if (used === BUFFER_SIZE) {
      fill(buffer);
      used = 0;
    }
    return buffer[used++];
  };
  return (n: number): number => {
    if (!Number.isInteger(n) || n < 1 || n > 65_536) throw new RangeError(`randomIndex: n must be an integer in 1..65536, got ${n}`);
    const span = n <= 256 ? 256 : 65_536;
    const limit = span - (span % n);
    for (;;) {
      const v = span === 256 ? nextByte() : nextByte() * 256 + nextByte();
      if (v < limit) return v % n;
    }
  };
}
