/**
 * Every code engine/feel throws (as a WeftError) or returns (as a failed FeelResult),
 * each documented in docs/errors/feel.md; a test keeps the two in step.
 */
export const FEEL_ERROR_CODES = [
  'FEEL_SYNTAX_ERROR',
  'FEEL_TOO_COMPLEX',
  'SANDBOX_UNAVAILABLE',
  'FEEL_SANDBOX_OPTIONS_INVALID',
  'FEEL_EVALUATION_FAILED',
  'FEEL_TIMEOUT',
  'FEEL_MEMORY_LIMIT',
] as const;

export type FeelErrorCode = (typeof FEEL_ERROR_CODES)[number];
