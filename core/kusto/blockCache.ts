// Results computed per query block, kept by the block's text. A file holds many queries and an
// edit touches one: re-checking or re-highlighting the file then analyses only that query.

/** A least-recently-used map from a query's text to what was computed for it. */
export class BlockCache<T> {
  private readonly entries = new Map<string, T>();

  constructor(private readonly capacity: number) {}

  /** Stores what was computed for `text` as a by-product of other work. */
  set(text: string, value: T): void {
    this.entries.delete(text);
    if (this.entries.size >= this.capacity) {
      this.entries.delete(this.entries.keys().next().value!);
    }
    this.entries.set(text, value);
  }

  /** The cached value for `text`, or `compute(text)` stored for next time. */
  get(text: string, compute: (text: string) => T): T {
    const cached = this.entries.get(text);
    if (cached !== undefined) {
      // Refreshing its place keeps the queries of the open files cached.
      this.entries.delete(text);
      this.entries.set(text, cached);
      return cached;
    }
    const value = compute(text);
    this.set(text, value);
    return value;
  }
}
