import { WeftError } from '../../core/index.js';
import type { DeployProblem } from '../../engine/index.js';
import { compileFeel } from '../../engine/index.js';
import type { FeelExpression } from './webhook-config.js';

/** A problem with one property, before the element id is attached. */
export type PropertyProblem = Pick<DeployProblem, 'code' | 'message'>;

/**
 * Reads `zeebe:properties` as Modeler writes them, collecting every problem instead of
 * stopping at the first, so a deployment lists them all at once.
 */
export class PropertyReader {
  readonly problems: PropertyProblem[] = [];
  readonly #properties: Readonly<Record<string, string>>;

  constructor(properties: Readonly<Record<string, string>>) {
    this.#properties = properties;
  }

  /** The trimmed value, or undefined when absent or blank. */
  text(name: string): string | undefined {
    const value = this.#properties[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  }

  /** A property that is always FEEL (a leading `=` is optional); compiled once, here. */
  feel(name: string): FeelExpression | undefined {
    const value = this.text(name);
    if (value === undefined) return undefined;
    const source = value.startsWith('=') ? value.slice(1).trim() : value;
    if (source === '') return undefined;
    try {
      return compileFeel(source);
    } catch (error) {
      const code = error instanceof WeftError && error.code === 'FEEL_TOO_COMPLEX' ? 'FEEL_TOO_COMPLEX' : 'FEEL_SYNTAX_ERROR';
      this.fail(`${name} is not a valid FEEL expression: ${(error as Error).message}`, code);
      return undefined;
    }
  }

  /**
   * A text that may be FEEL (`=…`, evaluated once with no variables — it may only
   * combine literals) or a literal; either may hold secret placeholders.
   */
  literalOrFeel(name: string): string | undefined {
    const value = this.text(name);
    if (value === undefined || !value.startsWith('=')) return value;
    const expression = this.feel(name);
    if (!expression) return undefined;
    const result = expression.evaluate(() => undefined);
    if (!result.ok || (typeof result.value !== 'string' && typeof result.value !== 'number')) {
      this.fail(`${name} must be a text, or a FEEL expression of literals giving one (it sees no variables)`);
      return undefined;
    }
    return String(result.value);
  }

  /** One of `choices`, compared case-insensitively; `fallback` when absent. */
  choice<T extends string>(name: string, choices: readonly T[], fallback: T): T {
    const value = this.text(name);
    if (value === undefined) return fallback;
    const found = choices.find((c) => c.toLowerCase() === value.toLowerCase());
    if (found !== undefined) return found;
    this.fail(`${name} '${value}' is not supported; expected one of ${choices.join(', ')}`);
    return fallback;
  }

  /** `true`/`false`; `fallback` when absent. */
  flag(name: string, fallback: boolean): boolean {
    return this.choice(name, ['true', 'false'], fallback ? 'true' : 'false') === 'true';
  }

  /** A whole number of seconds ≥ 1; `fallback` when absent. */
  seconds(name: string, fallback: number): number {
    const value = this.text(name);
    if (value === undefined) return fallback;
    if (/^[1-9]\d{0,9}$/.test(value)) return Number(value);
    this.fail(`${name} must be a whole number of seconds ≥ 1, got '${value}'`);
    return fallback;
  }

  /** Record a problem. */
  fail(message: string, code: PropertyProblem['code'] = 'BPMN_INVALID_EVENT'): void {
    this.problems.push({ code, message });
  }
}
