import type { JsonObject, JsonValue } from '../../core/index.js';
import { WebhookError } from './webhook-error.js';

/** The `request` FEEL expressions see: Camunda's `{body, headers, params}`. */
export interface FeelRequest {
  readonly body: JsonValue;
  /** Lower-case names; repeated headers joined with `, `. */
  readonly headers: Readonly<Record<string, string>>;
  /** Query parameters; the first value of a repeated one. */
  readonly params: Readonly<Record<string, string>>;
}

/** Headers that carry the caller's credentials: never handed to mappings or responses. */
const CREDENTIAL_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie']);

/**
 * Parse a body by its content type. JSON types (`application/json`, `*+json`) must be
 * valid JSON (else 400 WEBHOOK_BODY_INVALID); form bodies become an object of fields; a
 * body without content type is JSON if it parses, else text; anything else is text.
 * An empty body is `{}` (as Camunda's runtime gives it).
 */
export function parseBody(raw: Buffer, contentType: string | undefined): JsonValue {
  if (raw.length === 0) return {};
  const type = contentType?.split(';')[0]?.trim().toLowerCase() ?? '';
  const text = raw.toString('utf8');
  if (type === 'application/json' || type.endsWith('+json')) {
    try {
      return JSON.parse(text) as JsonValue;
    } catch {
      throw new WebhookError('WEBHOOK_BODY_INVALID', 400, `the request body is not valid JSON (content type ${type})`);
    }
  }
  if (type === 'application/x-www-form-urlencoded') {
    const fields: JsonObject = {};
    for (const [name, value] of new URLSearchParams(text)) if (!(name in fields)) fields[name] = value;
    return fields;
  }
  if (type === '') {
    try {
      return JSON.parse(text) as JsonValue;
    } catch {
      return text;
    }
  }
  return text;
}

/** Build the `request` object; `withCredentials` only for the API key locator. */
export function feelRequest(
  body: JsonValue,
  headers: Readonly<Record<string, string | string[] | undefined>>,
  query: unknown,
  withCredentials = false,
): FeelRequest {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || (!withCredentials && CREDENTIAL_HEADERS.has(name))) continue;
    flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  const params: Record<string, string> = {};
  if (query !== null && typeof query === 'object') {
    for (const [name, value] of Object.entries(query as Record<string, unknown>)) {
      const first = Array.isArray(value) ? value[0] : value;
      if (typeof first === 'string') params[name] = first;
    }
  }
  return { body, headers: flat, params };
}

/** The request as a FEEL value. */
export function requestValue(request: FeelRequest): JsonObject {
  return { body: request.body, headers: { ...request.headers }, params: { ...request.params } };
}
