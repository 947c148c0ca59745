import { afterEach, describe, expect, it, vi } from 'vitest';
import { compileFeel } from '../../../engine/feel/index.js';
import { feelParser } from '../../../engine/feel/feel-parser.js';

const lookupOf = (vars: Record<string, unknown>) => (name: string) => vars[name] as never;

describe('compile once, evaluate many', () => {
  afterEach(() => vi.restoreAllMocks());

  it('parses at compile time and never again while evaluating', () => {
    const parse = vi.spyOn(feelParser, 'parse');
    const expression = compileFeel('order.total > 100 and count(order.items) < 5');
    expect(parse).toHaveBeenCalledTimes(1);

    for (let total = 0; total < 200; total += 10) {
      const result = expression.evaluate(lookupOf({ order: { total, items: [1, 2] } }));
      expect(result).toEqual({ ok: true, value: total > 100, warnings: [] });
    }
    expect(parse).toHaveBeenCalledTimes(1);
  });

  it('does not parse on the host when a guarded expression runs in the sandbox either', () => {
    const parse = vi.spyOn(feelParser, 'parse');
    const expression = compileFeel('for x in xs return x * 2');
    expect(expression.guarded).toBe(true);
    for (let i = 0; i < 5; i++) expect(expression.evaluate(lookupOf({ xs: [i] }))).toEqual({ ok: true, value: [i * 2], warnings: [] });
    expect(parse).toHaveBeenCalledTimes(1);
  });

  it('asks the lookup only for the names the expression reads, once each', () => {
    const expression = compileFeel('a + b + a');
    const lookup = vi.fn((name: string) => ({ a: 1, b: 2, unrelated: [1, 2, 3] } as Record<string, number | number[]>)[name]);
    expect(expression.evaluate(lookup)).toEqual({ ok: true, value: 4, warnings: [] });
    expect(lookup.mock.calls.map(([name]) => name).sort()).toEqual(['a', 'b']);
  });

  it('does not let one evaluation leak warnings into the next', () => {
    const expression = compileFeel('x + 1');
    expect(expression.evaluate(lookupOf({}))).toMatchObject({ ok: true, value: null });
    const again = expression.evaluate(lookupOf({}));
    expect(again.ok ? again.warnings : []).toHaveLength(2);
    expect(expression.evaluate(lookupOf({ x: 1 }))).toEqual({ ok: true, value: 2, warnings: [] });
  });

  it('returns a copy, never the variable it read', () => {
    const order = { items: [{ id: 1 }] };
    const result = compileFeel('order').evaluate(lookupOf({ order }));
    expect(result).toEqual({ ok: true, value: order, warnings: [] });
    expect((result as { value: unknown }).value).not.toBe(order);
  });
});
