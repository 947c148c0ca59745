import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../../../core/index.js';
import { compileFeel, isBpmnErrorResult, isJobErrorResult } from '../../../engine/feel/index.js';

const run = (source: string, vars: Record<string, JsonValue> = {}) =>
  compileFeel(source).evaluate((name) => vars[name]);

describe('bpmnError()', () => {
  it('builds Camunda’s error context', () => {
    const result = run('bpmnError("PAYMENT_DECLINED", "card expired")');
    expect(result).toEqual({
      ok: true,
      value: { errorType: 'bpmnError', code: 'PAYMENT_DECLINED', message: 'card expired' },
      warnings: [],
    });
    expect(isBpmnErrorResult((result as { value: JsonValue }).value)).toBe(true);
  });

  it('carries variables and accepts named parameters', () => {
    expect(run('bpmnError(code: "E", message: "m", variables: {attempt: n})', { n: 2 })).toMatchObject({
      value: { errorType: 'bpmnError', code: 'E', message: 'm', variables: { attempt: 2 } },
    });
  });

  it('allows the message to be omitted, as Camunda’s code-only form does', () => {
    const value = (run('bpmnError("E")') as { value: JsonValue }).value;
    expect(value).toEqual({ errorType: 'bpmnError', code: 'E' });
    expect(isBpmnErrorResult(value)).toBe(true);
  });

  it('is typically the result of an error expression', () => {
    const expression = compileFeel('if error.code = "404" then bpmnError("NOT_FOUND", error.message) else null');
    const lookup = (name: string): JsonValue | undefined => (name === 'error' ? { code: '404', message: 'gone' } : undefined);
    expect(expression.evaluate(lookup)).toMatchObject({ value: { errorType: 'bpmnError', code: 'NOT_FOUND', message: 'gone' } });
  });

  it('fails the evaluation on a wrong argument type instead of yielding null', () => {
    const result = run('bpmnError(42, "m")');
    expect(result).toMatchObject({ ok: false, code: 'FEEL_EVALUATION_FAILED' });
    expect((result as { message: string }).message).toContain("bpmnError(): parameter 'code' must be a string, got number");
    expect(run('bpmnError("E", "m", [1])')).toMatchObject({ ok: false });
  });
});

describe('jobError()', () => {
  it('fills Camunda’s defaults', () => {
    const value = (run('jobError("service unavailable")') as { value: JsonValue }).value;
    expect(value).toEqual({ errorType: 'jobError', message: 'service unavailable', variables: {}, retries: 0, retryBackoff: 'PT0S' });
    expect(isJobErrorResult(value)).toBe(true);
  });

  it('takes variables, retries and a backoff duration (java Duration text)', () => {
    expect(run('jobError("busy", {status: 503}, retries - 1, duration("PT30S"))', { retries: 3 })).toMatchObject({
      value: { errorType: 'jobError', message: 'busy', variables: { status: 503 }, retries: 2, retryBackoff: 'PT30S' },
    });
    expect(run('jobError("busy", null, 1, duration("P1DT12H"))')).toMatchObject({ value: { variables: {}, retryBackoff: 'PT36H' } });
  });

  it('rejects a negative retry count and a years-and-months backoff', () => {
    expect(run('jobError("x", {}, -1)')).toMatchObject({ ok: false, code: 'FEEL_EVALUATION_FAILED' });
    expect(run('jobError("x", {}, 1, duration("P1M"))')).toMatchObject({ ok: false, code: 'FEEL_EVALUATION_FAILED' });
    expect(run('jobError(404)')).toMatchObject({ ok: false });
  });
});

describe('result type guards', () => {
  it('check the whole shape, not just the tag', () => {
    expect(isBpmnErrorResult({ errorType: 'bpmnError' })).toBe(false);
    expect(isBpmnErrorResult({ errorType: 'bpmnError', code: 'E', variables: [] })).toBe(false);
    expect(isBpmnErrorResult(null)).toBe(false);
    expect(isJobErrorResult({ errorType: 'jobError', message: 'm', variables: {}, retries: 1.5, retryBackoff: 'PT0S' })).toBe(false);
    expect(isJobErrorResult({ errorType: 'bpmnError', code: 'E' })).toBe(false);
  });

  it('recognise results computed in the sandbox too', () => {
    const expression = compileFeel('for e in [1] return jobError("m")');
    expect(expression.guarded).toBe(true);
    const result = expression.evaluate(() => undefined);
    expect(result.ok && isJobErrorResult((result.value as JsonValue[])[0])).toBe(true);
  });
});
