import type { CancelToken, JsonObject } from '../../core/index.js';

/** A job leased to an in-process handler. Keys are strings, as on every API. */
export interface ActivatedJob {
  readonly key: string;
  readonly type: string;
  readonly processInstanceKey: string;
  readonly bpmnProcessId: string;
  readonly elementId: string;
  readonly elementInstanceKey: string;
  readonly workspaceId: string;
  readonly orgId: string;
  readonly retries: number;
  /** Lease end, epoch ms. */
  readonly deadline: number;
  readonly headers: Readonly<Record<string, string>>;
  /** Every variable visible at the task, after its input mappings. */
  readonly variables: JsonObject;
  /** Aborted when the lease ends or the worker drains (made on first use). */
  readonly signal: AbortSignal;
  /** The same cancellation without an AbortSignal: cheaper to listen to. */
  readonly cancel: CancelToken;
}

/** A note the handler wants in the instance history (e.g. a redacted connector exchange). */
export interface HistoryNote {
  readonly type: string;
  readonly data: Readonly<Record<string, unknown>>;
}

/** How a handler ends a job: exactly one of these. */
export type JobOutcome =
  | { readonly kind: 'complete'; readonly variables?: JsonObject; readonly notes?: readonly HistoryNote[] }
  | {
      readonly kind: 'fail';
      readonly errorMessage: string;
      /** Retries left after this failure; default: the job's retries − 1. */
      readonly retries?: number;
      readonly retryBackoffMs?: number;
      readonly variables?: JsonObject;
      readonly notes?: readonly HistoryNote[];
    }
  | {
      readonly kind: 'error';
      readonly errorCode: string;
      readonly errorMessage?: string;
      readonly variables?: JsonObject;
      readonly notes?: readonly HistoryNote[];
    };

/** An in-process worker for one or more job types. A throw counts as a failure with retries − 1. */
export type JobHandler = (job: ActivatedJob) => Promise<JobOutcome>;

/** How a handler is registered. */
export interface JobHandlerRegistration {
  /** The job type, or a predicate over types (e.g. every `connector:*`). */
  readonly type: string | ((type: string) => boolean);
  readonly handler: JobHandler;
  /** Lease length; default 5 minutes. */
  readonly timeoutMs?: number;
  /**
   * The lease length a job asks for in its task headers, or undefined to use `timeoutMs`.
   * The connector bridge reads Camunda's `jobTimeout` header here.
   */
  readonly leaseFromHeaders?: (headers: Readonly<Record<string, string>>) => number | undefined;
}

/** A leased job as data: what external workers receive, and what the pool gives a cancellation. */
export type LeasedJob = Omit<ActivatedJob, 'signal' | 'cancel'>;
