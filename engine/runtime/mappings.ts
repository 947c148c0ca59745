import type { JsonObject, JsonValue } from '../../core/index.js';
import type { Mapping, ValueSource } from '../model/process-model.js';
import type { VariableLookup } from '../feel/index.js';

/** The outcome of evaluating mappings: the variables, or what failed. */
export type MappingResult =
  | { readonly ok: true; readonly variables: JsonObject }
  | { readonly ok: false; readonly message: string };

/** Evaluate a static value or FEEL expression. */
export function evaluateSource(source: ValueSource, lookup: VariableLookup): { ok: true; value: JsonValue } | { ok: false; message: string } {
  if (source.kind === 'static') return { ok: true, value: source.value };
  const result = source.expression.evaluate(lookup);
  if (result.ok) return { ok: true, value: result.value };
  return { ok: false, message: `failed to evaluate expression '${source.expression.source}': ${result.message}` };
}

/**
 * Evaluate mappings in order into one document. Later mappings see earlier targets
 * (as entries of one FEEL context do); dotted targets build nested contexts, starting
 * from `base(root)` when given (outputs merge into what the scope already holds).
 */
export function evaluateMappings(
  mappings: readonly Mapping[],
  lookup: VariableLookup,
  base?: (name: string) => JsonValue | undefined,
): MappingResult {
  const document: JsonObject = {};
  const chained: VariableLookup = (name) => (name in document ? document[name] : lookup(name));
  for (const mapping of mappings) {
    const result = evaluateSource(mapping.source, chained);
    if (!result.ok) return { ok: false, message: `mapping to '${mapping.target}' ${result.message}` };
    setPath(document, mapping.target, result.value, base);
  }
  return { ok: true, variables: document };
}

/**
 * Set `a.b.c` in a document. Every context on the path is copied before it is written
 * to: it may be a variable's value, shared with the instance state.
 */
function setPath(document: JsonObject, path: string, value: JsonValue, base?: (name: string) => JsonValue | undefined): void {
  const parts = path.split('.');
  if (parts.length === 1) {
    document[path] = value;
    return;
  }
  const [root, ...rest] = parts as [string, ...string[]];
  const start = root in document ? document[root] : base?.(root);
  let target: JsonObject = isContext(start) ? { ...start } : {};
  document[root] = target;
  for (let i = 0; i < rest.length - 1; i++) {
    const key = rest[i]!;
    const next = target[key];
    const child: JsonObject = isContext(next) ? { ...next } : {};
    target[key] = child;
    target = child;
  }
  target[rest[rest.length - 1]!] = value;
}

function isContext(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
