/**
 * Static limits checked when an expression is compiled. Both keep the parser and the
 * recursive closure tree far from V8's stack limit, whatever the modeler wrote.
 */

/** Longest accepted expression text, in UTF-16 code units (64 KiB). */
export const MAX_FEEL_SOURCE_LENGTH = 64 * 1024;

/**
 * Deepest accepted nesting, counted in parse-tree nodes that combine two or more parts
 * (operators, calls, parentheses, paths, lists, contexts…).
 */
export const MAX_FEEL_NESTING = 100;
