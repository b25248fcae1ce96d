/**
 * Runs async tasks one at a time per key, in arrival order; tasks for different keys run
 * concurrently. The witness serializes add-checkpoint per origin with it, so checking the old
 * size and persisting the new one happen as one step (the race in c2sp.org/tlog-witness, where
 * two interleaved requests could roll the recorded size back).
 */
export interface KeyedMutex {
  run<T>(key: string, task: () => Promise<T>): Promise<T>;
}

export function createKeyedMutex(): KeyedMutex {
  const tails = new Map<string, Promise<unknown>>();
  return {
    run<T>(key: string, task: () => Promise<T>): Promise<T> {
      const previous = tails.get(key) ?? Promise.resolve();
      const result = previous.then(task);
      const tail = result.catch(() => undefined);
      tails.set(key, tail);
      // Forget the key once nothing is queued behind this task, so the map does not grow forever.
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key);
      });
      return result;
    },
  };
}
