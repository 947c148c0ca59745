import type { DeployProblem, DeployProblemCode, SourcePosition } from './deploy-problem.js';
import { nearestWithId, xmlName } from './moddle-element.js';
import type { ModdleElement } from './moddle-element.js';
import type { SourcePositions } from './source-positions.js';

/**
 * Collects every problem of one compilation instead of stopping at the first, and words
 * each one the same way: `serviceTask 'pay' (line 12, column 5): what is wrong`.
 */
export class ProblemCollector {
  readonly errors: DeployProblem[] = [];
  readonly warnings: DeployProblem[] = [];
  readonly #positions: SourcePositions;

  constructor(positions: SourcePositions) {
    this.#positions = positions;
  }

  /** Report an error about `element` (or, if it has no id, its nearest ancestor with one). */
  error(code: DeployProblemCode, element: ModdleElement | undefined, text: string): void {
    this.errors.push(this.#about(code, element, text));
  }

  /** Report a warning about `element`; warnings never stop a deployment. */
  warning(code: DeployProblemCode, element: ModdleElement | undefined, text: string): void {
    this.warnings.push(this.#about(code, element, text));
  }

  /** Report an error at a position in the text that belongs to no element (malformed XML…). */
  errorAt(code: DeployProblemCode, position: SourcePosition | undefined, text: string): void {
    this.errors.push(atPosition(code, position, text));
  }

  /** Report a warning at a position in the text that belongs to no element. */
  warningAt(code: DeployProblemCode, position: SourcePosition | undefined, text: string): void {
    this.warnings.push(atPosition(code, position, text));
  }

  get hasErrors(): boolean {
    return this.errors.length > 0;
  }

  #about(code: DeployProblemCode, element: ModdleElement | undefined, text: string): DeployProblem {
    const named = nearestWithId(element);
    if (named?.id === undefined) return atPosition(code, undefined, text);
    const position = this.#positions.ofId(named.id);
    const where = position === undefined ? '' : ` (line ${position.line}, column ${position.column})`;
    return {
      code,
      message: `${xmlName(named.$type)} '${named.id}'${where}: ${text}`,
      elementId: named.id,
      ...(position === undefined ? {} : { line: position.line, column: position.column }),
    };
  }
}

function atPosition(code: DeployProblemCode, position: SourcePosition | undefined, text: string): DeployProblem {
  if (position === undefined) return { code, message: text };
  return { code, message: `line ${position.line}, column ${position.column}: ${text}`, line: position.line, column: position.column };
}
