/**
 * Runs read-change-write updates of one record one after another within this process.
 *
 * Records that are read, changed and written back (a server's settings, its list of
 * articles) belong to one server, and Discord delivers a server's interactions to one shard,
 * that is one process: so queueing per record in the process is what keeps two quick admin
 * commands from overwriting each other. Records written from many processes at once (votes,
 * counters) are never updated this way (see feedback.ts and rateLimits.ts).
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, update: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(update, update);
    const tail = result.catch(() => {});
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}
