/**
 * FEEL: compile once at deploy time, evaluate many times with only the referenced
 * variables. Straight-line expressions run in-process; anything that can loop, recurse,
 * backtrack or grow super-linearly runs in an isolated-vm sandbox under a time and memory
 * budget. Error codes: docs/errors/feel.md.
 */
export { analyzeFeel, compileFeel } from './compile-feel.js';
export type { FeelExpression, FeelResult, FeelFailureCode, VariableLookup } from './feel-expression.js';
export type { FeelAnalysis } from './feel-analysis.js';
export { renderFeelPosition } from './feel-position.js';
export type { FeelPosition } from './feel-position.js';
export { isBpmnErrorResult, isJobErrorResult } from './feel-error-results.js';
export type { BpmnErrorResult, JobErrorResult } from './feel-error-results.js';
export { configureFeelSandbox, disposeFeelSandbox, feelSandboxStatus } from './sandbox/feel-sandbox.js';
export type { FeelSandboxSettings } from './sandbox/feel-sandbox.js';
export { assertFeelSandboxAvailable } from './sandbox/sandbox-availability.js';
export { MAX_FEEL_NESTING, MAX_FEEL_SOURCE_LENGTH } from './feel-limits.js';
export { FEEL_ERROR_CODES } from './feel-error-codes.js';
export type { FeelErrorCode } from './feel-error-codes.js';
