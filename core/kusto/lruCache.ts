// Results kept by a string key, the least recently used dropped first. Most keys are a query
// block's text: a file holds many queries and an edit touches one, so re-checking or
// re-highlighting the file analyses only that query.

/** A least-recently-used map from a key to what was computed for it. */
export class LruCache<T> {
  private readonly entries = new Map<string, T>();

  constructor(private readonly capacity: number) {}

  /** Stores what was computed for `key` as a by-product of other work. */
  set(key: string, value: T): void {
    this.entries.delete(key);
    if (this.entries.size >= this.capacity) {
      this.entries.delete(this.entries.keys().next().value!);
    }
    this.entries.set(key, value);
  }

  /** The cached value for `key`, or `compute(key)` stored for next time. */
  get(key: string, compute: (key: string) => T): T {
    const cached = this.entries.get(key);
    if (cached !== undefined) {
      // Refreshing its place keeps the queries of the open files cached.
      this.entries.delete(key);
      this.entries.set(key, cached);
      return cached;
    }
    const value = compute(key);
    this.set(key, value);
    return value;
  }
}
