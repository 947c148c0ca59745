import type { JsonObject, JsonValue } from '../core/index.js';
import type { EgressResponse } from './egress/egress-client.js';

/**
 * The body as connectors return it: parsed when it is JSON (whatever the content type says,
 * as Camunda's REST connector does), the text otherwise, null when empty.
 */
export function parseResponseBody(response: EgressResponse): JsonValue {
  const text = response.body.toString('utf8');
  if (isBlank(text)) return null;
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return text;
  }
}

/** Response headers as JSON: lower-case names; `set-cookie` stays a list, others are joined. */
export function responseHeaders(response: EgressResponse): JsonObject {
  const out: JsonObject = {};
  for (const [name, value] of Object.entries(response.headers)) {
    if (value === undefined) continue;
    if (name === 'set-cookie') out[name] = Array.isArray(value) ? value : [value];
    else out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/** Whether a text is empty or only white space, without copying it (`trim()` would). */
function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || (c >= 0x09 && c <= 0x0d)) continue;
    // Beyond ASCII, the same white space `trim()` knows (no-break space, BOM, U+2028…).
    if (c < 0x80 || !/\s/.test(text[i]!)) return false;
  }
  return true;
}
