import type { Clock } from '../../core/index.js';
import type { EngineStore, JobRecord, TimerRecord } from '../../models/index.js';

/** What the scheduler asks the engine to do with what fell due. */
export interface DueHandlers {
  fireTimer(timer: TimerRecord): Promise<void>;
  jobDeadline(job: JobRecord): Promise<void>;
  /** Called on every wake-up, after due work (at least every poll interval). */
  tick?(): void;
  onError(error: unknown, what: string): void;
}

/**
 * Fires due timers and ends expired job leases and backoffs. Timers are durable rows:
 * a timer due while the engine was down fires at the next start; firing deletes the row
 * in the same transaction that moves the token, so it fires exactly once.
 *
 * With a real clock, `start()` sleeps until the next due time (re-checking at least every
 * `pollMs`); tests with a manual clock call `runDue()` after moving time.
 */
export class Scheduler {
  readonly #store: EngineStore;
  readonly #clock: Clock;
  readonly #handlers: DueHandlers;
  readonly #pollMs: number;
  #timer: NodeJS.Timeout | undefined;
  #wakeAt = Infinity;
  #running: Promise<void> | undefined;
  #rerun: Promise<void> | undefined;
  #stopped = true;
  readonly #inFlight = new Set<number>();

  constructor(store: EngineStore, clock: Clock, handlers: DueHandlers, pollMs = 1000) {
    this.#store = store;
    this.#clock = clock;
    this.#handlers = handlers;
    this.#pollMs = pollMs;
  }

  start(): void {
    this.#stopped = false;
    this.#arm(0);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#running;
    await this.#rerun;
  }

  /** Something new may be due at `dueAt` (epoch ms): wake up in time for it. */
  notify(dueAt: number): void {
    if (!this.#stopped && dueAt < this.#wakeAt) this.#arm(dueAt - this.#clock.now());
  }

  /**
   * Handle everything due now; resolves when done. Safe to call concurrently: a call
   * made while a run is going gets one more run after it, since the running one read
   * the clock before the call (and the caller may have moved it since).
   */
  runDue(): Promise<void> {
    if (this.#running) {
      const again = (): Promise<void> => {
        this.#rerun = undefined;
        return this.runDue();
      };
      this.#rerun ??= this.#running.then(again, again);
      return this.#rerun;
    }
    this.#running = this.#runDue().finally(() => (this.#running = undefined));
    return this.#running;
  }

  async #runDue(): Promise<void> {
    for (;;) {
      const now = this.#clock.now();
      const timers = (await this.#store.dueTimers(now, 256)).filter((t) => !this.#inFlight.has(t.key));
      const jobs = (await this.#store.jobsPastDeadline(now, 256)).filter((j) => !this.#inFlight.has(j.key));
      if (timers.length === 0 && jobs.length === 0) return;
      await Promise.all([
        ...timers.map((timer) => this.#once(timer.key, () => this.#handlers.fireTimer(timer), `timer ${timer.key}`)),
        ...jobs.map((job) => this.#once(job.key, () => this.#handlers.jobDeadline(job), `job ${job.key}`)),
      ]);
      if (timers.length < 256 && jobs.length < 256) return;
    }
  }

  async #once(key: number, work: () => Promise<void>, what: string): Promise<void> {
    this.#inFlight.add(key);
    try {
      await work();
    } catch (error) {
      this.#handlers.onError(error, what);
    } finally {
      this.#inFlight.delete(key);
    }
  }

  #arm(delayMs: number): void {
    if (this.#timer) clearTimeout(this.#timer);
    const delay = Math.max(0, Math.min(delayMs, this.#pollMs));
    this.#wakeAt = this.#clock.now() + delay;
    this.#timer = setTimeout(() => void this.#tick(), delay);
    this.#timer.unref?.();
  }

  async #tick(): Promise<void> {
    this.#timer = undefined;
    this.#wakeAt = Infinity;
    if (this.#stopped) return;
    try {
      await this.runDue();
      this.#handlers.tick?.();
      const next = await this.#store.nextTimerDue();
      if (!this.#stopped) this.#arm(next === undefined ? this.#pollMs : next - this.#clock.now());
    } catch (error) {
      this.#handlers.onError(error, 'scheduler');
      if (!this.#stopped) this.#arm(this.#pollMs);
    }
  }
}
