import { describe, expect, it } from 'vitest';
import { analyzeFeel, compileFeel } from '../../../engine/feel/index.js';

describe('guard classification', () => {
  it.each([
    'a + b',
    'order.total > 100',
    'a.b + c[1]',
    'items[1].name',
    'items[-1]',
    'if x > 1 then "many" else "one"',
    '{id: order.id, total: order.total}',
    '{total: price * qty, gross: total * 1.2}',
    '[a, b, c]',
    'string length(name) > 3 and contains(name, "x")',
    'count(items) + sum(prices) + max(1, 2)',
    'string join(names, ", ")',
    'date and time(deadline) < now()',
    'x between 1 and 10',
    'bpmnError("E", error.message)',
  ])('%s runs in-process', (source) => {
    expect(analyzeFeel(source).guardReasons).toEqual([]);
    expect(compileFeel(source).guarded).toBe(false);
  });

  it.each([
    ['for x in xs return x', 'for expression'],
    ['some x in xs satisfies x > 1', 'some/every expression'],
    ['every x in xs satisfies x > 1', 'some/every expression'],
    ['x in [1..10]', 'range'],
    ['items[price > 10]', 'filter expression'],
    ['items[i]', 'filter expression'],
    ['(function(n) n + 1)(1)', 'function definition (may recurse)'],
    ['matches(s, "^a")', 'regular expression: matches()'],
    ['replace(s, "a", "b")', 'regular expression: replace()'],
    ['split(s, ",")', 'regular expression: split()'],
    ['{f: matches}.f(s, "a")', 'regular expression: matches()'],
    ['distinct values(xs)', 'quadratic list function: distinct values()'],
    ['union(xs, ys)', 'quadratic list function: union()'],
    ['sort(xs, function(a, b) a < b)', 'sorting: sort()'],
    ['median(xs)', 'sorting: median()'],
    ['string join(names, sep)', 'string join() with a computed delimiter'],
  ])('%s is guarded (%s)', (source, reason) => {
    expect(analyzeFeel(source).guardReasons).toContain(reason);
    expect(compileFeel(source).guarded).toBe(true);
  });

  it('guards context entries that reuse earlier entries often enough to grow exponentially', () => {
    expect(analyzeFeel('{a: s, b: a + a, c: b + b}').guardReasons).toEqual([]);
    const doubling = `{a: s, ${'bcdefghij'.split('').map((k, i) => `${k}: ${'abcdefghij'[i]} + ${'abcdefghij'[i]}`).join(', ')}}`;
    expect(analyzeFeel(doubling).guardReasons).toEqual([expect.stringMatching(/^reads variables \d+ times/)]);
  });

  it('guards expressions that read variables more than the fast-path limit allows', () => {
    const many = `concatenate(${Array.from({ length: 129 }, () => 'xs').join(', ')})`;
    expect(analyzeFeel(many).guardReasons).toEqual(['reads variables 129 times (fast-path limit 128)']);
    expect(analyzeFeel(`concatenate(${Array.from({ length: 128 }, () => 'xs').join(', ')})`).guardReasons).toEqual([]);
  });
});
