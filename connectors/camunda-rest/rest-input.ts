import type { JsonObject, JsonValue } from '../../core/index.js';
import { WeftError, isJsonObject } from '../../core/index.js';
import { readPath } from './input-path.js';
import type { RestAuthentication } from './rest-authentication.js';
import { readAuthentication } from './rest-authentication.js';

/** The inputs of `io.camunda:http-json:1`, as Camunda Modeler's REST template writes them. */
export interface RestInput {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly query: ReadonlyArray<readonly [string, string]>;
  /** Undefined: no body (also for GET, whatever was given). */
  readonly body?: JsonValue;
  readonly connectTimeoutMs: number;
  readonly readTimeoutMs: number;
  readonly followRedirects: boolean;
  readonly ignoreNullValues: boolean;
  /** `documentReturnFormat.choice`: JSON (parse when possible, the default) or TEXT. */
  readonly returnFormat: 'JSON' | 'TEXT';
  readonly authentication: RestAuthentication;
}

const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** An input error: retrying cannot help, the task must be fixed (CONNECTOR_INPUT_INVALID). */
export const inputError = (message: string, input?: string): WeftError =>
  new WeftError('CONNECTOR_INPUT_INVALID', message, { details: input ? { input } : {} });

/** A FEEL context, or a JSON text of one (older diagrams), or nothing. */
function readMap(variables: JsonObject, name: string): JsonObject | undefined {
  let value = readPath(variables, name);
  if (typeof value === 'string' && value.trim().startsWith('{')) {
    try {
      value = JSON.parse(value) as JsonValue;
    } catch {
      throw inputError(`${name} is not a JSON object`, name);
    }
  }
  if (value === undefined || value === null || value === '') return undefined;
  if (!isJsonObject(value)) throw inputError(`${name} must be a map (a FEEL context)`, name);
  return value;
}

const text = (value: JsonValue): string => (typeof value === 'string' ? value : JSON.stringify(value));

/** Seconds as a number or numeric text ("20"); 0 = no limit of its own. Default 20. */
function readSeconds(variables: JsonObject, name: string): number {
  const value = readPath(variables, name);
  if (value === undefined || value === null || value === '') return 20_000;
  const seconds = typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isFinite(seconds) || seconds < 0) throw inputError(`${name} must be a number of seconds`, name);
  return Math.round(seconds * 1000);
}

function readBoolean(variables: JsonObject, name: string): boolean {
  const value = readPath(variables, name);
  if (value === undefined || value === null || value === '') return false;
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  throw inputError(`${name} must be true or false`, name);
}

/** Read and check every input; throws CONNECTOR_INPUT_INVALID naming the input. */
export function readRestInput(variables: JsonObject): RestInput {
  const methodValue = readPath(variables, 'method') ?? 'GET';
  const method = typeof methodValue === 'string' ? methodValue.trim().toUpperCase() : '';
  if (!(methods as readonly string[]).includes(method)) throw inputError(`method must be one of ${methods.join(', ')}`, 'method');
  const url = readPath(variables, 'url');
  if (typeof url !== 'string' || url.trim() === '') throw inputError('url is required', 'url');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(readMap(variables, 'headers') ?? {})) {
    if (value !== null) headers[name] = text(value);
  }
  const query: Array<[string, string]> = [];
  for (const [name, value] of Object.entries(readMap(variables, 'queryParameters') ?? {})) {
    if (Array.isArray(value)) value.forEach((item) => item !== null && query.push([name, text(item)]));
    else if (value !== null) query.push([name, text(value)]);
  }
  const format = readPath(variables, 'documentReturnFormat.choice') ?? 'JSON';
  if (format !== 'JSON' && format !== 'TEXT') {
    throw inputError('documentReturnFormat DOCUMENT is not supported; use JSON or TEXT', 'documentReturnFormat.choice');
  }
  if (readPath(variables, 'clientTls.clientCertificate') || readPath(variables, 'clientTls.trustedCertificate')) {
    throw inputError('client certificates (clientTls.*) are not supported', 'clientTls');
  }
  const body = readPath(variables, 'body');
  return {
    method: method as RestInput['method'],
    url: url.trim(),
    headers,
    query,
    ...(body !== undefined && body !== null && method !== 'GET' ? { body } : {}),
    connectTimeoutMs: readSeconds(variables, 'connectionTimeoutInSeconds'),
    readTimeoutMs: readSeconds(variables, 'readTimeoutInSeconds'),
    followRedirects: readBoolean(variables, 'followRedirects'),
    ignoreNullValues: readBoolean(variables, 'ignoreNullValues'),
    returnFormat: format,
    authentication: readAuthentication(variables),
  };
}
