/** Where an offset falls in an expression, ready to quote in a message. */
export interface FeelPosition {
  /** 1-based line. */
  readonly line: number;
  /** 1-based column, in UTF-16 code units like the offsets feelin reports. */
  readonly column: number;
  /** The line (cut to about 80 characters around the column) and a caret under the column. */
  readonly excerpt: string;
}

const WINDOW = 40;

/**
 * Line, column and a two-line excerpt for `from`, an offset into `source` as found in
 * FEEL_SYNTAX_ERROR details. Offsets past the end point just after the last character.
 */
export function renderFeelPosition(source: string, from: number): FeelPosition {
  const offset = Math.max(0, Math.min(from, source.length));
  const lineStart = source.lastIndexOf('\n', offset - 1) + 1;
  const lineEndAt = source.indexOf('\n', offset);
  const lineEnd = lineEndAt === -1 ? source.length : lineEndAt;
  let line = 1;
  for (let i = source.indexOf('\n'); i !== -1 && i < lineStart; i = source.indexOf('\n', i + 1)) line++;
  const column = offset - lineStart + 1;
  // keep long one-line expressions readable: show a window around the column
  const cutStart = Math.max(lineStart, offset - WINDOW);
  const cutEnd = Math.min(lineEnd, offset + WINDOW);
  const prefix = cutStart > lineStart ? '…' : '';
  const suffix = cutEnd < lineEnd ? '…' : '';
  const text = `${prefix}${source.slice(cutStart, cutEnd)}${suffix}`.replace(/\t|\r/g, ' ');
  const caret = `${' '.repeat(prefix.length + offset - cutStart)}^`;
  return { line, column, excerpt: `${text}\n${caret}` };
}
