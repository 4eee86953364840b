/** Runs asynchronous tasks one after another, so two writers never interleave their read-modify-write steps. */

/** A queue: each task starts once the one before has settled (a failed task does not stop the next). */
export type InOrder = <T>(task: () => Promise<T>) => Promise<T>;

export function inOrder(): InOrder {
  let last: Promise<unknown> = Promise.resolve();
  return (task) => {
    const run = last.then(task, task);
    last = run.catch(() => undefined);
    return run;
  };
}

/** One queue per key (a store, a source id): tasks of different keys run side by side. */
export function inOrderBy<K>(): <T>(key: K, task: () => Promise<T>) => Promise<T> {
  const queues = new Map<K, InOrder>();
  return (key, task) => {
    let queue = queues.get(key);
    if (!queue) queues.set(key, (queue = inOrder()));
    return queue(task);
  };
}
