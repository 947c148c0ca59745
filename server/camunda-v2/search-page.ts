import { WeftError } from '../../core/index.js';
import type { SearchFields } from './search-filter.js';

/** The body of every `POST …/search` request. */
export interface SearchQuery {
  readonly filter?: unknown;
  readonly sort?: unknown;
  readonly page?: unknown;
}

/** Its schema: the outline only; filter, sort and page are checked field by field. */
export const SEARCH_QUERY_SCHEMA = {
  type: 'object',
  nullable: true,
  properties: {
    filter: { type: 'object', nullable: true },
    sort: { type: 'array', nullable: true, items: { type: 'object' } },
    page: { type: 'object', nullable: true },
  },
} as const;

/** Camunda's page block of a search response. */
export interface SearchPageResponse {
  readonly totalItems: number;
  /** True when more items matched than were examined (see MAX_SEARCH_CANDIDATES). */
  readonly hasMoreTotalItems: boolean;
  readonly startCursor: string | null;
  readonly endCursor: string | null;
}

/** The body of every `/search` response. */
export interface SearchResponse<T> {
  readonly items: readonly T[];
  readonly page: SearchPageResponse;
}

/** Default and largest `page.limit`. */
export const DEFAULT_PAGE_LIMIT = 100;
export const MAX_PAGE_LIMIT = 10_000;

/**
 * Sort the matched items (by `sort`, then by `keyField` ascending so the order is total)
 * and cut out the requested page: `from`/`limit` offsets, or the opaque `after`/`before`
 * cursors of an earlier response.
 * @throws WeftError REQUEST_INVALID for a malformed page, sort or cursor
 */
export function pageOf<T>(matched: T[], query: SearchQuery, fields: SearchFields<T>, keyField: string, hasMore = false): SearchResponse<T> {
  matched.sort(comparator(query.sort, fields, keyField));
  const page = (query.page ?? {}) as Record<string, unknown>;
  if (typeof page !== 'object' || Array.isArray(page)) throw invalid('page must be an object');
  const limit = integer(page.limit, 'page.limit', DEFAULT_PAGE_LIMIT);
  if (limit > MAX_PAGE_LIMIT) throw invalid(`page.limit must be at most ${MAX_PAGE_LIMIT}, got ${limit}`);
  let start = integer(page.from, 'page.from', 0);
  if (page.after !== undefined && page.after !== null) start = decodeCursor(page.after, 'page.after') + 1;
  if (page.before !== undefined && page.before !== null) start = Math.max(0, decodeCursor(page.before, 'page.before') - limit);
  const end = page.before !== undefined && page.before !== null ? Math.min(start + limit, decodeCursor(page.before, 'page.before')) : start + limit;
  const items = matched.slice(start, Math.max(start, end));
  return {
    items,
    page: {
      totalItems: matched.length,
      hasMoreTotalItems: hasMore,
      startCursor: items.length > 0 ? encodeCursor(start) : null,
      endCursor: items.length > 0 ? encodeCursor(start + items.length - 1) : null,
    },
  };
}

function comparator<T>(sort: unknown, fields: SearchFields<T>, keyField: string): (a: T, b: T) => number {
  const criteria = sort === undefined || sort === null ? [] : Array.isArray(sort) ? sort : [sort];
  const keys = criteria.map((criterion: unknown, i) => {
    const { field, order } = (criterion ?? {}) as { field?: unknown; order?: unknown };
    const spec = typeof field === 'string' ? fields[field] : undefined;
    if (!spec) throw invalid(`sort[${i}].field must be one of ${Object.keys(fields).join(', ')}, got ${JSON.stringify(field)}`);
    const direction = order === undefined || order === null || /^asc$/i.test(String(order)) ? 1 : /^desc$/i.test(String(order)) ? -1 : 0;
    if (direction === 0) throw invalid(`sort[${i}].order must be ASC or DESC, got ${JSON.stringify(order)}`);
    return { read: spec.read, direction };
  });
  keys.push({ read: fields[keyField]!.read, direction: 1 });
  return (a, b) => {
    for (const key of keys) {
      const order = compareValues(key.read(a), key.read(b));
      if (order !== 0) return order * key.direction;
    }
    return 0;
  };
}

/** Absent values sort last; keys (digit strings) compare numerically. */
function compareValues(a: string | number | boolean | undefined, b: string | number | boolean | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  if (typeof a === 'string' && typeof b === 'string' && /^\d+$/.test(a) && /^\d+$/.test(b) && a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : 1;
}

function integer(value: unknown, what: string, fallback: number): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw invalid(`${what} must be a non-negative integer, got ${JSON.stringify(value)}`);
  return value;
}

function encodeCursor(index: number): string {
  return Buffer.from(`weft:${index}`).toString('base64url');
}

function decodeCursor(cursor: unknown, what: string): number {
  const text = typeof cursor === 'string' ? Buffer.from(cursor, 'base64url').toString() : '';
  const match = /^weft:(\d{1,9})$/.exec(text);
  if (!match) throw invalid(`${what} is not a cursor this server returned`);
  return Number(match[1]);
}

function invalid(message: string): WeftError {
  return new WeftError('REQUEST_INVALID', message);
}
