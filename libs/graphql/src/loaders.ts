/** DataLoader keys here are "branchId:id"; returns the two columns for `unnest($1::uuid[], $2::uuid[])`. */
export function splitKeys(keys: readonly string[]): [string[], string[]] {
  const a: string[] = [];
  const b: string[] = [];
  for (const k of keys) {
    const i = k.indexOf(':');
    a.push(k.slice(0, i));
    b.push(k.slice(i + 1));
  }
  return [a, b];
}

/** Groups rows under their loader key in row order, mapping each once; a key without rows gets []. */
export function groupByKey<R, T>(keys: readonly string[], rows: R[], keyOf: (r: R) => string, map: (r: R) => T): T[][] {
  const grouped = new Map<string, T[]>();
  for (const r of rows) {
    const k = keyOf(r);
    const list = grouped.get(k);
    if (list) list.push(map(r));
    else grouped.set(k, [map(r)]);
  }
  return keys.map((k) => grouped.get(k) ?? []);
}

/** What `DataLoader` offers that `Prefetched.fill` uses. */
interface ManyLoader<V> {
  loadMany(keys: readonly string[]): Promise<(V | Error)[]>;
}

/**
 * Values a root resolver loaded ahead, in one batch, for the objects it returns, so that their field resolvers
 * answer with a value rather than a promise each and graphql-js completes the objects synchronously. Keyed by the
 * parent object; a key whose load failed is not kept, so its field goes the lazy way and reports the same error.
 */
export class Prefetched<P extends object, V> {
  private readonly values = new WeakMap<P, V>();

  async fill(loader: ManyLoader<V>, parents: readonly P[], keyOf: (parent: P) => string): Promise<void> {
    if (parents.length === 0) return;
    const keys = parents.map(keyOf);
    // Each key once (fifty customers often share a handful of owners): DataLoader answers a repeated key from its
    // cache, but only through an extra promise per call.
    const unique = [...new Set(keys)];
    const loaded = await loader.loadMany(unique);
    const byKey = new Map<string, V | Error>();
    for (let i = 0; i < unique.length; i++) byKey.set(unique[i], loaded[i]);
    for (let i = 0; i < parents.length; i++) {
      const v = byKey.get(keys[i]);
      if (!(v instanceof Error)) this.values.set(parents[i], v as V);
    }
  }

  /** Values the root resolver already holds (e.g. joined into the page's own statement), in `parents` order. */
  set(parents: readonly P[], values: readonly V[]): void {
    for (let i = 0; i < parents.length; i++) this.values.set(parents[i], values[i]);
  }

  /** The prefetched value of `parent`, or else `load()` (the loader, which caches and batches as usual). */
  get(parent: P, load: () => Promise<V>): V | Promise<V> {
    return this.values.has(parent) ? (this.values.get(parent) as V) : load();
  }
}
