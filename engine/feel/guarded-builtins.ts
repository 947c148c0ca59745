/**
 * Builtins whose cost can grow faster than their input, by name, with the reason shown
 * when an expression using one is sent to the sandbox. Any reference counts, called or
 * not: `{f: matches}.f(s, p)` must not slip past.
 *
 * - Regular expressions: a pattern like `^(a+)+$` backtracks exponentially, and V8 cannot
 *   stop a running regexp in the host thread (the sandbox's isolate timeout can).
 * - distinct values / union compare complex items pairwise (quadratic); duplicate values is
 *   Camunda's (feelin lacks it, but a later feelin may not).
 * - sort / median / mode sort their input; sort calls a FEEL comparator n·log n times.
 */
export const GUARDED_BUILTINS: ReadonlyMap<string, string> = new Map([
  ['matches', 'regular expression'],
  ['replace', 'regular expression'],
  ['split', 'regular expression'],
  ['distinct values', 'quadratic list function'],
  ['union', 'quadratic list function'],
  ['duplicate values', 'quadratic list function'],
  ['sort', 'sorting'],
  ['median', 'sorting'],
  ['mode', 'sorting'],
]);

/**
 * On the fast path, the data an expression can produce is bounded by how often it reads
 * variables (`concatenate(xs, xs, …)`, `[x, x, …]`, context entries reusing earlier
 * entries): past this many weighted reads it runs in the sandbox instead.
 */
export const MAX_FAST_PATH_READS = 128;
