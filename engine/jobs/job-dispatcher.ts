import { WeftError, cloneJson } from '../../core/index.js';
import type { Clock, JsonObject } from '../../core/index.js';
import type { EngineStore, JobRecord } from '../../models/index.js';
import type { CommandRunner } from '../runtime/command-runner.js';
import * as jobs from '../runtime/commands/job-commands.js';
import type { Execution } from '../runtime/execution.js';
import type { InstanceDraft } from '../runtime/instance-draft.js';
import { checkVariables } from '../runtime/variable-values.js';
import { visibleVariables } from '../runtime/variable-scopes.js';
import type { ActivatedJob, JobHandlerRegistration, JobOutcome, LeasedJob } from './job-handler.js';
import { JobHandlerRegistry } from './job-handler-registry.js';
import { JobWorkerPool } from './job-worker-pool.js';

/** What the dispatcher needs from the engine. */
export interface JobDispatcherDeps {
  readonly runner: () => CommandRunner;
  readonly store: EngineStore;
  readonly clock: Clock;
  /** This engine run's worker name for in-process leases (`local:<run id>`). */
  readonly worker: string;
  readonly maxConcurrentJobs: number;
  readonly maxVariableBytes: number;
  readonly onError: (error: unknown, what: string) => void;
}

/**
 * Brings jobs to in-process handlers. A job whose type has a handler is leased in the
 * very command that creates it (no extra round trip) when the pool has room for its type;
 * otherwise it is leased later by its own command, when room frees up. Outcomes go back as
 * complete / fail / throw-error commands.
 */
export class JobDispatcher {
  readonly #deps: JobDispatcherDeps;
  readonly #handlers = new JobHandlerRegistry();
  readonly #pool: JobWorkerPool;
  #started = false;
  /** The types of which a job with a handler was left waiting because the type's slots were full. */
  readonly #starved = new Set<string>();
  #feeding: Promise<void> | undefined;

  constructor(deps: JobDispatcherDeps) {
    this.#deps = deps;
    this.#pool = new JobWorkerPool(deps.maxConcurrentJobs, deps.clock, (job, outcome, leaseEnded) => this.#report(job, outcome, leaseEnded), (e) => deps.onError(e, 'job outcome'));
    this.#pool.onSlotFree(() => this.refeed());
  }

  register(registration: JobHandlerRegistration): void {
    this.#handlers.register(registration);
    if (this.#started) void this.#feed();
  }

  hasHandler(type: string): boolean {
    return this.#handlers.find(type) !== undefined;
  }

  /** Jobs queued or running in the pool. */
  get load(): number {
    return this.#pool.load;
  }

  async start(): Promise<void> {
    this.#started = true;
    await this.#feed();
  }

  async drain(graceMs: number): Promise<void> {
    this.#started = false;
    await this.#pool.drain(graceMs);
  }

  /** For a job being created: lease it to this run's pool right away when a handler waits for it. */
  leaseOnCreate(type: string, headers: Readonly<Record<string, string>>): { worker: string; deadline: number } | undefined {
    if (!this.#started || !this.#pool.hasRoom(type)) return undefined;
    const found = this.#handlers.find(type);
    return found ? { worker: this.#deps.worker, deadline: this.#deps.clock.now() + found.leaseMs(headers) } : undefined;
  }

  /** After a commit: run the jobs leased at creation, offer the ones that became activatable. */
  afterCommit(draft: InstanceDraft, notifyDeadline: (at: number) => void): void {
    for (const job of draft.changedJobs()) {
      if (job.state === 'activated' && job.worker === this.#deps.worker && draft.createdJob(job.key)) {
        const found = this.#handlers.find(job.type);
        if (found) this.#pool.push(toActivatedJob(job, visibleVariables(draft, job.elementInstanceKey)), found.handler);
      } else if (job.state === 'activatable') {
        this.dispatch(job);
      } else if (job.state === 'backoff' && job.deadline !== null) {
        notifyDeadline(job.deadline);
      }
    }
  }

  /** Lease a job with its own command (and compute its variables). */
  lease(job: JobRecord, worker: string, timeoutMs: number): Promise<LeasedJob> {
    return this.#deps.runner().run(job.instanceKey, (exec) => {
      const leased = jobs.activateJob(exec, job.key, worker, exec.now + timeoutMs);
      return toActivatedJob(leased, visibleVariables(exec.draft, leased.elementInstanceKey));
    });
  }

  /** Offer an activatable job to its in-process handler, if any. */
  dispatch(job: JobRecord): void {
    const found = this.#handlers.find(job.type);
    if (!found || !this.#started) return;
    if (!this.#pool.hasRoom(job.type)) {
      this.#starved.add(job.type);
      return;
    }
    this.lease(job, this.#deps.worker, found.leaseMs(headersOf(job.headers))).then(
      (activated) => this.#pool.push(activated, found.handler),
      () => undefined, // someone else took it, or it is gone: nothing to do
    );
  }

  /**
   * Feed the jobs left waiting, of the types that have room again (one feed at a time);
   * `force` re-checks the database for every type.
   */
  refeed(force = false): void {
    if (this.#feeding || !this.#started || (!force && this.#starved.size === 0)) return;
    let types: Set<string> | undefined;
    if (force) {
      this.#starved.clear();
    } else {
      types = new Set([...this.#starved].filter((type) => this.#pool.hasRoom(type)));
      if (types.size === 0) return;
      for (const type of types) this.#starved.delete(type);
    }
    this.#feeding = this.#feed(types)
      .catch((error) => this.#deps.onError(error, 'feeding job handlers'))
      .finally(() => (this.#feeding = undefined));
  }

  /** Offer the activatable jobs of `only` those types (default: every type with a handler). */
  async #feed(only?: ReadonlySet<string>): Promise<void> {
    if (this.#handlers.isEmpty) return;
    for (const type of only ?? (await this.#deps.store.activatableJobTypes())) {
      if (!this.#handlers.find(type)) continue;
      if (!this.#pool.hasRoom(type)) {
        this.#starved.add(type);
        continue;
      }
      const page = await this.#deps.store.activatableJobs(type, 256);
      for (const job of page) {
        this.dispatch(job);
        // This type's slots are full: the rest wait for them; other types go on.
        if (this.#starved.has(type)) break;
      }
      // A full page: more may wait; feed again when the type has room.
      if (page.length === 256) this.#starved.add(type);
    }
  }

  async #report(job: ActivatedJob, outcome: JobOutcome, leaseEnded: boolean): Promise<void> {
    const key = Number(job.key);
    const instanceKey = Number(job.processInstanceKey);
    const { maxVariableBytes } = this.#deps;
    // The handler was cancelled because its lease ended: the failure that follows is none.
    // The job times out with its retries unchanged, as in Zeebe (the scheduler offers it
    // again); only what the handler noted (the calls it made) goes to history.
    const timedOut = leaseEnded && outcome.kind === 'fail';
    const apply = (exec: Execution): void => {
      if (timedOut && !exec.draft.jobs.has(key)) return; // the job ended meanwhile
      for (const note of outcome.notes ?? []) exec.draft.record(note.type, Number(job.elementInstanceKey), job.elementId, { ...note.data });
      if (timedOut) {
        return;
      } else if (outcome.kind === 'complete') {
        jobs.completeJob(exec, key, checkVariables(outcome.variables, maxVariableBytes, 'job result'));
      } else if (outcome.kind === 'fail') {
        jobs.failJob(exec, key, {
          retries: outcome.retries ?? job.retries - 1,
          errorMessage: outcome.errorMessage,
          ...(outcome.retryBackoffMs === undefined ? {} : { retryBackoffMs: outcome.retryBackoffMs }),
          ...(outcome.variables ? { variables: checkVariables(outcome.variables, maxVariableBytes) } : {}),
        });
      } else {
        jobs.throwJobError(exec, key, outcome.errorCode, outcome.errorMessage ?? '', checkVariables(outcome.variables, maxVariableBytes));
      }
    };
    if (timedOut && !outcome.notes?.length) return;
    try {
      await this.#deps.runner().run(instanceKey, apply);
    } catch (error) {
      if (!(error instanceof WeftError)) throw error;
      if (error.code === 'VARIABLE_TOO_LARGE' || error.code === 'VARIABLES_INVALID') {
        // The handler's result cannot be stored: that is the handler's failure, not a crash.
        await this.#deps.runner().run(instanceKey, (exec) =>
          jobs.failJob(exec, key, { retries: job.retries - 1, errorMessage: error.message, retryBackoffMs: 0 }),
        );
        return;
      }
      // The job ended meanwhile (cancelled, timed out and taken by someone else): nothing to report.
      if (error.code === 'JOB_NOT_FOUND' || error.code === 'JOB_NOT_ACTIVATABLE' || error.code === 'PROCESS_INSTANCE_NOT_FOUND') return;
      throw error;
    }
  }
}

/** Parsed task headers by their JSON text: every job of a task has the same ones. Frozen, so they can be shared. */
const parsedHeaders = new Map<string, Readonly<Record<string, string>>>();

function headersOf(text: string): Readonly<Record<string, string>> {
  let headers = parsedHeaders.get(text);
  if (!headers) {
    if (parsedHeaders.size >= 1_000) parsedHeaders.clear();
    headers = Object.freeze(JSON.parse(text) as Record<string, string>);
    parsedHeaders.set(text, headers);
  }
  return headers;
}

/** A job as handlers see it; variables are copied (they are shared with the cached instance state). */
export function toActivatedJob(job: JobRecord, variables: JsonObject): LeasedJob {
  return {
    key: String(job.key),
    type: job.type,
    processInstanceKey: String(job.instanceKey),
    bpmnProcessId: job.bpmnProcessId,
    elementId: job.elementId,
    elementInstanceKey: String(job.elementInstanceKey),
    workspaceId: job.workspaceId,
    orgId: job.orgId,
    retries: job.retries,
    deadline: job.deadline ?? 0,
    headers: headersOf(job.headers),
    variables: cloneJson(variables),
  };
}
