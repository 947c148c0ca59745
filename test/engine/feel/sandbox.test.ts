import { afterAll, describe, expect, it } from 'vitest';
import type { JsonValue } from '../../../core/index.js';
import { WeftError } from '../../../core/index.js';
import { compileFeel, configureFeelSandbox, disposeFeelSandbox, feelSandboxStatus } from '../../../engine/feel/index.js';
import type { FeelResult } from '../../../engine/feel/index.js';
import { buildFeelProgram } from '../../../engine/feel/feel-program.js';

const lookupOf = (vars: Record<string, JsonValue>) => (name: string) => (Object.hasOwn(vars, name) ? vars[name] : undefined);

function timed(source: string, vars: Record<string, JsonValue> = {}): { result: FeelResult; ms: number } {
  const expression = compileFeel(source);
  expect(expression.guarded).toBe(true);
  const started = performance.now();
  const result = expression.evaluate(lookupOf(vars));
  return { result, ms: performance.now() - started };
}

/** The process still serves: a guarded and a fast-path expression both evaluate. */
function expectStillServing(): void {
  expect(compileFeel('for x in [1, 2] return x + n').evaluate(lookupOf({ n: 10 }))).toEqual({ ok: true, value: [11, 12], warnings: [] });
  expect(compileFeel('a * 2').evaluate(lookupOf({ a: 21 }))).toEqual({ ok: true, value: 42, warnings: [] });
}

afterAll(() => disposeFeelSandbox());

describe('guarded expressions give the in-process results for ordinary inputs', () => {
  it.each<[string, Record<string, JsonValue>]>([
    ['for x in [1,2,3] return x * 2', {}],
    ['items[price > 10].name', { items: [{ price: 5, name: 'pen' }, { price: 20, name: 'book' }, { price: 11, name: 'mug' }] }],
    ['matches("abc", "^a")', {}],
    ['some x in xs satisfies x > limit', { xs: [1, 5, 9], limit: 8 }],
    ['sort(xs, function(a, b) a > b)', { xs: [3, 1, 2] }],
    ['for x in [1] return {due: date("2020-04-06") + duration("P1D"), missing: nothing}', {}],
    ['[1..3]', {}],
    ['for d in [date("2024-01-31")] return d + duration("P1M")', {}],
  ])('%s', (source, vars) => {
    const expression = compileFeel(source);
    expect(expression.guarded).toBe(true);
    const context = Object.fromEntries(expression.names.filter((n) => n in vars).map((n) => [n, vars[n]]));
    const inProcess = buildFeelProgram(source).run(context);
    const sandboxed = expression.evaluate(lookupOf(vars));
    if (inProcess.ok) expect(sandboxed).toEqual(inProcess);
    else expect(sandboxed).toMatchObject({ ok: false, code: 'FEEL_EVALUATION_FAILED', message: expect.stringContaining(inProcess.message) });
  });
});

describe('hostile expressions end as failures within the budget', () => {
  // default budget 100 ms; generous slack for a loaded CI machine
  const withinBudget = 1_500;

  it('some x in 1..10000000 satisfies x < 0 (fatal out-of-memory in-process)', () => {
    const { result, ms } = timed('some x in 1..10000000 satisfies x < 0');
    expect(result.ok).toBe(false);
    expect(['FEEL_TIMEOUT', 'FEEL_MEMORY_LIMIT']).toContain(!result.ok && result.code);
    expect(ms).toBeLessThan(withinBudget);
    expectStillServing();
  });

  it('catastrophic regex backtracking is interrupted by the isolate timeout', () => {
    const { result, ms } = timed('matches(s, "^(a+)+$")', { s: `${'a'.repeat(34)}!` });
    expect(result).toEqual({
      ok: false,
      code: 'FEEL_TIMEOUT',
      message: `FEEL expression 'matches(s, "^(a+)+$")' failed: exceeded the time budget of 100 ms`,
    });
    expect(ms).toBeLessThan(withinBudget);
    expectStillServing();
  });

  it('deep recursion through a FEEL function definition', () => {
    const { result, ms } = timed('{f: function(n) if n = 0 then 0 else f(n - 1), r: f(1000000)}.r');
    expect(result).toMatchObject({ ok: false, code: 'FEEL_EVALUATION_FAILED' });
    expect(!result.ok && result.message).toMatch(/RangeError: Maximum call stack size exceeded \(recursion too deep\)/);
    expect(ms).toBeLessThan(withinBudget);
    expectStillServing();
  });

  it('for x in 1..100000000 return x', () => {
    const { result, ms } = timed('for x in 1..100000000 return x');
    expect(['FEEL_TIMEOUT', 'FEEL_MEMORY_LIMIT']).toContain(!result.ok && result.code);
    expect(ms).toBeLessThan(withinBudget);
    expectStillServing();
  });

  it('string blow-up by context entries doubling each other', () => {
    const keys = 'abcdefghijklmnopqrstuvwxyz';
    const entries = [...keys.slice(1)].map((k, i) => `${k}: ${keys[i]} + ${keys[i]}`);
    const { result, ms } = timed(`{a: "0123456789abcdef", ${entries.join(', ')}}.z`);
    expect(result).toMatchObject({ ok: false, code: 'FEEL_EVALUATION_FAILED', message: expect.stringContaining('Invalid string length') });
    expect(ms).toBeLessThan(withinBudget);
    expectStillServing();
  });

  it('string blow-up by joining a huge generated list', () => {
    const { result, ms } = timed('string join(for i in 1..50000000 return "0123456789")');
    expect(['FEEL_TIMEOUT', 'FEEL_MEMORY_LIMIT']).toContain(!result.ok && result.code);
    expect(ms).toBeLessThan(withinBudget);
    expectStillServing();
  });

  it('a nested-filter quadratic on a big list', () => {
    const xs = Array.from({ length: 100_000 }, (_, i) => i);
    const { result, ms } = timed('count(xs[count(xs[item >= 0]) > 0])', { xs });
    expect(result).toMatchObject({ ok: false, code: 'FEEL_TIMEOUT' });
    expect(ms).toBeLessThan(withinBudget);
    expectStillServing();
  });
});

describe('sandbox budgets', () => {
  it('a memory blow-up kills the isolate, and the next evaluation gets a new one', () => {
    configureFeelSandbox({ timeoutMs: 20_000, memoryLimitMb: 32 });
    try {
      const keys = 'abcdefghijklmnopqrstuvwxyz';
      const entries = [...keys.slice(1)].map((k, i) => `${k}: concatenate(${keys[i]}, ${keys[i]})`);
      expectStillServing(); // starts the isolate with the new limit
      const before = feelSandboxStatus().isolatesStarted;
      const { result } = timed(`{a: [1, 2, 3, 4, 5, 6, 7, 8], ${entries.join(', ')}}.z`);
      expect(result).toMatchObject({ ok: false, code: 'FEEL_MEMORY_LIMIT', message: expect.stringContaining('memory limit of 32 MB') });
      expect(feelSandboxStatus().running).toBe(false);
      expectStillServing();
      expect(feelSandboxStatus()).toMatchObject({ running: true, isolatesStarted: before + 1 });
    } finally {
      configureFeelSandbox({ timeoutMs: 100, memoryLimitMb: 64 });
    }
  });

  it('the time budget is configurable', () => {
    configureFeelSandbox({ timeoutMs: 30 });
    try {
      const { result, ms } = timed('for x in 1..100000000 return x');
      expect(result).toMatchObject({ ok: false, code: 'FEEL_TIMEOUT', message: expect.stringContaining('30 ms') });
      expect(ms).toBeLessThan(1_000);
    } finally {
      configureFeelSandbox({ timeoutMs: 100 });
    }
  });

  it('rejects budgets it cannot honour', () => {
    expect(() => configureFeelSandbox({ timeoutMs: 0 })).toThrow(WeftError);
    expect(() => configureFeelSandbox({ memoryLimitMb: 4 })).toThrow(/memoryLimitMb ≥ 8/);
    expect(feelSandboxStatus()).toMatchObject({ timeoutMs: 100, memoryLimitMb: 64 });
  });
});
