import { WeftError } from '../../core/index.js';
import type { EngineStore } from '../../models/index.js';
import type { CommandRunner } from '../runtime/command-runner.js';
import * as jobs from '../runtime/commands/job-commands.js';
import type { Execution } from '../runtime/execution.js';
import { parseKey } from '../runtime/parse-key.js';
import { checkVariables } from '../runtime/variable-values.js';
import type { JobDispatcher } from './job-dispatcher.js';
import type { LeasedJob } from './job-handler.js';

export interface FailJobRequest {
  readonly retries: number;
  readonly errorMessage?: string;
  /** Default: the task's `retryBackoff` header. */
  readonly retryBackoffMs?: number;
  readonly variables?: unknown;
}

export interface ThrowErrorRequest {
  readonly errorCode: string;
  readonly errorMessage?: string;
  readonly variables?: unknown;
}

export interface ActivateJobsRequest {
  readonly type: string;
  readonly maxJobs: number;
  readonly timeoutMs: number;
  readonly worker: string;
  readonly workspaceId?: string;
}

/** The job commands external workers (and the API) send: each one command on the job's instance. */
export class JobApi {
  constructor(
    private readonly store: EngineStore,
    private readonly runner: CommandRunner,
    private readonly dispatcher: JobDispatcher,
    private readonly maxVariableBytes: number,
  ) {}

  complete(jobKey: string | number, variables?: unknown): Promise<void> {
    const vars = checkVariables(variables, this.maxVariableBytes);
    return this.#onJob(jobKey, (exec, key) => jobs.completeJob(exec, key, vars));
  }

  fail(jobKey: string | number, failure: FailJobRequest): Promise<void> {
    const vars = failure.variables === undefined ? undefined : checkVariables(failure.variables, this.maxVariableBytes);
    return this.#onJob(jobKey, (exec, key) =>
      jobs.failJob(exec, key, {
        retries: failure.retries,
        errorMessage: failure.errorMessage ?? '',
        ...(failure.retryBackoffMs === undefined ? {} : { retryBackoffMs: failure.retryBackoffMs }),
        ...(vars ? { variables: vars } : {}),
      }),
    );
  }

  throwError(jobKey: string | number, error: ThrowErrorRequest): Promise<void> {
    if (typeof error.errorCode !== 'string' || error.errorCode === '') throw new WeftError('ERROR_CODE_MISSING', 'a thrown error needs an errorCode');
    const vars = checkVariables(error.variables, this.maxVariableBytes);
    return this.#onJob(jobKey, (exec, key) => jobs.throwJobError(exec, key, error.errorCode, error.errorMessage ?? '', vars));
  }

  updateRetries(jobKey: string | number, retries: number): Promise<void> {
    return this.#onJob(jobKey, (exec, key) => jobs.updateJobRetries(exec, key, retries));
  }

  async activate(request: ActivateJobsRequest): Promise<LeasedJob[]> {
    const candidates = await this.store.activatableJobs(request.type, Math.max(1, Math.min(request.maxJobs, 1000)) * 2);
    const leased: LeasedJob[] = [];
    for (const candidate of candidates) {
      if (leased.length >= request.maxJobs) break;
      if (request.workspaceId !== undefined && candidate.workspaceId !== request.workspaceId) continue;
      const job = await this.dispatcher.lease(candidate, request.worker, request.timeoutMs).catch(() => undefined);
      if (job) leased.push(job);
    }
    return leased;
  }

  async #onJob(jobKey: string | number, decide: (exec: Execution, key: number) => void): Promise<void> {
    const key = parseKey(jobKey, 'jobKey');
    const job = await this.store.getJob(key);
    if (!job) throw new WeftError('JOB_NOT_FOUND', `job ${key} does not exist or is no longer active`);
    await this.runner.run(job.instanceKey, (exec) => decide(exec, key));
  }
}
