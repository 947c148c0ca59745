import type { JsonValue } from '../../core/index.js';
import { Interpreter, InterpreterContext } from './generated/feelin-core.js';
import type { FeelParseTree } from './generated/feelin-core.js';
import { registerWeftBuiltins } from './feel-builtins.js';
import { feelParser } from './feel-parser.js';
import { feelToJson } from './feel-to-json.js';

// Shared by the host (fast path) and the sandbox isolate (bundled into its script): the
// same code builds and runs a program on both sides, so results cannot drift apart.

registerWeftBuiltins();
const interpreter = new Interpreter();

/** At most this many warnings are reported; a loop can raise one per iteration. */
const MAX_WARNINGS = 20;

/** What one run produced, before the host attaches expression text and failure codes. */
export type FeelRunOutcome =
  | { readonly ok: true; readonly value: JsonValue; readonly warnings: readonly string[] }
  | { readonly ok: false; readonly message: string };

/** An expression's closure tree, built once and run many times. */
export interface FeelProgram {
  /** Run against `context` (only the variables the expression reads). Never throws. */
  run(context: Record<string, unknown>): FeelRunOutcome;
}

/**
 * Build the closure tree of a syntactically valid expression (throws feelin's SyntaxError
 * otherwise). Pass the tree when the caller already parsed, so nothing parses twice.
 */
export function buildFeelProgram(source: string, tree: FeelParseTree = feelParser.parse(source)): FeelProgram {
  // The closures capture this collector; run() swaps in a fresh array each time instead of
  // rebuilding anything.
  const collector = new InterpreterContext();
  const { root } = interpreter._buildExecutionTree(tree, source, collector);
  return {
    run(context) {
      collector.warnings = [];
      try {
        const value = feelToJson(root(context));
        return { ok: true, value, warnings: summarizeWarnings(collector.warnings.map((w) => w.message)) };
      } catch (error) {
        return { ok: false, message: describeFeelError(error) };
      } finally {
        collector.warnings = [];
      }
    },
  };
}

/** A one-line description of anything thrown while evaluating. */
export function describeFeelError(error: unknown): string {
  if (error instanceof RangeError && /call stack/i.test(error.message)) {
    return `RangeError: ${error.message} (recursion too deep)`;
  }
  if (error instanceof Error) {
    return error.constructor === Error || error.name === 'NotAValueError' ? error.message : `${error.name}: ${error.message}`;
  }
  return String(error);
}

function summarizeWarnings(messages: readonly string[]): readonly string[] {
  if (messages.length <= MAX_WARNINGS) return messages;
  return [...messages.slice(0, MAX_WARNINGS), `… and ${messages.length - MAX_WARNINGS} more warnings`];
}
