/**
 * Tasks on the same key run one after another, in the order they were asked for; tasks on other
 * keys run freely. A task's failure reaches its own caller and does not stop the next task.
 * A key whose queue has drained is forgotten, so the table does not grow with every story seen.
 */
export type KeyedQueue = <T>(key: string, task: () => Promise<T>) => Promise<T>;

export function oneAtATimePer(): KeyedQueue {
  const tails = new Map<string, Promise<void>>();
  return <T>(key: string, task: () => Promise<T>): Promise<T> => {
    const run = (tails.get(key) ?? Promise.resolve()).then(task);
    // The tail only orders the next task: its outcome belongs to `run`'s caller.
    const tail = run.then(
      () => undefined,
      () => undefined,
    );
    tails.set(key, tail);
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key);
    });
    return run;
  };
}

/** Tasks run one after another, in the order they were asked for (one queue, no keys). */
export type Queue = <T>(task: () => Promise<T>) => Promise<T>;

export function oneAtATime(): Queue {
  const queue = oneAtATimePer();
  return (task) => queue('', task);
}
