import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../../../core/index.js';
import { compileFeel } from '../../../engine/feel/index.js';

const run = (source: string, vars: Record<string, JsonValue> = {}) =>
  compileFeel(source).evaluate((name) => (Object.hasOwn(vars, name) ? vars[name] : undefined));

describe('evaluation on the fast path', () => {
  it('computes straight-line expressions', () => {
    expect(run('a + b', { a: 1, b: 2 })).toEqual({ ok: true, value: 3, warnings: [] });
    expect(run('if order.total > 100 then "big" else "small"', { order: { total: 150 } })).toMatchObject({ value: 'big' });
    expect(run('{sum: a + b, list: [a, b], text: "n=" + string(a)}', { a: 1, b: 2 })).toMatchObject({
      value: { sum: 3, list: [1, 2], text: 'n=1' },
    });
    expect(run('upper case(name) + "!"', { name: 'weft' })).toMatchObject({ value: 'WEFT!' });
    expect(run('items[-1].id', { items: [{ id: 1 }, { id: 2 }] })).toMatchObject({ value: 2 });
  });

  it('reads a missing variable as null with a warning, like Zeebe, instead of failing', () => {
    const result = run('missing');
    expect(result).toEqual({ ok: true, value: null, warnings: ["Variable 'missing' not found"] });
    expect(run('order.customer.name', { order: {} })).toMatchObject({ ok: true, value: null });
    expect(run('missing > 5')).toMatchObject({ ok: true, value: null });
    expect(run('if missing = null then "absent" else "present"')).toMatchObject({ ok: true, value: 'absent' });
  });

  it('fails, naming the expression, when the result is not a value', () => {
    const range = run('[1..5]');
    expect(range).toMatchObject({ ok: false, code: 'FEEL_EVALUATION_FAILED' });
    expect((range as { message: string }).message).toMatch(/^FEEL expression '\[1\.\.5\]' failed: result is not a value/);
    expect(run('function(x) x')).toMatchObject({ ok: false, code: 'FEEL_EVALUATION_FAILED' });
    expect(run('{f: upper case}')).toMatchObject({ ok: false, code: 'FEEL_EVALUATION_FAILED' });
    expect(run('10 ** 400')).toMatchObject({ ok: false, message: expect.stringMatching(/non-finite number/) });
  });

  it('never throws, even when the lookup does', () => {
    const expression = compileFeel('a + 1');
    const result = expression.evaluate(() => {
      throw new Error('database gone');
    });
    expect(result).toEqual({ ok: false, code: 'FEEL_EVALUATION_FAILED', message: "FEEL expression 'a + 1' failed: database gone" });
  });

  it('keeps a variable called __proto__ as data', () => {
    expect(run('__proto__.x', { ['__proto__']: { x: 1 } })).toMatchObject({ ok: true, value: 1 });
    const parsed = JSON.parse('{"__proto__": {"polluted": true}}') as JsonValue;
    expect(run('data', { data: parsed })).toEqual({ ok: true, value: parsed, warnings: [] });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('caps the warnings a single evaluation reports', () => {
    const many = Array.from({ length: 30 }, (_, i) => `m${i}`).join(' + ');
    const result = run(`[${many.split(' + ').join(', ')}]`);
    const warnings = result.ok ? result.warnings : [];
    expect(warnings).toHaveLength(21);
    expect(warnings[20]).toBe('… and 10 more warnings');
  });
});
