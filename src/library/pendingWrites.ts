/**
 * Store writes started without being waited for (a server's link), so that a shutdown can wait
 * for them before it closes the store: a write after the close would fail, or open it again.
 */
export class PendingWrites {
  private readonly pending = new Set<Promise<void>>();

  add(write: Promise<unknown>): void {
    const settled: Promise<void> = write.then(
      () => void this.pending.delete(settled),
      () => void this.pending.delete(settled),
    );
    this.pending.add(settled);
  }

  /** Resolves once every write added so far, and any added meanwhile, has finished or failed. */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.all(this.pending);
  }
}
