import { describe, expect, it } from 'vitest';
import { inOrder, inOrderBy } from '../../src/in-order';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('inOrder', () => {
  it('starts each task after the one before settled, a failure included', async () => {
    const queue = inOrder();
    const log: string[] = [];
    const task =
      (name: string, fail = false) =>
      async () => {
        log.push(`${name} start`);
        await tick();
        log.push(`${name} end`);
        if (fail) throw new Error(name);
        return name;
      };
    const results = await Promise.allSettled([queue(task('a')), queue(task('b', true)), queue(task('c'))]);
    expect(log).toEqual(['a start', 'a end', 'b start', 'b end', 'c start', 'c end']);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });

  it('runs tasks of different keys side by side, and of one key in turn', async () => {
    const queue = inOrderBy<string>();
    const log: string[] = [];
    const task = (name: string) => async () => {
      log.push(`${name} start`);
      await tick();
      log.push(`${name} end`);
    };
    await Promise.all([queue('x', task('x1')), queue('y', task('y1')), queue('x', task('x2'))]);
    expect(log.slice(0, 2)).toEqual(['x1 start', 'y1 start']);
    expect(log.indexOf('x2 start')).toBeGreaterThan(log.indexOf('x1 end'));
  });
});
