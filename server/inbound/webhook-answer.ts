import type { FastifyReply } from 'fastify';
import type { JsonValue } from '../../core/index.js';
import { isJsonObject } from '../../core/index.js';
import { WebhookError } from './webhook-error.js';

/** What a webhook request is answered with (and what a repeated delivery gets again). */
export interface WebhookAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** JSON, or text sent as is; undefined: no body. */
  readonly body: JsonValue | undefined;
}

/** Headers a response expression may not set: framing and connection are the server's. */
const RESERVED_HEADERS = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive', 'upgrade', 'trailer', 'te', 'host']);
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** An error as seed 003's `{"error": {"code", "description"}}`; details only below 500. */
export function errorAnswer(error: WebhookError): WebhookAnswer {
  const withDetails = error.status < 500 && Object.keys(error.details).length > 0;
  const body = { error: { code: error.code, description: error.message, ...(withDetails ? { details: error.details as JsonValue } : {}) } };
  return { status: error.status, headers: {}, body };
}

/**
 * The answer a response (or verification) expression describes: `{body, statusCode,
 * headers}`, each optional; the status defaults to 200.
 * @throws WebhookError WEBHOOK_FEEL_FAILED when the value has another shape.
 */
export function expressionAnswer(value: JsonValue, property: string): WebhookAnswer {
  if (!isJsonObject(value)) throw shapeError(property, 'a context {body, statusCode, headers}');
  const status = value.statusCode ?? 200;
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 200 || status > 599) {
    throw shapeError(property, 'statusCode to be a whole number from 200 to 599');
  }
  const headers: Record<string, string> = {};
  if (value.headers !== undefined && value.headers !== null) {
    if (!isJsonObject(value.headers)) throw shapeError(property, 'headers to be a context of texts');
    for (const [name, raw] of Object.entries(value.headers)) {
      const text = typeof raw === 'string' || typeof raw === 'number' ? String(raw) : undefined;
      if (!HEADER_NAME.test(name) || RESERVED_HEADERS.has(name.toLowerCase()) || text === undefined || /[\r\n\0]/.test(text)) {
        throw shapeError(property, `the header '${name}' to be a settable header with a text value`);
      }
      headers[name.toLowerCase()] = text;
    }
  }
  return { status, headers, body: value.body ?? undefined };
}

function shapeError(property: string, expected: string): WebhookError {
  return new WebhookError('WEBHOOK_FEEL_FAILED', 422, `${property} must give ${expected}`, { details: { property } });
}

/**
 * Send an answer. Text goes as `text/plain` unless a content type was set; under
 * `text/html` it is HTML-escaped (request data echoed into a page must not become
 * markup, as in Camunda's runtime). Everything else goes as JSON.
 */
export function sendAnswer(reply: FastifyReply, answer: WebhookAnswer): FastifyReply {
  reply.code(answer.status).header('x-content-type-options', 'nosniff');
  for (const [name, value] of Object.entries(answer.headers)) reply.header(name, value);
  const type = answer.headers['content-type'];
  if (answer.body === undefined || answer.body === null) return reply.send();
  if (typeof answer.body === 'string') {
    if (type === undefined) reply.type('text/plain; charset=utf-8');
    return reply.send(type !== undefined && /^text\/html/i.test(type) ? escapeHtml(answer.body) : answer.body);
  }
  if (type === undefined) reply.type('application/json; charset=utf-8');
  return reply.send(JSON.stringify(answer.body));
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
