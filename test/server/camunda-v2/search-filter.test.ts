import { describe, expect, it } from 'vitest';
import { compileFilter } from '../../../server/camunda-v2/search-filter.js';
import type { SearchFields } from '../../../server/camunda-v2/search-filter.js';

interface Row {
  readonly id: string;
  readonly n?: number;
  readonly at?: string;
  readonly flag?: boolean;
}

const FIELDS: SearchFields<Row> = {
  id: { kind: 'string', read: (r) => r.id },
  n: { kind: 'integer', read: (r) => r.n },
  at: { kind: 'date', read: (r) => r.at },
  flag: { kind: 'boolean', read: (r) => r.flag },
};

const ROWS: Row[] = [
  { id: 'order-1', n: 1, at: '2026-01-01T00:00:00.000Z', flag: true },
  { id: 'order-22', n: 22, at: '2026-02-01T00:00:00.000Z', flag: false },
  { id: 'a*b', n: 5 },
  { id: 'invoice', at: '2026-03-01T00:00:00Z' },
];

const ids = (filter: unknown) => ROWS.filter(compileFilter(filter, FIELDS)).map((r) => r.id);

describe('Camunda search filters', () => {
  it('matches $like with *, ? and escapes, over the whole value', () => {
    expect(ids({ id: { $like: 'order-*' } })).toEqual(['order-1', 'order-22']);
    expect(ids({ id: { $like: 'order-?' } })).toEqual(['order-1']);
    expect(ids({ id: { $like: '*2' } })).toEqual(['order-22']);
    expect(ids({ id: { $like: 'a\\*b' } })).toEqual(['a*b']);
    expect(ids({ id: { $like: '*o*e*' } })).toEqual(['order-1', 'order-22', 'invoice']);
    expect(ids({ id: { $like: 'order' } })).toEqual([]);
  });

  it('stays fast on hostile patterns', () => {
    const long = { id: 'a'.repeat(20_000) };
    const started = Date.now();
    expect(compileFilter({ id: { $like: `${'*a'.repeat(30)}b` } }, FIELDS)(long)).toBe(false);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('compares numbers and dates, and treats absent values as not existing', () => {
    expect(ids({ n: { $gt: 1, $lte: 22 } })).toEqual(['order-22', 'a*b']);
    expect(ids({ n: { $exists: false } })).toEqual(['invoice']);
    expect(ids({ at: { $gte: '2026-02-01T00:00:00Z' } })).toEqual(['order-22', 'invoice']);
    expect(ids({ at: '2026-03-01T00:00:00.000Z' })).toEqual(['invoice']);
    expect(ids({ flag: false })).toEqual(['order-22']);
    expect(ids({ n: { $neq: 1 } })).toEqual(['order-22', 'a*b', 'invoice']);
  });

  it('combines fields with AND and $or alternatives', () => {
    expect(ids({ $or: [{ id: 'invoice' }, { n: 1 }] })).toEqual(['order-1', 'invoice']);
    expect(ids({ id: { $in: ['order-1', 'order-22'] }, $or: [{ n: 22 }, { flag: true }] })).toEqual(['order-1', 'order-22']);
    expect(ids({ id: { $notIn: ['order-1'] }, $or: [] })).toEqual(['order-22', 'a*b', 'invoice']);
  });

  it('refuses unknown fields, wrong operators and wrong operand types', () => {
    for (const filter of [{ nope: 1 }, { flag: { $like: 'x' } }, { n: 'many' }, { at: 'soon' }, { id: { $in: 'x' } }, { $or: {} }, [1]]) {
      expect(() => compileFilter(filter, FIELDS), JSON.stringify(filter)).toThrow(expect.objectContaining({ code: 'REQUEST_INVALID' }));
    }
  });
});
