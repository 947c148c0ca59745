import { WeftError } from '../../core/index.js';
import type { JsonValue } from '../../core/index.js';
import { analyzeFeelTree } from './feel-analysis.js';
import type { FeelAnalysis } from './feel-analysis.js';
import type { FeelExpression, FeelResult, VariableLookup } from './feel-expression.js';
import { MAX_FEEL_NESTING, MAX_FEEL_SOURCE_LENGTH } from './feel-limits.js';
import { measureFeelNesting } from './feel-nesting.js';
import { feelParser } from './feel-parser.js';
import { renderFeelPosition } from './feel-position.js';
import { buildFeelProgram, describeFeelError } from './feel-program.js';
import type { FeelProgram } from './feel-program.js';
import { evaluateInSandbox } from './sandbox/feel-sandbox.js';
import type { FeelSandboxOutcome } from './sandbox/feel-sandbox.js';
import { assertFeelSandboxAvailable } from './sandbox/sandbox-availability.js';

/**
 * Compile a FEEL expression (without its leading `=`) once, at deploy time: parse, build
 * the closure tree, find the variables it reads and decide whether it needs the sandbox.
 * @throws WeftError FEEL_SYNTAX_ERROR with details {from, to, line, column}.
 * @throws WeftError FEEL_TOO_COMPLEX when longer than 64 KiB or nested deeper than 100.
 * @throws WeftError SANDBOX_UNAVAILABLE for a guarded expression in a process that cannot
 *   run the sandbox (Node started without --no-node-snapshot).
 */
export function compileFeel(source: string): FeelExpression {
  // Compiled expressions are immutable: one per distinct text, shared by every user.
  const known = compiled.get(source);
  if (known) return known;
  const expression = compile(source);
  if (compiled.size >= MAX_COMPILED) compiled.clear();
  compiled.set(source, expression);
  return expression;
}

const compiled = new Map<string, FeelExpression>();
const MAX_COMPILED = 50_000;

function compile(source: string): FeelExpression {
  const { program, analysis } = prepare(source);
  const { names } = analysis;
  const guarded = analysis.guardReasons.length > 0;
  if (guarded) assertFeelSandboxAvailable();
  const run: (context: Record<string, JsonValue>) => FeelSandboxOutcome = guarded
    ? (context) => evaluateInSandbox(source, context)
    : (context) => {
        const outcome = program.run(context);
        return outcome.ok ? outcome : { ok: false, code: 'FEEL_EVALUATION_FAILED', message: outcome.message };
      };
  return {
    source,
    names,
    guarded,
    evaluate(lookup: VariableLookup): FeelResult {
      try {
        const outcome = run(contextOf(names, lookup));
        if (outcome.ok) return outcome;
        return { ok: false, code: outcome.code, message: `FEEL expression ${quote(source)} failed: ${outcome.message}` };
      } catch (error) {
        // the lookup itself threw, or the input could not be serialised
        return { ok: false, code: 'FEEL_EVALUATION_FAILED', message: `FEEL expression ${quote(source)} failed: ${describeFeelError(error)}` };
      }
    },
  };
}

/**
 * The static analysis compileFeel bases its decisions on: the variables read and why (if
 * at all) the expression needs the sandbox. Useful to explain a deployment.
 * @throws WeftError FEEL_SYNTAX_ERROR or FEEL_TOO_COMPLEX, as compileFeel.
 */
export function analyzeFeel(source: string): FeelAnalysis {
  return prepare(source).analysis;
}

function prepare(source: string): { readonly program: FeelProgram; readonly analysis: FeelAnalysis } {
  if (source.length > MAX_FEEL_SOURCE_LENGTH) {
    throw tooComplex(source, `is ${source.length} characters long (limit ${MAX_FEEL_SOURCE_LENGTH})`, {
      length: source.length,
      limit: MAX_FEEL_SOURCE_LENGTH,
    });
  }
  const tree = feelParser.parse(source);
  const program = buildOrThrow(source, tree);
  const nesting = measureFeelNesting(tree);
  if (nesting > MAX_FEEL_NESTING) {
    throw tooComplex(source, `nests ${nesting} levels deep (limit ${MAX_FEEL_NESTING})`, { nesting, limit: MAX_FEEL_NESTING });
  }
  return { program, analysis: analyzeFeelTree(source, tree) };
}

/** Only the variables the expression reads: feelin would otherwise see (and copy) them all. */
function contextOf(names: readonly string[], lookup: VariableLookup): Record<string, JsonValue> {
  const context: Record<string, JsonValue> = {};
  for (const name of names) {
    const value = lookup(name);
    if (value === undefined) continue; // missing: feelin warns and reads null, as Zeebe does
    if (name === '__proto__') Object.defineProperty(context, name, { value, enumerable: true, writable: true, configurable: true });
    else context[name] = value;
  }
  return context;
}

function buildOrThrow(source: string, tree: ReturnType<typeof feelParser.parse>): FeelProgram {
  try {
    return buildFeelProgram(source, tree);
  } catch (error) {
    const position = (error as { position?: { from: number; to: number } }).position;
    if (position === undefined) throw error;
    const { line, column, excerpt } = renderFeelPosition(source, position.from);
    throw new WeftError(
      'FEEL_SYNTAX_ERROR',
      `FEEL syntax error at line ${line}, column ${column}: ${(error as Error).message}\n${excerpt}`,
      { details: { from: position.from, to: position.to, line, column }, cause: error },
    );
  }
}

function tooComplex(source: string, what: string, details: Record<string, number>): WeftError {
  return new WeftError('FEEL_TOO_COMPLEX', `FEEL expression ${quote(source)} ${what}`, { details });
}

/** The expression text for messages, cut short when long. */
function quote(source: string): string {
  const oneLine = source.replace(/\s+/g, ' ').trim();
  return `'${oneLine.length > 120 ? `${oneLine.slice(0, 117)}...` : oneLine}'`;
}
