import { WeftError } from '../../core/index.js';
import { compileFeel } from '../feel/index.js';
import type { FeelExpression } from '../feel/index.js';
import type { ValueSource } from '../model/process-model.js';
import type { ModdleElement } from './moddle-element.js';
import type { ProblemCollector } from './problem-collector.js';
import type { UnresolvedReferences } from './unresolved-references.js';

/**
 * What every part of one compilation shares: where problems go, which references were
 * already reported broken, and the FEEL expressions compiled so far. Modeler templates
 * repeat the same long expressions on every task; each distinct text is parsed once.
 */
export class CompileContext {
  readonly problems: ProblemCollector;
  readonly unresolved: UnresolvedReferences;
  readonly #feel = new Map<string, FeelExpression | WeftError>();

  constructor(problems: ProblemCollector, unresolved: UnresolvedReferences) {
    this.problems = problems;
    this.unresolved = unresolved;
  }

  /**
   * A Zeebe value: FEEL when it starts with `=`, a literal string otherwise. Reports a FEEL
   * syntax error naming `element` and `where` (e.g. "zeebe:input target 'url'") and returns
   * undefined then.
   */
  valueSource(element: ModdleElement, where: string, raw: string): ValueSource | undefined {
    if (!isExpression(raw)) return { kind: 'static', value: raw };
    const expression = this.expression(element, where, raw);
    return expression === undefined ? undefined : { kind: 'expression', expression };
  }

  /** Compile `raw` (which starts with `=`, possibly after blanks) as FEEL, reporting syntax errors. */
  expression(element: ModdleElement, where: string, raw: string): FeelExpression | undefined {
    const text = raw.trim();
    const source = text.slice(1);
    let compiled = this.#feel.get(source);
    if (compiled === undefined) {
      compiled = compileOrError(source);
      this.#feel.set(source, compiled);
    }
    if (!(compiled instanceof WeftError)) return compiled;
    if (compiled.code === 'FEEL_TOO_COMPLEX') {
      this.problems.error('FEEL_TOO_COMPLEX', element, `the FEEL expression in ${where} is too complex: ${compiled.message}`);
      return undefined;
    }
    const from = typeof compiled.details['from'] === 'number' ? compiled.details['from'] : 0;
    const reason = /^FEEL syntax error at line \d+, column \d+: (.*)$/m.exec(compiled.message)?.[1];
    this.problems.error(
      'FEEL_SYNTAX_ERROR',
      element,
      // Positions count from 1 at the `=`, as the author sees the attribute.
      `FEEL syntax error in ${where} at position ${from + 2} of '${shorten(text)}'${reason === undefined ? '' : `: ${reason}`}`,
    );
    return undefined;
  }
}

/** Zeebe's rule: a value is an expression exactly when it starts with `=`. */
export function isExpression(raw: string): boolean {
  return raw.trimStart().startsWith('=');
}

// Syntax and complexity are problems of the file; anything else (the sandbox missing from
// this process, a bug) is not, and propagates.
function compileOrError(source: string): FeelExpression | WeftError {
  try {
    return compileFeel(source);
  } catch (error) {
    if (error instanceof WeftError && (error.code === 'FEEL_SYNTAX_ERROR' || error.code === 'FEEL_TOO_COMPLEX')) return error;
    throw error;
  }
}

function shorten(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ');
  return oneLine.length > 120 ? `${oneLine.slice(0, 117)}...` : oneLine;
}
