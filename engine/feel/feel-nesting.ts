import type { FeelParseTree } from './generated/feelin-core.js';

/**
 * How deeply an expression nests, counted in parse-tree nodes that combine two or more
 * parts (an operator with its operands, a call, parentheses, a path step, a list, a
 * context…). Single-child wrappers do not count, so `a` and `(a)` differ by one level.
 * Iterative on purpose: it must measure trees far too deep for a recursive walk.
 */
export function measureFeelNesting(tree: FeelParseTree): number {
  const composite: boolean[] = [];
  let depth = 0;
  let max = 0;
  tree.iterate({
    enter(ref) {
      const first = ref.node.firstChild;
      const isComposite = first !== null && first.nextSibling !== null;
      composite.push(isComposite);
      if (isComposite && ++depth > max) max = depth;
    },
    leave() {
      if (composite.pop()) depth--;
    },
  });
  return max;
}
