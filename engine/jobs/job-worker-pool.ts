import { Cancellation } from '../../core/index.js';
import type { Clock } from '../../core/index.js';
import type { ActivatedJob, JobHandler, JobOutcome, LeasedJob } from './job-handler.js';

/** What the pool needs from the engine to report a job's outcome. */
export type OutcomeSink = (job: ActivatedJob, outcome: JobOutcome) => Promise<void>;

/**
 * Runs leased jobs on their in-process handlers with a concurrency limit. Jobs past
 * the limit wait in memory in lease order. `drain()` stops taking jobs and waits for
 * the running ones; jobs still queued keep their lease and become available again
 * when it expires (at-least-once).
 */
export class JobWorkerPool {
  readonly #concurrency: number;
  readonly #report: OutcomeSink;
  readonly #queue: { job: ActivatedJob; handler: JobHandler; abort: Cancellation }[] = [];
  readonly #running = new Set<Promise<void>>();
  /** Outcomes being written: they hold no slot (a slot is for running a handler), but drain waits for them. */
  readonly #reporting = new Set<Promise<void>>();
  readonly #controllers = new Set<Cancellation>();
  #draining = false;
  readonly #onError: (error: unknown) => void;
  readonly #clock: Clock;
  /** Called whenever a job finished and its slot is free again. */
  #onSlotFree: (() => void) | undefined;

  constructor(concurrency: number, clock: Clock, report: OutcomeSink, onError: (error: unknown) => void) {
    this.#concurrency = Math.max(1, concurrency);
    this.#clock = clock;
    this.#report = report;
    this.#onError = onError;
  }

  /** Be told when a slot frees up (the engine then feeds jobs it had to leave waiting). */
  onSlotFree(listener: () => void): void {
    this.#onSlotFree = listener;
  }

  /** Jobs waiting or running. */
  get load(): number {
    return this.#queue.length + this.#running.size;
  }

  get running(): number {
    return this.#running.size;
  }

  /** Whether the pool should take more jobs now (lease at creation only then). */
  get hasRoom(): boolean {
    // Jobs leased beyond the running ones wait here in lease order; leases are minutes long.
    return !this.#draining && this.load < this.#concurrency * 16;
  }

  push(job: LeasedJob, handler: JobHandler): void {
    if (this.#draining) return;
    const abort = new Cancellation();
    this.#queue.push({ job: { ...job, cancel: abort, get signal() { return abort.signal; } }, handler, abort });
    this.#pump();
  }

  #pump(): void {
    while (!this.#draining && this.#running.size < this.#concurrency && this.#queue.length > 0) {
      const { job, handler, abort } = this.#queue.shift()!;
      const run = this.#run(job, handler, abort).finally(() => {
        this.#running.delete(run);
        this.#controllers.delete(abort);
        this.#pump();
        this.#onSlotFree?.();
      });
      this.#running.add(run);
      this.#controllers.add(abort);
    }
  }

  async #run(job: ActivatedJob, handler: JobHandler, abort: Cancellation): Promise<void> {
    const leaseLeft = job.deadline - this.#clock.now();
    const timer = leaseLeft > 0 && leaseLeft < 2 ** 31 ? setTimeout(() => abort.cancel(new Error('job lease expired')), leaseLeft) : undefined;
    timer?.unref?.();
    let outcome: JobOutcome;
    try {
      outcome = await handler(job);
    } catch (error) {
      outcome = { kind: 'fail', errorMessage: error instanceof Error ? error.message : String(error) };
    } finally {
      if (timer) clearTimeout(timer);
    }
    // A handler cut short by a shutdown did not fail: keep the lease (the next start takes
    // it back) instead of spending one of the job's retries.
    if (this.#draining && abort.cancelled) return;
    // The slot frees now: writing the outcome waits for a durable commit, which would
    // otherwise keep up to maxConcurrentJobs slots idle for the length of an fsync.
    const reported = this.#report(job, outcome).catch((error: unknown) => this.#onError(error));
    this.#reporting.add(reported);
    void reported.finally(() => this.#reporting.delete(reported));
  }

  /** Stop taking jobs; wait for running handlers (aborting them after `graceMs`). */
  async drain(graceMs = 10_000): Promise<void> {
    this.#draining = true;
    this.#queue.length = 0;
    const all = Promise.allSettled([...this.#running]);
    const timer = setTimeout(() => {
      for (const controller of this.#controllers) controller.cancel(new Error('worker is shutting down'));
    }, graceMs);
    timer.unref?.();
    await all;
    clearTimeout(timer);
    await Promise.allSettled([...this.#reporting]);
  }
}
