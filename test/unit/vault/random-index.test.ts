import { describe, expect, it } from 'vitest';
import { randomIndexer } from '../../../src/vault/random-index';

/** A fill that hands out the given bytes, then zeros. */
function scripted(values: number[]) {
  let calls = 0;
  const fill = (bytes: Uint8Array) => {
    calls++;
    bytes.fill(0);
    bytes.set(values.slice(0, bytes.length));
    values = values.slice(bytes.length);
  };
  return { fill, calls: () => calls };
}

describe('randomIndexer', () => {
  it('rejects bytes at or above the largest multiple of n instead of folding them with % n', () => {
    // n = 62: 248 = 4 × 62 is the limit; 250 would map to 2 with "% n" and make 0–7 more likely.
    const next = randomIndexer(scripted([250, 255, 248, 3, 247]).fill);
    expect(next(62)).toBe(3);
    expect(next(62)).toBe(247 % 62);
  });

  it('uses two bytes for n above 256, with the same rejection', () => {
    // n = 1000: limit 65,000; 0xFFFF (65,535) is rejected, then 0x0102 = 258.
    const next = randomIndexer(scripted([0xff, 0xff, 0x01, 0x02]).fill);
    expect(next(1000)).toBe(258);
  });

  it('fetches random bytes in blocks, not per draw', () => {
    const source = scripted([]);
    const next = randomIndexer(source.fill);
    for (let i = 0; i < 500; i++) next(10);
    expect(source.calls()).toBe(1);
  });

  it('refuses ranges it cannot draw from', () => {
    const next = randomIndexer();
    expect(() => next(0)).toThrow(RangeError);
    expect(() => next(70_000)).toThrow(RangeError);
    expect(() => next(2.5)).toThrow(RangeError);
    expect(next(1)).toBe(0);
  });
});
