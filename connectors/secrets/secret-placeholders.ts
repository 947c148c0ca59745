import type { JsonValue } from '../../core/index.js';

const name = '[A-Za-z0-9_][A-Za-z0-9_./-]*?';
const bareName = '(?:[A-Za-z0-9_]+[./-])*[A-Za-z0-9_]+';
/**
 * The three spellings, matched in ONE pass so a resolved value is never scanned again:
 * `{{secrets.NAME}}` (current), `<<secrets.NAME>>` (alternative) and the deprecated bare
 * `secrets.NAME`, which must not be glued to a preceding word character or dot.
 */
const placeholder = new RegExp(
  `\\{\\{\\s*secrets\\.(${name})\\s*\\}\\}|<<\\s*secrets\\.(${name})\\s*>>|(?<![A-Za-z0-9_.])secrets\\.(${bareName})`,
  'g',
);

/** Every secret name referenced anywhere in `value` (string values, deep; keys are not scanned). */
export function findSecretNames(value: JsonValue): Set<string> {
  const names = new Set<string>();
  collectNames(value, names);
  return names;
}

/** Reads without copying: most inputs hold no placeholder, and then nothing is built. */
function collectNames(value: JsonValue, names: Set<string>): void {
  if (typeof value === 'string') {
    // Every spelling contains "secrets.": a cheap test before the regular expression.
    if (!value.includes('secrets.')) return;
    for (const match of value.matchAll(placeholder)) names.add(match[1] ?? match[2] ?? match[3]);
  } else if (Array.isArray(value)) {
    for (const item of value) collectNames(item, names);
  } else if (value !== null && typeof value === 'object') {
    for (const key in value) collectNames(value[key]!, names);
  }
}

/** Replace every placeholder with `resolve(name)`; returns a new value, `value` is untouched. */
export function replaceSecretPlaceholders(value: JsonValue, resolve: (name: string) => string): JsonValue {
  return walkStrings(value, (text) =>
    text.replace(placeholder, (_match, a?: string, b?: string, c?: string) => resolve((a ?? b ?? c) as string)),
  );
}

function walkStrings(value: JsonValue, visit: (text: string) => string): JsonValue {
  if (typeof value === 'string') return visit(value);
  if (Array.isArray(value)) return value.map((item) => walkStrings(item, visit));
  if (value !== null && typeof value === 'object') {
    const out: { [key: string]: JsonValue } = {};
    for (const [key, item] of Object.entries(value)) out[key] = walkStrings(item, visit);
    return out;
  }
  return value;
}
