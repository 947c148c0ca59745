/** One column of a table: its heading and how a row shows in it. */
export interface Column<T> {
  readonly title: string;
  readonly value: (row: T) => string | number | boolean | null | undefined;
}

/** Rows as a plain aligned text table for people (`--json` gives scripts the data). */
export function formatTable<T>(rows: readonly T[], columns: readonly Column<T>[]): string {
  if (rows.length === 0) return '(none)\n';
  const cells = rows.map((row) => columns.map((c) => {
    const value = c.value(row);
    return value === null || value === undefined ? '-' : String(value).replace(/\s+/g, ' ');
  }));
  const widths = columns.map((c, i) => Math.max(c.title.length, ...cells.map((r) => r[i]!.length)));
  const line = (parts: readonly string[]) => parts.map((p, i) => (i === parts.length - 1 ? p : p.padEnd(widths[i]!))).join('  ');
  return `${[line(columns.map((c) => c.title)), ...cells.map(line)].join('\n')}\n`;
}

/** ISO time as `YYYY-MM-DD HH:MM:SS` (UTC) for tables. */
export function shortTime(iso: string | null | undefined): string {
  return iso ? iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z') : '-';
}
