/**
 * Apollo's KeyValueCache shape (get/set/delete, promises), kept in memory with hard bounds on the number of entries
 * and on their total weight, evicting the least recently used. For caches keyed by what clients send (parsed
 * documents, persisted queries): Apollo's default bounds its cache by the JSON size of a value, and a parsed document
 * weighs far more in the heap than its JSON (every token stays linked from the AST's locations), so distinct
 * documents from a hostile client grew the API by hundreds of megabytes.
 */
export class BoundedCache<V> {
  private readonly entries = new Map<string, { value: V; weight: number }>();
  private total = 0;

  constructor(
    readonly maxEntries: number,
    readonly maxWeight: number,
    private readonly weigh: (value: V) => number,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  get weight(): number {
    return this.total;
  }

  async get(key: string): Promise<V | undefined> {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    // Map keeps insertion order: re-inserting makes this the most recently used.
    this.entries.delete(key);
    this.entries.set(key, hit);
    return hit.value;
  }

  async set(key: string, value: V): Promise<void> {
    const weight = Math.max(1, this.weigh(value));
    if (weight > this.maxWeight) return; // bigger than the whole cache: not kept
    await this.delete(key);
    this.entries.set(key, { value, weight });
    this.total += weight;
    for (const [k, e] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.total <= this.maxWeight) break;
      this.entries.delete(k);
      this.total -= e.weight;
    }
  }

  async delete(key: string): Promise<boolean> {
    const e = this.entries.get(key);
    if (!e) return false;
    this.entries.delete(key);
    this.total -= e.weight;
    return true;
  }
}

/**
 * Parsed and validated documents: at most 500 (a client application sends far fewer distinct ones), weighed by their
 * query text, at most 1 MB of it (a document's AST with its tokens is some 15 times its text in the heap).
 */
export function documentCache<D extends { loc?: { end: number } }>(): BoundedCache<D> {
  return new BoundedCache<D>(500, 1_000_000, (doc) => doc.loc?.end ?? 1000);
}

/** Persisted queries (query text by hash): at most 500, and at most 1 MB of text. */
export function persistedQueryCache(): BoundedCache<string> {
  return new BoundedCache<string>(500, 1_000_000, (query) => query.length);
}
