import { builtins, fn, getType, isDuration } from './generated/feelin-core.js';
import { formatJavaDuration, totalNanoseconds } from './iso-temporal.js';

// Camunda 8's connector functions, available to every Weft expression. Shapes follow the
// Camunda connectors runtime (8.3–8.7 spelling: `code` / `message`); a wrong argument type
// fails the evaluation, as it does there, instead of quietly yielding null.

/**
 * `bpmnError(code[, message[, variables]])` → `{errorType: "bpmnError", code, message?,
 * variables?}`. The message may be omitted (Camunda's code-only variant); the key is then
 * absent.
 */
function bpmnError(code: unknown, message: unknown, variables: unknown): Record<string, unknown> {
  const result: Record<string, unknown> = { errorType: 'bpmnError', code: requireString('bpmnError', 'code', code) };
  if (message !== undefined) result['message'] = requireString('bpmnError', 'message', message);
  if (variables !== undefined) result['variables'] = requireContext('bpmnError', 'variables', variables);
  return result;
}

/**
 * `jobError(message[, variables[, retries[, retryBackoff]]])` → `{errorType: "jobError",
 * message, variables: {}, retries: 0, retryBackoff: "PT0S"}` (defaults shown; null means
 * the default). The backoff is a days-and-time duration, returned as java Duration text.
 */
function jobError(message: unknown, variables: unknown, retries: unknown, retryBackoff: unknown): Record<string, unknown> {
  return {
    errorType: 'jobError',
    message: requireString('jobError', 'message', message),
    variables: variables == null ? {} : requireContext('jobError', 'variables', variables),
    retries: retries == null ? 0 : requireRetries(retries),
    retryBackoff: retryBackoff == null ? 'PT0S' : requireBackoff(retryBackoff),
  };
}

function requireString(fnName: string, param: string, value: unknown): string {
  if (typeof value !== 'string') throw invalid(fnName, param, 'a string', value);
  return value;
}

function requireContext(fnName: string, param: string, value: unknown): unknown {
  if (getType(value) !== 'context') throw invalid(fnName, param, 'a context', value);
  return value;
}

function requireRetries(value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw invalid('jobError', 'retries', 'a whole number ≥ 0', value);
  }
  return value;
}

function requireBackoff(value: unknown): string {
  if (!isDuration(value) || value.yearsMonths || totalNanoseconds(value) < 0n) {
    throw invalid('jobError', 'retryBackoff', 'a non-negative days and time duration', value);
  }
  return formatJavaDuration(value);
}

function invalid(fnName: string, param: string, expected: string, value: unknown): Error {
  const got = getType(value) === 'string' ? JSON.stringify(value) : getType(value);
  return new Error(`${fnName}(): parameter '${param}' must be ${expected}, got ${got}`);
}

let registered = false;

/**
 * Add Weft's builtins to feelin's builtin table. Must run before any closure tree is
 * built, because feelin resolves builtin names while building. Idempotent.
 */
export function registerWeftBuiltins(): void {
  if (registered) return;
  registered = true;
  // 'any?' everywhere: the functions check their own arguments and throw, where feelin's
  // checks would return null silently.
  builtins['bpmnError'] = fn(bpmnError, ['any?', 'any?', 'any?'], ['code', 'message', 'variables']);
  builtins['jobError'] = fn(jobError, ['any?', 'any?', 'any?', 'any?'], ['message', 'variables', 'retries', 'retryBackoff']);
}
