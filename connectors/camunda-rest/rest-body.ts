import type { JsonValue } from '../../core/index.js';
import { isJsonObject } from '../../core/index.js';
import { encodeQuery } from '../egress/percent-encode.js';

/** The request body bytes and the content type to send with them (unless the task set one). */
export interface EncodedBody {
  readonly bytes: Buffer;
  readonly contentType: string;
}

function withoutNulls(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (isJsonObject(value)) {
    const out: { [key: string]: JsonValue } = {};
    for (const [key, item] of Object.entries(value)) if (item !== null) out[key] = withoutNulls(item);
    return out;
  }
  return value;
}

/**
 * Encode the `body` input like Camunda's REST connector: a map or list as JSON, or as a
 * form when the task's Content-Type says `application/x-www-form-urlencoded`; a text as
 * it is. `ignoreNullValues` drops null entries at every depth.
 */
export function encodeRestBody(body: JsonValue, contentType: string | undefined, ignoreNullValues: boolean): EncodedBody {
  const value = ignoreNullValues ? withoutNulls(body) : body;
  if (contentType?.toLowerCase().startsWith('application/x-www-form-urlencoded') && isJsonObject(value)) {
    const entries = Object.entries(value).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)] as const);
    return { bytes: Buffer.from(encodeQuery(entries)), contentType };
  }
  if (typeof value === 'string') {
    let json = true;
    try {
      JSON.parse(value);
    } catch {
      json = false;
    }
    return { bytes: Buffer.from(value, 'utf8'), contentType: contentType ?? (json ? 'application/json' : 'text/plain; charset=utf-8') };
  }
  return { bytes: Buffer.from(JSON.stringify(value), 'utf8'), contentType: contentType ?? 'application/json' };
}
