import { WeftError, isJsonObject } from '../../core/index.js';
import type { JsonObject, JsonValue } from '../../core/index.js';
import type { ConnectorOutcome, ConnectorRuntime } from '../../connectors/index.js';
import { isBpmnErrorResult, isJobErrorResult } from '../feel/index.js';
import type { ActivatedJob, HistoryNote, JobHandlerRegistration, JobOutcome } from '../jobs/job-handler.js';
import { durationMs } from '../time/index.js';
import { durationHeaderMs } from './duration-headers.js';
import { evaluateHeader, resultVariables } from './connector-expressions.js';

/**
 * Plugs the connector runtime into the engine as one job handler: the runtime makes the
 * call (secrets, credentials, egress guard); this bridge applies what Camunda's
 * connector runtime applies around it — resultVariable, resultExpression, errorExpression
 * (`bpmnError(...)` → BPMN error, `jobError(...)` → failure with its retries and backoff)
 * and the retry policy (retries − 1, none for input errors) — and records every call in
 * history, redacted.
 */
export function connectorJobHandler(runtime: ConnectorRuntime, options: { timeoutMs?: number } = {}): JobHandlerRegistration {
  return {
    type: (type) => runtime.handles(type),
    timeoutMs: options.timeoutMs ?? 5 * 60_000,
    // As Camunda's connector runtime: a `jobTimeout` header sets the job's lease length
    // (a bad one gets the default lease; the handler then fails the job with the reason).
    leaseFromHeaders: (headers) => (headers.jobTimeout ? durationHeaderMs('jobTimeout', headers.jobTimeout) : undefined),
    handler: (job) => runConnectorJob(runtime, job),
  };
}

/** The first duration header of the job that cannot be used, as a message; undefined when all can. */
function badDurationHeader(headers: Readonly<Record<string, string>>): string | undefined {
  for (const name of ['jobTimeout', 'retryBackoff'] as const) {
    const text = headers[name];
    if (text === undefined || text.trim() === '' || durationHeaderMs(name, text) !== undefined) continue;
    const wanted = name === 'jobTimeout' ? 'a positive ISO 8601 duration' : 'an ISO 8601 duration';
    return `CONNECTOR_INPUT_INVALID: task header ${name} ${JSON.stringify(text)} is not ${wanted} (PT10M, say)`;
  }
  return undefined;
}

async function runConnectorJob(runtime: ConnectorRuntime, job: ActivatedJob): Promise<JobOutcome> {
  // As Camunda's connector runtime: headers it cannot read fail the job before any call
  // (a configuration problem: no retry helps).
  const badHeader = badDurationHeader(job.headers);
  if (badHeader) return { kind: 'fail', errorMessage: badHeader, retries: 0 };
  const outcome = await runtime.execute({
    jobKey: job.key,
    type: job.type,
    headers: job.headers,
    variables: job.variables,
    retries: job.retries,
    orgId: job.orgId,
    workspaceId: job.workspaceId,
    processInstanceKey: job.processInstanceKey,
    elementId: job.elementId,
    cancel: job.cancel,
  });
  if (outcome.kind === 'skipped') {
    return { kind: 'complete', variables: {}, notes: [{ type: 'CONNECTOR_SKIPPED', data: { jobType: job.type, reason: outcome.reason } }] };
  }
  const notes: HistoryNote[] = outcome.exchanges.map((exchange) => ({ type: 'CONNECTOR_CALL', data: { jobType: job.type, ...exchange } }));
  try {
    return withNotes(decide(job, outcome), notes);
  } catch (error) {
    // A broken result/error expression is a configuration problem: no retry helps.
    const message = error instanceof WeftError ? error.message : String(error);
    return { kind: 'fail', errorMessage: message, retries: 0, notes };
  }
}

function decide(job: ActivatedJob, outcome: Exclude<ConnectorOutcome, { kind: 'skipped' }>): JobOutcome {
  const { headers } = job;
  if (outcome.kind === 'success') {
    const variables = resultVariables(headers, outcome.response);
    if (headers.errorExpression) {
      const context: JsonObject = { ...variables, response: outcome.response, error: null, job: { retries: job.retries } };
      const handled = fromErrorExpression(evaluateHeader('errorExpression', headers.errorExpression, context));
      if (handled) return handled;
    }
    return { kind: 'complete', variables };
  }
  const { error, retryable } = outcome;
  if (headers.errorExpression) {
    const errorValue: JsonObject = { code: error.code, message: error.message, variables: error.variables ?? {} };
    const response: JsonValue = (error.variables?.response as JsonValue | undefined) ?? null;
    const context: JsonObject = { response, error: errorValue, job: { retries: job.retries } };
    const handled = fromErrorExpression(evaluateHeader('errorExpression', headers.errorExpression, context));
    if (handled) return handled;
  }
  return {
    kind: 'fail',
    errorMessage: `${error.code}: ${error.message}`,
    retries: retryable ? job.retries - 1 : 0,
    ...(retryable ? backoffFrom(headers.retryBackoff) : {}),
  };
}

/** `bpmnError(...)` → a BPMN error; `jobError(...)` → a failure; anything else: normal handling. */
function fromErrorExpression(value: JsonValue): JobOutcome | undefined {
  if (isBpmnErrorResult(value)) {
    if (typeof value.code !== 'string' || value.code === '') return undefined;
    return {
      kind: 'error',
      errorCode: value.code,
      errorMessage: typeof value.message === 'string' ? value.message : '',
      ...(isJsonObject(value.variables) ? { variables: value.variables } : {}),
    };
  }
  if (isJobErrorResult(value)) {
    const retries = typeof value.retries === 'number' ? value.retries : 0;
    return {
      kind: 'fail',
      errorMessage: typeof value.message === 'string' ? value.message : 'job error',
      retries: Math.max(0, Math.floor(retries)),
      ...backoffFrom(typeof value.retryBackoff === 'string' ? value.retryBackoff : undefined),
      ...(isJsonObject(value.variables) && Object.keys(value.variables).length > 0 ? { variables: value.variables } : {}),
    };
  }
  // Camunda also accepts a plain context with a non-empty `code` as a BPMN error.
  if (isJsonObject(value) && typeof value.code === 'string' && value.code !== '') {
    return { kind: 'error', errorCode: value.code, errorMessage: typeof value.message === 'string' ? value.message : '' };
  }
  return undefined;
}

function backoffFrom(text: string | undefined): { retryBackoffMs?: number } {
  const ms = text ? durationMs(text) : undefined;
  return ms === undefined ? {} : { retryBackoffMs: ms };
}

function withNotes(outcome: JobOutcome, notes: readonly HistoryNote[]): JobOutcome {
  return notes.length === 0 ? outcome : { ...outcome, notes: [...(outcome.notes ?? []), ...notes] };
}
