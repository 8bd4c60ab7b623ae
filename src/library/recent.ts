/**
 * A map kept to `limit` entries and, once their weights are known, to `budget` of weight
 * together: the least recently used dropped first.
 */
export class Recent<T> {
  private readonly entries = new Map<string, { value: T; weight: number }>();
  private total = 0;
  constructor(
    private readonly limit: number,
    private readonly budget = Number.POSITIVE_INFINITY,
  ) {}
  get(key: string): T | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    // Map order is insertion order: moving it to the end marks it most recently used.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }
  set(key: string, value: T): void {
    this.delete(key);
    this.entries.set(key, { value, weight: 0 });
    this.trim();
  }
  /** The weight of an entry, once known (an index once loaded). */
  weigh(key: string, value: T, weight: number): void {
    const entry = this.entries.get(key);
    if (entry?.value !== value) return;
    this.total += weight - entry.weight;
    entry.weight = weight;
    this.trim();
  }
  delete(key: string, only?: T): void {
    const entry = this.entries.get(key);
    if (!entry || (only !== undefined && entry.value !== only)) return;
    this.entries.delete(key);
    this.total -= entry.weight;
  }
  peek(key: string): T | undefined {
    return this.entries.get(key)?.value;
  }
  private trim(): void {
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.limit && this.total <= this.budget) break;
      this.delete(oldest);
    }
  }
}
