import { describe, expect, it } from 'vitest';
import { analyzeFeel, compileFeel } from '../../../engine/feel/index.js';

const namesOf = (source: string) => compileFeel(source).names;

describe('root variable names', () => {
  it('takes the root of paths and filters', () => {
    expect(namesOf('a.b + c[1]')).toEqual(['a', 'c']);
    expect(namesOf('order.customer.address.city')).toEqual(['order']);
  });

  it('leaves out names bound by for / some / every, but keeps what their domains read', () => {
    expect(analyzeFeel('for x in xs return x + y').names).toEqual(['xs', 'y']);
    expect(analyzeFeel('every x in xs, z in x.children satisfies z > limit').names).toEqual(['xs', 'limit']);
    expect(analyzeFeel('for i in 1..n return partial').names).toEqual(['n']);
  });

  it('treats context keys as keys, and earlier entries as bound for later ones', () => {
    expect(namesOf('{a: 1, "b c": 2}')).toEqual([]);
    expect(namesOf('{a: 1, b: a}')).toEqual([]);
    // `a` is read before the entry that defines it, so it is the variable a
    expect(namesOf('{b: a, a: 1}')).toEqual(['a']);
    expect(namesOf('{"total": price * qty, gross: total * 1.2}')).toEqual(['price', 'qty']);
  });

  it('leaves out function parameters and the filter item, keeps what a filter may fall back to', () => {
    expect(analyzeFeel('(function(n) n * factor)(2)').names).toEqual(['factor']);
    expect(analyzeFeel('items[item.price > min]').names).toEqual(['items', 'min']);
    // inside a filter, `price` is the item's field or else the variable: both must be visible
    expect(analyzeFeel('items[price > 10].name').names).toEqual(['items', 'price']);
  });

  it('does not fetch builtins called by name, nor type names', () => {
    expect(namesOf('string length(name) > 3')).toEqual(['name']);
    expect(namesOf('now() > deadline')).toEqual(['deadline']);
    expect(namesOf('bpmnError("E1", message)')).toEqual(['message']);
    expect(namesOf('x instance of number')).toEqual(['x']);
  });

  it('reads a variable that happens to share a builtin name as a variable', () => {
    const expression = compileFeel('count + 1');
    expect(expression.names).toEqual(['count']);
    expect(expression.evaluate((name) => (name === 'count' ? 41 : undefined))).toEqual({ ok: true, value: 42, warnings: [] });
    // a call alone never fetches the variable, so the builtin stays callable
    expect(compileFeel('count([1, 2])').evaluate(() => 41)).toEqual({ ok: true, value: 2, warnings: [] });
  });
});
