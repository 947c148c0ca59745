import { parseExpression } from './generated/feelin-core.js';
import type { FeelParseTree } from './generated/feelin-core.js';

/**
 * The one place Weft parses FEEL. An object rather than a bare function so a test can spy
 * on it and prove that evaluation never parses again.
 */
export const feelParser = {
  /**
   * Parse an expression (no leading `=`). The parse context is always empty: like Zeebe,
   * Weft does not let variable names with spaces steer the parser, so a tree depends on
   * the text alone and can be built once at deploy time.
   */
  parse(source: string): FeelParseTree {
    return parseExpression(source, {}, undefined);
  },
};
