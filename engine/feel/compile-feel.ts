import { evaluate, parseExpression } from 'feelin';
import { WeftError } from '../../core/index.js';
import type { JsonValue } from '../../core/index.js';
import type { FeelExpression, FeelResult, VariableLookup } from './feel-expression.js';

// PROVISIONAL implementation (re-parses on every call, no sandbox); replaced by the FEEL
// module proper. The exported signature is the contract.

/**
 * Parse a FEEL expression (without its leading `=`) once.
 * @throws WeftError FEEL_SYNTAX_ERROR with details {from, to} on a syntax error.
 */
export function compileFeel(source: string): FeelExpression {
  const tree = parseExpression(source, {}, undefined);
  let errorAt: { from: number; to: number } | undefined;
  const names = new Set<string>();
  tree.iterate({
    enter(node) {
      if (node.type.isError && !errorAt) errorAt = { from: node.from, to: node.to };
      if (node.name === 'VariableName' || node.name === 'Name') names.add(source.slice(node.from, node.to));
    },
  });
  if (errorAt) {
    throw new WeftError('FEEL_SYNTAX_ERROR', `FEEL syntax error at position ${errorAt.from}: '${source}'`, {
      details: { from: errorAt.from, to: errorAt.to },
    });
  }
  return {
    source,
    names: [...names],
    guarded: false,
    evaluate(lookup: VariableLookup): FeelResult {
      const context: Record<string, unknown> = {};
      for (const name of names) {
        const value = lookup(name);
        if (value !== undefined) context[name] = value;
      }
      try {
        const { value, warnings } = evaluate(source, context);
        return { ok: true, value: JSON.parse(JSON.stringify(value ?? null)) as JsonValue, warnings: warnings.map((w) => w.message) };
      } catch (error) {
        return { ok: false, code: 'FEEL_EVALUATION_FAILED', message: (error as Error).message };
      }
    },
  };
}
