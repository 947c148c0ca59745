import { normalizeContextKey, parseString } from './generated/feelin-core.js';
import type { FeelParseTree, FeelSyntaxNode } from './generated/feelin-core.js';
import { GUARDED_BUILTINS, MAX_FAST_PATH_READS } from './guarded-builtins.js';

/** What the static analysis of one expression found. */
export interface FeelAnalysis {
  /** Root variable names the expression may read, in order of first appearance. */
  readonly names: readonly string[];
  /** Why the expression must run in the sandbox; empty for the in-process fast path. */
  readonly guardReasons: readonly string[];
}

/**
 * A name bound inside the expression (iteration variable, parameter, filter item, context
 * entry). `weight` is what reading it costs: 1, or for a context entry what it read.
 */
interface Scope {
  readonly key: string;
  readonly weight: number;
  readonly parent: Scope | undefined;
}

const children = (node: FeelSyntaxNode): FeelSyntaxNode[] => {
  const list: FeelSyntaxNode[] = [];
  for (let child = node.firstChild; child !== null; child = child.nextSibling) list.push(child);
  return list;
};

/**
 * Walk a parse tree (nesting already checked, so recursion is safe) and collect the free
 * variable names plus every construct that can do unbounded or super-linear work.
 * Over-approximates names on purpose: an extra name costs one lookup, a missing one
 * changes the result.
 */
export function analyzeFeelTree(source: string, tree: FeelParseTree): FeelAnalysis {
  const names = new Set<string>();
  const reasons = new Set<string>();
  let reads = 0;
  const text = (node: FeelSyntaxNode): string => source.slice(node.from, node.to);
  const bind = (scope: Scope | undefined, name: string, weight = 1): Scope => ({ key: normalizeContextKey(name), weight, parent: scope });
  const find = (scope: Scope | undefined, key: string): Scope | undefined => {
    for (let s = scope; s !== undefined; s = s.parent) if (s.key === key) return s;
    return undefined;
  };
  // feelin's own spelling of a VariableName: identifiers joined by one space
  const variableName = (node: FeelSyntaxNode): string =>
    children(node).map((c) => (c.name === 'Identifier' ? text(c) : c.name)).join(' ');
  const nameText = (node: FeelSyntaxNode): string => text(node).replace(/\s{2,}/g, ' ');

  function variable(node: FeelSyntaxNode, scope: Scope | undefined, callTarget: boolean): void {
    const name = variableName(node);
    const reason = GUARDED_BUILTINS.get(name);
    if (reason !== undefined) reasons.add(`${reason}: ${name}()`);
    const binding = find(scope, normalizeContextKey(name));
    if (binding !== undefined) {
      reads += binding.weight;
      return;
    }
    // Variables hold JSON, never functions: a call target can only be a builtin or a
    // local function, so it is not a variable to fetch (Zeebe keeps the two apart, too).
    if (callTarget) return;
    names.add(name);
    reads += 1;
  }

  function walk(node: FeelSyntaxNode, scope: Scope | undefined): void {
    switch (node.name) {
      case 'VariableName':
        return variable(node, scope, false);
      case 'Type':
        return; // `x instance of T`: T names a type, not a variable
      case 'FunctionInvocation':
        return invocation(node, scope);
      case 'ForExpression':
      case 'QuantifiedExpression':
        reasons.add(node.name === 'ForExpression' ? 'for expression' : 'some/every expression');
        return iteration(node, scope);
      case 'FunctionDefinition':
        reasons.add('function definition (may recurse)');
        return functionDefinition(node, scope);
      case 'Context':
        return context(node, scope);
      case 'FilterExpression':
        return filter(node, scope);
      case 'Interval':
        reasons.add('range');
        break;
    }
    for (const child of children(node)) walk(child, scope);
  }

  function invocation(node: FeelSyntaxNode, scope: Scope | undefined): void {
    const [target, ...rest] = children(node);
    if (target === undefined) return;
    if (target.name === 'VariableName') variable(target, scope, true);
    else walk(target, scope);
    // string join(list, delimiter) repeats the delimiter per item: list × delimiter
    const args = rest.find((c) => c.name === 'PositionalParameters' || c.name === 'NamedParameters');
    if (target.name === 'VariableName' && variableName(target) === 'string join' && args !== undefined) {
      const delimiter = args.name === 'PositionalParameters' ? children(args)[1] : args;
      if (delimiter !== undefined && delimiter.name !== 'StringLiteral') reasons.add('string join() with a computed delimiter');
    }
    for (const child of rest) walk(child, scope);
  }

  function iteration(node: FeelSyntaxNode, scope: Scope | undefined): void {
    let inner = scope;
    const parts = children(node);
    for (const inExpression of children(parts[1] ?? node).filter((c) => c.name === 'InExpression')) {
      const [nameNode, , domain] = children(inExpression);
      if (domain !== undefined) walk(domain, inner);
      if (nameNode !== undefined) inner = bind(inner, nameText(nameNode));
    }
    if (node.name === 'ForExpression') inner = bind(inner, 'partial');
    const body = parts[parts.length - 1];
    if (body !== undefined && body !== parts[1]) walk(body, inner);
  }

  function functionDefinition(node: FeelSyntaxNode, scope: Scope | undefined): void {
    let inner = scope;
    for (const part of children(node)) {
      if (part.name === 'FormalParameters') {
        for (const parameter of children(part)) {
          const parameterName = parameter.firstChild;
          if (parameterName !== null) inner = bind(inner, children(parameterName).map(nameText).join(' '));
        }
      } else if (part.name === 'FunctionBody') {
        walk(part, inner);
      }
    }
  }

  // Each entry sees the entries before it (feelin merges them into its context), so a
  // reference to an earlier key reads a computed value: its weight is what that entry read.
  function context(node: FeelSyntaxNode, scope: Scope | undefined): void {
    let inner = scope;
    for (const entry of children(node).filter((c) => c.name === 'ContextEntry')) {
      const [keyNode, ...value] = children(entry);
      const before = reads;
      for (const part of value) walk(part, inner);
      const keyPart = keyNode?.firstChild;
      if (keyPart == null) continue;
      const key = keyPart.name === 'StringLiteral' ? parseString(text(keyPart)) : nameText(keyPart);
      inner = bind(inner, key, Math.max(1, reads - before));
    }
  }

  function filter(node: FeelSyntaxNode, scope: Scope | undefined): void {
    const [target, , condition] = children(node);
    if (target !== undefined) walk(target, scope);
    if (condition === undefined) return;
    // items[1], items[-1]: a plain index is a constant-time lookup; anything else filters
    const index = condition.name === 'NumericLiteral' ||
      (condition.name === 'ArithmeticExpression' && /^-\s*\d+$/.test(text(condition)));
    if (!index) reasons.add('filter expression');
    walk(condition, bind(scope, 'item'));
  }

  walk(tree.topNode, undefined);
  if (reads > MAX_FAST_PATH_READS) reasons.add(`reads variables ${reads} times (fast-path limit ${MAX_FAST_PATH_READS})`);
  return { names: [...names], guardReasons: [...reasons] };
}
