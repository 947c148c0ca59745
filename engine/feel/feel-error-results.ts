import { isJsonObject } from '../../core/index.js';
import type { JsonObject } from '../../core/index.js';

/** What `bpmnError(code[, message[, variables]])` evaluates to. */
export interface BpmnErrorResult {
  readonly errorType: 'bpmnError';
  readonly code: string;
  /** Absent when the expression called `bpmnError(code)`. */
  readonly message?: string;
  readonly variables?: JsonObject;
}

/** What `jobError(message[, variables[, retries[, retryBackoff]]])` evaluates to. */
export interface JobErrorResult {
  readonly errorType: 'jobError';
  readonly message: string;
  readonly variables: JsonObject;
  /** Retries left after this failure (0 unless given: an incident). */
  readonly retries: number;
  /** ISO 8601 duration, java Duration spelling: `PT0S`, `PT30S`, `PT36H`. */
  readonly retryBackoff: string;
}

/**
 * Whether an evaluated value (typically a connector's error expression result) asks to
 * throw a BPMN error. Checks the whole shape, so a user context that merely has
 * `errorType: "bpmnError"` without a string code is not mistaken for one.
 */
export function isBpmnErrorResult(value: unknown): value is BpmnErrorResult {
  return (
    isJsonObject(value) &&
    value['errorType'] === 'bpmnError' &&
    typeof value['code'] === 'string' &&
    (value['message'] === undefined || typeof value['message'] === 'string') &&
    (value['variables'] === undefined || isJsonObject(value['variables']))
  );
}

/** Whether an evaluated value asks to fail the job (retry later or raise an incident). */
export function isJobErrorResult(value: unknown): value is JobErrorResult {
  return (
    isJsonObject(value) &&
    value['errorType'] === 'jobError' &&
    typeof value['message'] === 'string' &&
    isJsonObject(value['variables']) &&
    typeof value['retries'] === 'number' &&
    Number.isInteger(value['retries']) &&
    value['retries'] >= 0 &&
    typeof value['retryBackoff'] === 'string'
  );
}
