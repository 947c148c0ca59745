/**
 * Group commit: changes submitted in the same turn of the event loop are written in
 * one SQLite transaction. Durability comes from `sync`, an asynchronous fsync of the
 * write-ahead log that runs off the main thread: each submitter is answered only after a
 * sync that began after its transaction committed, and one sync covers every
 * transaction before it — so the engine keeps working while the disk flushes, and N
 * commands share one fsync. If a shared transaction fails, every change is retried alone,
 * so one bad change cannot take the others down.
 */
export class GroupCommit<T> {
  readonly #apply: (items: readonly T[]) => void;
  readonly #sync: ((done: (error?: unknown) => void) => void) | undefined;
  readonly #maxBatch: number;
  /** True while another writer holds the connection's transaction: wait for it. */
  readonly #busy: () => boolean;
  #pending: Waiter<T>[] = [];
  #scheduled = false;
  /** Committed, waiting for the next sync to start. */
  #unsynced: Waiter<T>[] = [];
  #syncing = false;

  /**
   * @param apply writes the items in one transaction, throwing to roll it back.
   * @param sync flushes everything committed so far to stable storage; absent: commits are acknowledged at once.
   */
  constructor(
    apply: (items: readonly T[]) => void,
    sync?: (done: (error?: unknown) => void) => void,
    busy: () => boolean = () => false,
    maxBatch = 1024,
  ) {
    this.#busy = busy;
    this.#apply = apply;
    this.#sync = sync;
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
    if (this.#busy() && this.#pending.length > 0) {
      this.#scheduled = true;
      setTimeout(() => this.flush(), 1);
      return;
    }
    while (this.#pending.length > 0) {
      const batch = this.#pending.splice(0, this.#maxBatch);
      try {
        this.#apply(batch.map((p) => p.item));
        this.#committed(batch);
      } catch {
        for (const p of batch) {
          try {
            this.#apply([p.item]);
            this.#committed([p]);
          } catch (error) {
            p.reject(error);
          }
        }
      }
    }
  }

  /** Write what is pending now, then resolve once every commit so far is synced. */
  close(): Promise<void> {
    this.flush();
    return this.#drained();
  }

  /** Resolves once every commit so far is synced. */
  #drained(): Promise<void> {
    if (!this.#syncing && this.#unsynced.length === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const check = () => (!this.#syncing && this.#unsynced.length === 0 ? resolve() : setTimeout(check, 1));
      check();
    });
  }

  #committed(waiters: Waiter<T>[]): void {
    if (!this.#sync) {
      for (const w of waiters) w.resolve();
      return;
    }
    this.#unsynced.push(...waiters);
    if (!this.#syncing) this.#startSync();
  }

  #startSync(): void {
    const covered = this.#unsynced;
    this.#unsynced = [];
    this.#syncing = true;
    this.#sync!((error) => {
      this.#syncing = false;
      for (const w of covered) {
        if (error) w.reject(error);
        else w.resolve();
      }
      if (this.#unsynced.length > 0) this.#startSync();
    });
  }
}

interface Waiter<T> {
  readonly item: T;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}
