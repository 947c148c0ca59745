import { WeftError, isJsonObject } from '../../core/index.js';
import type { JsonObject, JsonValue } from '../../core/index.js';

/** Default cap on one variable's JSON size. Zeebe's own limit is about 4 MB per message. */
export const DEFAULT_MAX_VARIABLE_BYTES = 1024 * 1024;

/**
 * Check a variables document handed to the engine from outside: a JSON object whose
 * values are plain JSON, each under the size cap.
 * @throws WeftError VARIABLES_INVALID or VARIABLE_TOO_LARGE naming the variable.
 */
export function checkVariables(value: unknown, maxBytes: number, what = 'variables'): JsonObject {
  if (value === undefined || value === null) return {};
  if (!isJsonObject(value)) {
    throw new WeftError('VARIABLES_INVALID', `${what} must be a JSON object, got ${Array.isArray(value) ? 'an array' : typeof value}`);
  }
  for (const [name, v] of Object.entries(value)) checkVariable(name, v, maxBytes);
  return value;
}

/** Check one variable; returns its JSON text. */
export function checkVariable(name: string, value: unknown, maxBytes: number): string {
  if (name.length === 0) throw new WeftError('VARIABLES_INVALID', 'a variable name must not be empty');
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (cause) {
    throw new WeftError('VARIABLES_INVALID', `variable '${name}' is not JSON: ${(cause as Error).message}`, { cause });
  }
  if (text === undefined || !isPlainJson(value)) {
    throw new WeftError('VARIABLES_INVALID', `variable '${name}' is not a JSON value`);
  }
  if (text.length > maxBytes && Buffer.byteLength(text) > maxBytes) {
    throw new WeftError('VARIABLE_TOO_LARGE', `variable '${name}' is ${Buffer.byteLength(text)} bytes; the limit is ${maxBytes}`, {
      details: { name, limit: maxBytes },
    });
  }
  return text;
}

function isPlainJson(value: unknown, depth = 0): value is JsonValue {
  if (depth > 200) return false;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every((item) => isPlainJson(item, depth + 1));
  if (typeof value === 'object') {
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return false;
    return Object.values(value as object).every((item) => isPlainJson(item, depth + 1));
  }
  return false;
}
