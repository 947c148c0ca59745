import { WeftError } from '../../../core/index.js';
import type { JsonObject } from '../../../core/index.js';
import type { JobRecord } from '../../../models/index.js';
import { jobLifecycle } from '../../lifecycle/index.js';
import type { JobEvent, JobState } from '../../lifecycle/index.js';
import { catchError, findErrorCatch, uncaughtMessage } from '../error-throw.js';
import type { Execution } from '../execution.js';
import { raiseIncident } from '../incidents.js';
import { setLocalVariables } from '../variable-scopes.js';
import { durationMs } from '../../time/index.js';

/** Commands a worker (or the API) sends about a job. Each runs inside one instance command. */

/**
 * The longest error message a job keeps (characters), as Camunda's connector runtime cuts
 * them. A worker's message can come from anywhere (an API's error body, say): longer ones
 * are cut, and say so, before they reach the job, its history and its incident.
 */
const MAX_JOB_ERROR_MESSAGE = 6_000;

function boundedErrorMessage(message: string): string {
  if (message.length <= MAX_JOB_ERROR_MESSAGE) return message;
  let end = MAX_JOB_ERROR_MESSAGE;
  // Never split a surrogate pair.
  const last = message.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${message.slice(0, end)}… [cut: ${message.length} characters in all]`;
}

function liveJob(exec: Execution, jobKey: number): JobRecord {
  const job = exec.draft.jobs.get(jobKey);
  if (!job) throw new WeftError('JOB_NOT_FOUND', `job ${jobKey} does not exist or is no longer active`);
  return job;
}

function move(job: JobRecord, event: JobEvent): JobState {
  const next = jobLifecycle.next(job.state as JobState, event);
  if (next === undefined) {
    throw new WeftError('JOB_NOT_ACTIVATABLE', `job ${job.key} is ${job.state}; it cannot take '${event}'`, {
      details: { jobKey: String(job.key), state: job.state, event },
    });
  }
  return next;
}

function elementOf(exec: Execution, job: JobRecord) {
  const ei = exec.draft.elements.get(job.elementInstanceKey);
  if (!ei) throw new WeftError('JOB_NOT_FOUND', `job ${job.key} belongs to an element that is no longer active`);
  return ei;
}

export function completeJob(exec: Execution, jobKey: number, variables: JsonObject): void {
  const job = liveJob(exec, jobKey);
  job.state = move(job, 'COMPLETE');
  const ei = elementOf(exec, job);
  exec.draft.deleteJob(job.key);
  exec.draft.record('JOB_COMPLETED', ei.key, ei.elementId, { jobKey: job.key, variables: Object.keys(variables) });
  exec.mergeResult(ei, variables);
  exec.complete(ei);
}

export interface FailJob {
  readonly retries: number;
  readonly errorMessage: string;
  /** Wait this long before offering the job again; default: the task's `retryBackoff` header. */
  readonly retryBackoffMs?: number;
  readonly variables?: JsonObject;
}

/** The `retryBackoff` task header (ISO 8601 duration) in ms; 0 when absent or invalid. */
function headerBackoff(job: JobRecord): number {
  const text = (JSON.parse(job.headers) as Record<string, string>).retryBackoff;
  return (text ? durationMs(text) : undefined) ?? 0;
}

export function failJob(exec: Execution, jobKey: number, failure: FailJob): void {
  const job = liveJob(exec, jobKey);
  const errorMessage = boundedErrorMessage(failure.errorMessage);
  const retries = Math.max(0, Math.floor(failure.retries));
  const backoffMs = failure.retryBackoffMs ?? headerBackoff(job);
  const event: JobEvent = retries === 0 ? 'FAIL_NO_RETRIES' : backoffMs > 0 ? 'FAIL_BACKOFF' : 'FAIL_RETRY';
  job.state = move(job, event);
  const ei = elementOf(exec, job);
  job.retries = retries;
  job.errorMessage = errorMessage;
  job.worker = null;
  job.deadline = event === 'FAIL_BACKOFF' ? exec.now + backoffMs : null;
  exec.draft.putJob(job);
  if (failure.variables) setLocalVariables(exec.draft, ei.key, failure.variables);
  exec.draft.record('JOB_FAILED', ei.key, ei.elementId, {
    jobKey: job.key,
    retries,
    errorMessage,
    ...(event === 'FAIL_BACKOFF' ? { retryAt: new Date(job.deadline!).toISOString() } : {}),
  });
  if (retries === 0) {
    const message = errorMessage || 'The job failed and no retries are left.';
    raiseIncident(exec, ei, 'JOB_NO_RETRIES', `${ei.elementId}: ${message}`, 'job', job.key);
  }
}

export function throwJobError(exec: Execution, jobKey: number, code: string, fullMessage: string, variables: JsonObject): void {
  const job = liveJob(exec, jobKey);
  const message = boundedErrorMessage(fullMessage);
  const ei = elementOf(exec, job);
  const caught = findErrorCatch(exec, ei, code);
  job.state = move(job, caught ? 'THROW_ERROR_CAUGHT' : 'THROW_ERROR_UNCAUGHT');
  job.errorMessage = message || null;
  exec.draft.record('ERROR_THROWN', ei.key, ei.elementId, { jobKey: job.key, errorCode: code, errorMessage: message });
  if (caught) {
    exec.draft.deleteJob(job.key);
    catchError(exec, caught, code, message, variables);
  } else {
    exec.draft.putJob(job);
    raiseIncident(exec, ei, 'UNHANDLED_ERROR_EVENT', `${ei.elementId}: ${uncaughtMessage(code, message)}`, 'job', job.key);
  }
}

/** Lease a job to a worker until `deadline`. */
export function activateJob(exec: Execution, jobKey: number, worker: string, deadline: number): JobRecord {
  const job = liveJob(exec, jobKey);
  job.state = move(job, 'ACTIVATE');
  job.worker = worker;
  job.deadline = deadline;
  exec.draft.putJob(job);
  return job;
}

/**
 * An activated job's lease ran out, or a backoff elapsed: offer it to workers again.
 * `force` releases a lease before its deadline (its worker is known to be gone).
 */
export function jobDeadlinePassed(exec: Execution, jobKey: number, force = false): JobRecord | undefined {
  const job = exec.draft.jobs.get(jobKey);
  if (!job || job.deadline === null || (!force && job.deadline > exec.now)) return undefined;
  if (job.state === 'activated') {
    job.state = move(job, 'LEASE_EXPIRED');
    exec.draft.record('JOB_TIMED_OUT', job.elementInstanceKey, job.elementId, { jobKey: job.key, worker: job.worker });
  } else if (job.state === 'backoff') {
    job.state = move(job, 'BACKOFF_ELAPSED');
  } else {
    return undefined;
  }
  job.worker = null;
  job.deadline = null;
  exec.draft.putJob(job);
  return job;
}

/** Set a job's retries (Zeebe's UpdateJobRetries); the element's incident is resolved separately. */
export function updateJobRetries(exec: Execution, jobKey: number, retries: number): void {
  const job = liveJob(exec, jobKey);
  if (!Number.isInteger(retries) || retries < 1) {
    throw new WeftError('RETRIES_INVALID', `retries must be a positive integer, got ${retries}`);
  }
  job.retries = retries;
  exec.draft.putJob(job);
  exec.draft.record('JOB_RETRIES_UPDATED', job.elementInstanceKey, job.elementId, { jobKey: job.key, retries });
}
