import { WeftError } from '../../core/index.js';

/** How a searchable field compares: Camunda's filter property families. */
export type FieldKind = 'string' | 'integer' | 'date' | 'boolean';

/** A field of a search result item that filters and sorts may name. */
export interface SearchField<T> {
  readonly kind: FieldKind;
  read(item: T): string | number | boolean | undefined;
}

/** The searchable fields of one item type, by Camunda's field name. */
export type SearchFields<T> = Readonly<Record<string, SearchField<T>>>;

const OPERATORS: Readonly<Record<FieldKind, readonly string[]>> = {
  string: ['$eq', '$neq', '$exists', '$in', '$notIn', '$like'],
  integer: ['$eq', '$neq', '$exists', '$in', '$notIn', '$gt', '$gte', '$lt', '$lte'],
  date: ['$eq', '$neq', '$exists', '$in', '$gt', '$gte', '$lt', '$lte'],
  boolean: ['$eq', '$neq', '$exists'],
};

/**
 * Compile a Camunda search filter into a predicate. A field is a plain value (equality)
 * or an advanced filter (`$eq`, `$neq`, `$exists`, `$in`, `$notIn`, `$like` with `*` and
 * `?`, `$gt`…`$lte`); fields combine with AND, `$or` adds alternatives. Unknown fields and
 * operators are refused rather than ignored, so a search never returns more than asked.
 * @throws WeftError REQUEST_INVALID
 */
export function compileFilter<T>(filter: unknown, fields: SearchFields<T>, where = 'filter'): (item: T) => boolean {
  if (filter === undefined || filter === null) return () => true;
  if (typeof filter !== 'object' || Array.isArray(filter)) throw invalid(`${where} must be an object`);
  const tests: ((item: T) => boolean)[] = [];
  for (const [name, condition] of Object.entries(filter as Record<string, unknown>)) {
    if (condition === undefined) continue;
    if (name === '$or') {
      if (!Array.isArray(condition)) throw invalid(`${where}.$or must be an array of filters`);
      const alternatives = condition.map((alt, i) => compileFilter(alt, fields, `${where}.$or[${i}]`));
      if (alternatives.length > 0) tests.push((item) => alternatives.some((alt) => alt(item)));
      continue;
    }
    const field = fields[name];
    if (!field) throw invalid(`${where}.${name} is not a filter Weft supports; supported: ${Object.keys(fields).join(', ')}`);
    tests.push(compileCondition(field, condition, `${where}.${name}`));
  }
  return (item) => tests.every((test) => test(item));
}

function compileCondition<T>(field: SearchField<T>, condition: unknown, where: string): (item: T) => boolean {
  if (condition === null || typeof condition !== 'object') {
    const expected = normalize(field.kind, condition, where);
    return (item) => same(field.kind, field.read(item), expected);
  }
  const tests: ((value: string | number | boolean | undefined) => boolean)[] = [];
  for (const [op, operand] of Object.entries(condition as Record<string, unknown>)) {
    if (!OPERATORS[field.kind].includes(op)) throw invalid(`${where}: operator ${op} does not apply to a ${field.kind} field`);
    if (op === '$exists') {
      if (typeof operand !== 'boolean') throw invalid(`${where}.$exists must be true or false`);
      tests.push((v) => (v !== undefined) === operand);
    } else if (op === '$in' || op === '$notIn') {
      if (!Array.isArray(operand)) throw invalid(`${where}.${op} must be an array`);
      const values = operand.map((o, i) => normalize(field.kind, o, `${where}.${op}[${i}]`));
      const inside = (v: string | number | boolean | undefined) => values.some((x) => same(field.kind, v, x));
      tests.push(op === '$in' ? inside : (v) => !inside(v));
    } else if (op === '$like') {
      if (typeof operand !== 'string') throw invalid(`${where}.$like must be a string`);
      const pattern = likePattern(operand);
      tests.push((v) => typeof v === 'string' && pattern.test(v));
    } else {
      const x = normalize(field.kind, operand, `${where}.${op}`);
      tests.push((v) => compare(op, field.kind, v, x));
    }
  }
  return (item) => {
    const value = field.read(item);
    return tests.every((test) => test(value));
  };
}

/** A filter operand as the comparable value of its field kind (dates as epoch ms). */
function normalize(kind: FieldKind, value: unknown, where: string): string | number | boolean {
  if (kind === 'string' && (typeof value === 'string' || typeof value === 'number')) return String(value);
  if (kind === 'integer' && typeof value === 'number' && Number.isFinite(value)) return value;
  if (kind === 'integer' && typeof value === 'string' && /^-?\d+$/.test(value)) return Number(value);
  if (kind === 'boolean' && typeof value === 'boolean') return value;
  if (kind === 'date' && typeof value === 'string' && !Number.isNaN(Date.parse(value))) return Date.parse(value);
  throw invalid(`${where} must be ${kind === 'date' ? 'an ISO 8601 date-time' : `a ${kind}`}, got ${JSON.stringify(value)}`);
}

function same(kind: FieldKind, value: string | number | boolean | undefined, expected: string | number | boolean): boolean {
  if (value === undefined) return false;
  return kind === 'date' ? Date.parse(String(value)) === expected : value === expected;
}

function compare(op: string, kind: FieldKind, value: string | number | boolean | undefined, x: string | number | boolean): boolean {
  if (op === '$eq') return same(kind, value, x);
  if (op === '$neq') return !same(kind, value, x);
  if (value === undefined) return false;
  const v = kind === 'date' ? Date.parse(String(value)) : (value as number);
  const bound = x as number;
  return op === '$gt' ? v > bound : op === '$gte' ? v >= bound : op === '$lt' ? v < bound : v <= bound;
}

/**
 * `*` any run, `?` one character, a backslash escapes; the whole value must match. A
 * wildcard matcher with last-star backtracking (at most value × pattern steps), not a
 * RegExp: no catastrophic backtracking on hostile patterns.
 */
function likePattern(like: string): { test(value: string): boolean } {
  const tokens: ('*' | '?' | { readonly c: string })[] = [];
  for (let i = 0; i < like.length; i++) {
    const c = like[i]!;
    if (c === '\\' && i + 1 < like.length) tokens.push({ c: like[++i]! });
    else if (c === '*' || c === '?') tokens.push(c);
    else tokens.push({ c });
  }
  return {
    test(value: string): boolean {
      let v = 0;
      let t = 0;
      let star = -1;
      let mark = 0;
      while (v < value.length) {
        const token = tokens[t];
        if (token !== undefined && token !== '*' && (token === '?' || token.c === value[v])) {
          v++;
          t++;
        } else if (token === '*') {
          star = t++;
          mark = v;
        } else if (star >= 0) {
          t = star + 1;
          v = ++mark;
        } else {
          return false;
        }
      }
      while (tokens[t] === '*') t++;
      return t === tokens.length;
    },
  };
}

function invalid(message: string): WeftError {
  return new WeftError('REQUEST_INVALID', message);
}
