import type { JsonObject, JsonValue } from '../../core/index.js';
import { WeftError, isJsonObject } from '../../core/index.js';
import type { BodyField, ConnectorAction } from '../definitions/connector-definition.js';
import { renderTemplate, splitUrlTemplate } from '../definitions/url-template.js';
import { encodeComponentStrict, encodeQuery } from '../egress/percent-encode.js';

/** The HTTP request an action becomes, before credentials are added. */
export interface ActionRequest {
  readonly method: string;
  /** Origin from the template (never from data) + the rendered, encoded path and query. */
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly query: ReadonlyArray<readonly [string, string]>;
  readonly body?: Buffer;
}

const inputError = (message: string, details: Record<string, unknown> = {}): WeftError =>
  new WeftError('CONNECTOR_INPUT_INVALID', message, { details });

function scalar(variables: JsonObject, name: string, where: string): string | undefined {
  const value = variables[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'object') throw inputError(`${where} parameter ${name} must be text, a number or a boolean`, { parameter: name });
  return String(value);
}

function checkType(field: BodyField, value: JsonValue): boolean {
  switch (field.type) {
    case undefined:
      return true;
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'object':
      return isJsonObject(value);
    case 'array':
      return Array.isArray(value);
    default:
      return typeof value === field.type;
  }
}

/**
 * Render an action with the job's variables (secrets already resolved). URL parameters are
 * encoded as ONE path segment each; the origin comes from the template alone. Body fields
 * missing or of the wrong type are input errors, all reported at once.
 */
export function buildActionRequest(action: ConnectorAction, variables: JsonObject): ActionRequest {
  const parts = splitUrlTemplate(action.url_template);
  if (!parts) throw inputError('the action url_template is not a valid https URL template');
  const path = renderTemplate(parts.rest, (name) => scalar(variables, name, 'URL'), encodeComponentStrict, 'URL');
  const headers: Record<string, string> = {};
  for (const [name, template] of Object.entries(action.headers ?? {})) {
    const value = renderTemplate(template, (n) => scalar(variables, n, 'header'), (t) => t, 'header');
    if (/[\r\n\0]/.test(value)) throw inputError(`header ${name} would contain a line break`, { header: name });
    headers[name.toLowerCase()] = value;
  }
  const query: Array<[string, string]> = Object.entries(action.query ?? {}).map(([name, template]) => [
    name,
    renderTemplate(template, (n) => scalar(variables, n, 'query'), (t) => t, 'query'),
  ]);
  const fields: JsonObject = {};
  const missing: string[] = [];
  const wrongType: string[] = [];
  for (const field of action.body_schema ?? []) {
    const value = variables[field.name];
    if (value === undefined || value === null) {
      if (field.required) missing.push(field.name);
    } else if (!checkType(field, value)) wrongType.push(`${field.name} (expected ${field.type})`);
    else fields[field.name] = value;
  }
  if (missing.length > 0) throw inputError(`missing required input: ${missing.join(', ')}`, { missing });
  if (wrongType.length > 0) throw inputError(`input of the wrong type: ${wrongType.join(', ')}`, { wrongType });
  const sendsBody = action.http_method === 'POST' || action.http_method === 'PUT' || action.http_method === 'PATCH';
  if (!sendsBody) {
    for (const [name, value] of Object.entries(fields)) query.push([name, typeof value === 'object' ? JSON.stringify(value) : String(value)]);
  }
  const form = action.body_encoding === 'form';
  if (sendsBody && !('content-type' in headers)) headers['content-type'] = form ? 'application/x-www-form-urlencoded' : 'application/json';
  const body = form ? encodeQuery(formEntries(fields)) : JSON.stringify(fields);
  return {
    method: action.http_method,
    url: parts.origin + path,
    headers,
    query,
    ...(sendsBody ? { body: Buffer.from(body) } : {}),
  };
}

/** Form fields; nested objects use the common `a[b]=c` bracket convention (Stripe's metadata[key]). */
function formEntries(fields: JsonObject, prefix = ''): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const [name, value] of Object.entries(fields)) {
    const key = prefix === '' ? name : `${prefix}[${name}]`;
    if (isJsonObject(value)) out.push(...formEntries(value, key));
    else if (Array.isArray(value)) value.forEach((item, i) => out.push([`${key}[${i}]`, typeof item === 'object' ? JSON.stringify(item) : String(item)]));
    else if (value !== null) out.push([key, String(value)]);
  }
  return out;
}

/** Append query parameters to a URL that may already have a query. */
export function withQuery(url: string, query: ReadonlyArray<readonly [string, string]>): string {
  if (query.length === 0) return url;
  const hash = url.indexOf('#');
  const base = hash >= 0 ? url.slice(0, hash) : url;
  return `${base}${base.includes('?') ? '&' : '?'}${encodeQuery(query)}`;
}
