/**
 * A map for long-lived tables whose entries come and go all the time: work in flight,
 * keyed by a record key or a request id. Use it instead of `Map` where every instance,
 * job or request adds an entry and removes it again.
 *
 * Why not `Map`: as entries are deleted and added, V8 rebuilds a `Map`'s (or `Set`'s)
 * hash table every few insertions, and the table it leaves behind keeps a pointer to its
 * successor and to the entries it held. Once one of a long-lived map's tables is in the
 * old generation, the young-generation collector sees every later table, and every entry
 * that was in one, as reachable from it. So everything that passes through the map — and
 * all it references — is promoted, to wait for a full collection. On the engine's thread
 * that promoted ≈ 17 % of all it allocated (bench/RESULTS.md). An object in dictionary
 * mode swaps its table without such a link.
 *
 * Keys are property keys: `5` and `'5'` are the same key, and `keys()` gives strings.
 * Iteration order is not insertion order (integer keys come first, ascending).
 */
export class ChurnMap<V> {
  // A prototype-less object is in dictionary mode from the start, and no key can
  // collide with an inherited property.
  #entries: Record<string, V> = Object.create(null) as Record<string, V>;
  #size = 0;

  get size(): number {
    return this.#size;
  }

  get(key: number | string): V | undefined {
    return this.#entries[key];
  }

  has(key: number | string): boolean {
    return key in this.#entries;
  }

  set(key: number | string, value: V): this {
    if (!(key in this.#entries)) this.#size++;
    this.#entries[key] = value;
    return this;
  }

  delete(key: number | string): boolean {
    if (!(key in this.#entries)) return false;
    delete this.#entries[key];
    this.#size--;
    return true;
  }

  clear(): void {
    this.#entries = Object.create(null) as Record<string, V>;
    this.#size = 0;
  }

  /** A snapshot of the keys (changing the map while walking it is safe). */
  keys(): string[] {
    return Object.keys(this.#entries);
  }

  /** A snapshot of the values. */
  values(): V[] {
    return Object.values(this.#entries);
  }
}
