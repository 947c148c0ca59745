import { Cancellation, ChurnMap } from '../../core/index.js';
import type { Clock } from '../../core/index.js';
import type { ActivatedJob, JobHandler, JobOutcome, LeasedJob } from './job-handler.js';

/**
 * What the pool needs from the engine to report a job's outcome. `leaseEnded`: the pool
 * cancelled the handler because the job's lease ended (what follows is no real failure).
 */
export type OutcomeSink = (job: ActivatedJob, outcome: JobOutcome, leaseEnded: boolean) => Promise<void>;

interface Entry {
  /** Numbers the pool's entries (a job offered again while its cancelled handler still runs gets a new one). */
  readonly id: number;
  readonly job: ActivatedJob;
  readonly handler: JobHandler;
  readonly cancel: Cancellation;
  /** Cancelled because its lease ended. */
  leaseEnded: boolean;
}

/** The jobs of one type: each type has its own slots, as each Zeebe job worker has its own `maxJobsActive`. */
interface Lane {
  /** Leased jobs waiting for a slot, in lease order. */
  readonly queue: Entry[];
  running: number;
}

/** How many lanes may exist before the idle ones are dropped. */
const LANES_BEFORE_SWEEP = 256;

/** How often running jobs are checked against their lease end (leases are minutes long). */
const LEASE_CHECK_MS = 1_000;

/**
 * Runs leased jobs on their in-process handlers with a concurrency limit per job type, so
 * a type whose handlers are slow or hang (an API that stopped answering) never holds up
 * another type. Jobs past their type's limit wait in memory in lease order. `drain()`
 * stops taking jobs and waits for the running ones; jobs still queued keep their lease
 * and become available again when it expires (at-least-once).
 */
export class JobWorkerPool {
  readonly #concurrency: number;
  readonly #report: OutcomeSink;
  /** Per job type, made on its first job; idle ones are dropped once there are many (types can be expressions). */
  readonly #lanes = new Map<string, Lane>();
  /** The jobs running now, by entry number. */
  readonly #running = new ChurnMap<Entry>();
  #nextId = 1;
  /** One timer for every running job's lease end, instead of a timer per job. */
  #leaseTimer: NodeJS.Timeout | undefined;
  /** Outcomes being written: they hold no slot (a slot is for running a handler), but drain waits for them. */
  #reporting = 0;
  /** Resolved when nothing runs and nothing is being reported (drain waits on it). */
  #idle: (() => void)[] = [];
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

  /** Jobs waiting or running, of every type. */
  get load(): number {
    let queued = 0;
    for (const lane of this.#lanes.values()) queued += lane.queue.length;
    return queued + this.#running.size;
  }

  get running(): number {
    return this.#running.size;
  }

  /** Whether the pool should take more jobs of `type` now (lease at creation only then). */
  hasRoom(type: string): boolean {
    if (this.#draining) return false;
    const lane = this.#lanes.get(type);
    // Jobs leased beyond the running ones wait here in lease order; leases are minutes long.
    return lane === undefined || lane.queue.length + lane.running < this.#concurrency * 16;
  }

  push(job: LeasedJob, handler: JobHandler): void {
    if (this.#draining) return;
    const cancel = new Cancellation();
    // The AbortSignal is made only if the handler asks for it (it costs microseconds).
    const activated: ActivatedJob = { ...job, cancel, get signal() { return cancel.signal; } };
    let lane = this.#lanes.get(job.type);
    if (!lane) {
      if (this.#lanes.size >= LANES_BEFORE_SWEEP) this.#dropIdleLanes();
      this.#lanes.set(job.type, (lane = { queue: [], running: 0 }));
    }
    lane.queue.push({ id: this.#nextId++, job: activated, handler, cancel, leaseEnded: false });
    this.#pump(lane);
  }

  #dropIdleLanes(): void {
    for (const [type, lane] of this.#lanes) if (lane.running === 0 && lane.queue.length === 0) this.#lanes.delete(type);
  }

  #pump(lane: Lane): void {
    while (!this.#draining && lane.running < this.#concurrency && lane.queue.length > 0) {
      const entry = lane.queue.shift()!;
      lane.running++;
      this.#running.set(entry.id, entry);
      void this.#run(entry, lane);
    }
    if (this.#running.size > 0 && !this.#leaseTimer) {
      this.#leaseTimer = setInterval(() => this.checkLeases(), LEASE_CHECK_MS);
      this.#leaseTimer.unref?.();
    }
  }

  /**
   * Cancel the running jobs whose lease has ended (another worker may take them now). Runs
   * every second by itself while jobs run.
   */
  checkLeases(): void {
    const now = this.#clock.now();
    for (const entry of this.#running.values()) {
      if (entry.job.deadline > 0 && entry.job.deadline <= now && !entry.cancel.cancelled) {
        entry.leaseEnded = true;
        entry.cancel.cancel(new Error('job lease expired'));
      }
    }
    if (this.#running.size === 0) {
      clearInterval(this.#leaseTimer);
      this.#leaseTimer = undefined;
    }
  }

  async #run(entry: Entry, lane: Lane): Promise<void> {
    const { id, job, handler, cancel } = entry;
    let outcome: JobOutcome;
    try {
      outcome = await handler(job);
    } catch (error) {
      outcome = { kind: 'fail', errorMessage: error instanceof Error ? error.message : String(error) };
    }
    // The slot frees now: writing the outcome waits for a durable commit, which would
    // otherwise keep up to maxConcurrentJobs slots idle for the length of an fsync.
    this.#running.delete(id);
    lane.running--;
    // A handler cut short by a shutdown did not fail: keep the lease (the next start takes
    // it back) instead of spending one of the job's retries. One cut short because its lease
    // ended is reported as such (the engine then spends no retry either).
    if (!(this.#draining && cancel.cancelled)) {
      this.#reporting++;
      this.#report(job, outcome, entry.leaseEnded).then(
        () => this.#reported(),
        (error: unknown) => {
          this.#onError(error);
          this.#reported();
        },
      );
    }
    this.#checkIdle();
    this.#pump(lane);
    this.#onSlotFree?.();
  }

  #reported(): void {
    this.#reporting--;
    this.#checkIdle();
  }

  #checkIdle(): void {
    if (this.#running.size > 0 || this.#reporting > 0 || this.#idle.length === 0) return;
    const waiting = this.#idle;
    this.#idle = [];
    for (const resolve of waiting) resolve();
  }

  /** Stop taking jobs; wait for running handlers (cancelling them after `graceMs`) and the outcomes being written. */
  async drain(graceMs = 10_000): Promise<void> {
    this.#draining = true;
    for (const lane of this.#lanes.values()) lane.queue.length = 0;
    if (this.#running.size === 0 && this.#reporting === 0) return;
    const timer = setTimeout(() => {
      for (const { cancel } of this.#running.values()) cancel.cancel(new Error('worker is shutting down'));
    }, graceMs);
    timer.unref?.();
    await new Promise<void>((resolve) => this.#idle.push(resolve));
    clearTimeout(timer);
  }
}
