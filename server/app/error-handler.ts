import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { WeftError } from '../../core/index.js';
import { statusOfCode } from './error-statuses.js';

/** The wire shape of every error (seed 003): `{"error": {"code", "description", "details"?}}`. */
export interface ErrorBody {
  readonly error: { readonly code: string; readonly description: string; readonly details?: Readonly<Record<string, unknown>> };
}

/** Fastify's own errors, as Weft codes. Their messages may quote the request body, so none is passed on. */
const fastifyCodes: Readonly<Record<string, readonly [string, string]>> = {
  FST_ERR_CTP_INVALID_JSON_BODY: ['REQUEST_INVALID', 'the request body is not valid JSON'],
  FST_ERR_CTP_EMPTY_JSON_BODY: ['REQUEST_INVALID', 'the request body is empty; send a JSON object'],
  FST_ERR_CTP_BODY_TOO_LARGE: ['PAYLOAD_TOO_LARGE', 'the request body is too large'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: ['UNSUPPORTED_MEDIA_TYPE', 'this content type is not accepted here'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: ['REQUEST_INVALID', 'the content length does not match the body'],
  FST_INVALID_MULTIPART_CONTENT_TYPE: ['UNSUPPORTED_MEDIA_TYPE', 'expected multipart/form-data'],
  FST_REQ_FILE_TOO_LARGE: ['PAYLOAD_TOO_LARGE', 'an uploaded file is too large'],
  FST_FILES_LIMIT: ['PAYLOAD_TOO_LARGE', 'too many files in one request'],
  FST_PARTS_LIMIT: ['PAYLOAD_TOO_LARGE', 'too many parts in one request'],
  FST_FIELDS_LIMIT: ['PAYLOAD_TOO_LARGE', 'too many fields in one request'],
};

/** Turn anything thrown into a status and a body; never leaks a non-Weft error's text. */
export function toErrorReply(error: unknown): { status: number; body: ErrorBody } {
  if (error instanceof WeftError) {
    const json = error.toJSON();
    return { status: statusOfCode(error.code), body: { error: json } };
  }
  const fastifyError = error as Partial<FastifyError>;
  if (Array.isArray(fastifyError.validation)) {
    const context = fastifyError.validationContext ?? 'request';
    const problems = fastifyError.validation.map((v) => `${context}${v.instancePath || ''} ${v.message ?? 'is invalid'}`);
    return reply('REQUEST_INVALID', `invalid request: ${problems.join('; ')}`, { problems });
  }
  const known = fastifyError.code === undefined ? undefined : fastifyCodes[fastifyError.code];
  if (known) return reply(known[0], known[1]);
  if (error instanceof SyntaxError) return reply('REQUEST_INVALID', 'the request body is not valid JSON');
  if (typeof fastifyError.statusCode === 'number' && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    return { status: fastifyError.statusCode, body: { error: { code: 'REQUEST_INVALID', description: 'the request was refused' } } };
  }
  return reply('INTERNAL_ERROR', 'internal error; the server log has the details');
}

function reply(code: string, description: string, details?: Record<string, unknown>): { status: number; body: ErrorBody } {
  return { status: statusOfCode(code), body: { error: details ? { code, description, details } : { code, description } } };
}

/** Install the one error handler and the not-found answer on the root instance. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: unknown, request: FastifyRequest, res: FastifyReply) => {
    const { status, body } = toErrorReply(error);
    if (status >= 500) request.log.error({ err: error, code: body.error.code }, 'request failed');
    return res.status(status).send(body);
  });
  app.setNotFoundHandler((request: FastifyRequest, res: FastifyReply) => {
    const { status, body } = reply('ROUTE_NOT_FOUND', 'no such route');
    return res.status(status).send(body);
  });
}
