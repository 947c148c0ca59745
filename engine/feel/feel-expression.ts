import type { JsonValue } from '../../core/index.js';

/**
 * A FEEL expression compiled once at deploy time and evaluated many times.
 *
 * `names` are the root variable names the expression reads; the runtime hands the
 * evaluator only those (feelin deep-copies its whole context on every call).
 */
export interface FeelExpression {
  /** The expression text without the leading `=`. */
  readonly source: string;
  /** Root variable names the expression references (e.g. `order` for `order.total > 5`). */
  readonly names: readonly string[];
  /**
   * True when the expression can run unbounded work (loops, ranges, regular
   * expressions, function definitions, quadratic builtins): it is then evaluated in
   * the sandbox, under a time and memory budget.
   */
  readonly guarded: boolean;
  /** Evaluate with the given lookup; never throws. */
  evaluate(lookup: VariableLookup): FeelResult;
}

/** Returns the value of a variable visible where the expression runs, or undefined. */
export type VariableLookup = (name: string) => JsonValue | undefined;

export type FeelResult =
  | { readonly ok: true; readonly value: JsonValue; readonly warnings: readonly string[] }
  | { readonly ok: false; readonly code: FeelFailureCode; readonly message: string };

/**
 * FEEL_EVALUATION_FAILED — the expression threw or produced something that is not a value.
 * FEEL_TIMEOUT — the sandbox's time budget ran out.
 * FEEL_MEMORY_LIMIT — the sandbox's memory budget ran out.
 */
export type FeelFailureCode = 'FEEL_EVALUATION_FAILED' | 'FEEL_TIMEOUT' | 'FEEL_MEMORY_LIMIT';
