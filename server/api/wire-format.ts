/** How values look on the wire: times as ISO 8601 text, list pages with a cursor. */

/** Epoch milliseconds as ISO 8601 text (null stays null). */
export function isoTime(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

/** The cursor of the next page: the last key when the page is full (more may follow), else null. */
export function nextCursor<T>(rows: readonly T[], limit: number, keyOf: (row: T) => number): string | null {
  const last = rows.at(-1);
  return rows.length === limit && last !== undefined ? String(keyOf(last)) : null;
}
