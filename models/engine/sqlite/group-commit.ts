/**
 * Group commit: changes submitted in the same turn of the event loop are written in
 * one SQLite transaction, so N commands cost one fsync instead of N. Each submitter
 * is answered only after the transaction holding its changes is durable. If the
 * shared transaction fails, every change is retried alone, so one bad change cannot
 * take the others down.
 */
export class GroupCommit<T> {
  readonly #apply: (items: readonly T[]) => void;
  readonly #maxBatch: number;
  #pending: { item: T; resolve: () => void; reject: (error: unknown) => void }[] = [];
  #scheduled = false;

  /** @param apply writes the items in one transaction, throwing to roll it back. */
  constructor(apply: (items: readonly T[]) => void, maxBatch = 512) {
    this.#apply = apply;
    this.#maxBatch = maxBatch;
  }

  submit(item: T): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#pending.push({ item, resolve, reject });
      if (!this.#scheduled) {
        this.#scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Write everything pending now (also called on close). */
  flush(): void {
    this.#scheduled = false;
    while (this.#pending.length > 0) {
      const batch = this.#pending.splice(0, this.#maxBatch);
      try {
        this.#apply(batch.map((p) => p.item));
        for (const p of batch) p.resolve();
      } catch {
        for (const p of batch) {
          try {
            this.#apply([p.item]);
            p.resolve();
          } catch (error) {
            p.reject(error);
          }
        }
      }
    }
  }
}
