import { describe, expect, it } from 'vitest';
import { WeftError } from '../../../core/index.js';
import { compileFeel, MAX_FEEL_NESTING, MAX_FEEL_SOURCE_LENGTH, renderFeelPosition } from '../../../engine/feel/index.js';

function compileError(source: string): WeftError {
  try {
    compileFeel(source);
  } catch (error) {
    expect(error).toBeInstanceOf(WeftError);
    return error as WeftError;
  }
  throw new Error(`expected '${source}' not to compile`);
}

describe('syntax errors', () => {
  it('report the position as offsets, line and column, and show it in the message', () => {
    const error = compileError('a + ');
    expect(error.code).toBe('FEEL_SYNTAX_ERROR');
    expect(error.details).toEqual({ from: 4, to: 4, line: 1, column: 5 });
    expect(error.message).toBe('FEEL syntax error at line 1, column 5: Incomplete <ArithmeticExpression>\na + \n    ^');
  });

  it('count lines in multi-line expressions', () => {
    const error = compileError('{\n  a: 1,\n  b: 2 +* 3\n}');
    expect(error.code).toBe('FEEL_SYNTAX_ERROR');
    expect(error.details).toMatchObject({ line: 3 });
    expect(error.message).toMatch(/^FEEL syntax error at line 3, column \d+: /);
    expect(error.message).toContain('  b: 2 +* 3');
  });

  it('reject an empty expression', () => {
    expect(compileError('').code).toBe('FEEL_SYNTAX_ERROR');
    expect(compileError('   ').code).toBe('FEEL_SYNTAX_ERROR');
  });
});

describe('renderFeelPosition', () => {
  it('gives 1-based line and column with a caret excerpt', () => {
    expect(renderFeelPosition('x\nabc def', 6)).toEqual({ line: 2, column: 5, excerpt: 'abc def\n    ^' });
    expect(renderFeelPosition('abc', 99)).toEqual({ line: 1, column: 4, excerpt: 'abc\n   ^' });
  });

  it('cuts a window out of a long line', () => {
    const source = `${'a'.repeat(100)}!${'b'.repeat(100)}`;
    const { column, excerpt } = renderFeelPosition(source, 100);
    expect(column).toBe(101);
    const [text, caret] = excerpt.split('\n');
    expect(text).toBe(`…${'a'.repeat(40)}!${'b'.repeat(39)}…`);
    expect(text?.[caret!.length - 1]).toBe('!');
  });
});

describe('complexity limits', () => {
  it(`refuse sources over ${MAX_FEEL_SOURCE_LENGTH} characters`, () => {
    const error = compileError(`"${'x'.repeat(MAX_FEEL_SOURCE_LENGTH)}"`);
    expect(error.code).toBe('FEEL_TOO_COMPLEX');
    expect(error.details).toMatchObject({ limit: MAX_FEEL_SOURCE_LENGTH });
  });

  it(`refuse nesting deeper than ${MAX_FEEL_NESTING} levels`, () => {
    const nested = (levels: number) => `${'['.repeat(levels)}1${']'.repeat(levels)}`;
    expect(compileFeel(nested(MAX_FEEL_NESTING)).evaluate(() => undefined)).toMatchObject({ ok: true });
    const error = compileError(nested(MAX_FEEL_NESTING + 1));
    expect(error.code).toBe('FEEL_TOO_COMPLEX');
    expect(error.details).toEqual({ nesting: MAX_FEEL_NESTING + 1, limit: MAX_FEEL_NESTING });
  });

  it('refuse absurdly deep parentheses without overflowing the stack', () => {
    expect(compileError(`${'('.repeat(2_000)}1${')'.repeat(2_000)}`).code).toBe('FEEL_TOO_COMPLEX');
    // past a few thousand levels the parser itself gives up: a syntax error, still no crash
    expect(['FEEL_TOO_COMPLEX', 'FEEL_SYNTAX_ERROR']).toContain(compileError(`${'('.repeat(30_000)}1${')'.repeat(30_000)}`).code);
  });
});
