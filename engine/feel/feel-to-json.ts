import type { JsonValue } from '../../core/index.js';
import { getType } from './generated/feelin-core.js';
import type { FeelDate, FeelDateTime, FeelDuration, FeelTime } from './generated/feelin-core.js';
import { formatFeelDate, formatFeelDateTime, formatFeelDuration, formatFeelTime } from './iso-temporal.js';

/** Thrown when a FEEL result holds something a variable cannot store (range, function…). */
export class NotAValueError extends Error {
  constructor(what: string) {
    super(`result is not a value: it contains a ${what}`);
    this.name = 'NotAValueError';
  }
}

/**
 * Copy a FEEL result into plain JSON. Temporals become ISO strings as Zeebe writes them;
 * ranges, functions and non-finite numbers have no JSON form and throw NotAValueError.
 * Always copies, so a result never aliases the variables it was computed from.
 */
export function feelToJson(value: unknown): JsonValue {
  switch (getType(value)) {
    case 'nil':
      return null;
    case 'boolean':
    case 'string':
      return value as boolean | string;
    case 'number':
      if (!Number.isFinite(value)) throw new NotAValueError(`non-finite number (${String(value)})`);
      return value as number;
    case 'list':
      return (value as readonly unknown[]).map(feelToJson);
    case 'context': {
      const out: { [key: string]: JsonValue } = {};
      for (const key of Object.keys(value as object)) {
        // defineProperty: a `__proto__` key stays data instead of replacing the prototype
        Object.defineProperty(out, key, {
          value: feelToJson((value as Record<string, unknown>)[key]),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return out;
    }
    case 'date':
      return formatFeelDate(value as FeelDate);
    case 'time':
      return formatFeelTime(value as FeelTime);
    case 'date time':
      return formatFeelDateTime(value as FeelDateTime);
    case 'duration':
      return formatFeelDuration(value as FeelDuration);
    case 'range':
      throw new NotAValueError('range');
    case 'function':
      throw new NotAValueError('function');
    default:
      // feelin reports plain JS functions (its builtins referenced by name) as 'literal'
      throw new NotAValueError(typeof value === 'function' ? 'function' : `${typeof value} value`);
  }
}
