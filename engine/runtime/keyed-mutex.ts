import { ChurnMap } from '../../core/index.js';

/**
 * Serializes async work per key: commands on one process instance run one after the
 * other; commands on different instances interleave freely.
 */
export class KeyedMutex {
  readonly #tails = new ChurnMap<Promise<void>>();

  async run<T>(key: number | string, work: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(key);
    let release!: () => void;
    const current = new Promise<void>((resolve) => (release = resolve));
    const tail = previous ? previous.then(() => current) : current;
    this.#tails.set(key, tail);
    try {
      if (previous) await previous;
      return await work();
    } finally {
      release();
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    }
  }

  /** Keys with work queued or running. */
  get size(): number {
    return this.#tails.size;
  }
}
