import type { FastifyReply, FastifyRequest } from 'fastify';
import { isWeftError } from '../../core/index.js';
import { toErrorReply } from '../app/error-handler.js';
import { statusOfCode } from '../app/error-statuses.js';

/**
 * An RFC 9457 problem, the error body of Camunda's REST API
 * (`application/problem+json`). `code` is Weft's extension member: the stable WeftError
 * code, the same one the rest of Weft's API answers with.
 */
export interface ProblemDetail {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly instance: string;
  readonly code: string;
}

/** Statuses of the codes only these routes raise; every other code keeps the API's status. */
const CAMUNDA_STATUSES: Readonly<Record<string, number>> = {
  CAMUNDA_INSTANCE_TERMINATED: 409,
  CAMUNDA_AWAIT_TIMEOUT: 504,
};

/** Camunda's titles are rejection kinds; these are the ones its gateway uses per status. */
const TITLES: Readonly<Record<number, string>> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'INVALID_STATE',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  500: 'INTERNAL',
  503: 'RESOURCE_EXHAUSTED',
  504: 'DEADLINE_EXCEEDED',
};

/** The HTTP status of a WeftError code on these routes. */
export function statusForCode(code: string): number {
  return CAMUNDA_STATUSES[code] ?? statusOfCode(code);
}

/**
 * The problem body for anything thrown. Codes, statuses and the care taken with texts
 * are the API's own (server/app/error-handler.ts): a 500 never carries internals.
 */
export function toProblem(error: unknown, instance: string): ProblemDetail {
  let status: number;
  let code: string;
  let detail: string;
  if (isWeftError(error) && error.code in CAMUNDA_STATUSES) {
    [status, code, detail] = [statusForCode(error.code), error.code, error.message];
  } else {
    const reply = toErrorReply(error);
    [status, code, detail] = [reply.status, reply.body.error.code, reply.body.error.description];
  }
  if (status >= 500 && status !== 503 && status !== 504) detail = 'an internal error occurred; the server log has the details';
  return { type: 'about:blank', title: TITLES[status] ?? 'INTERNAL', status, detail, instance, code };
}

/** Send the problem for `error` (the scope's error and not-found handler). */
export function sendProblem(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const problem = toProblem(error, request.url.split('?')[0] ?? request.url);
  if (problem.status >= 500 && problem.status !== 504) request.log.error({ err: error, code: problem.code }, 'camunda v2 request failed');
  return reply.code(problem.status).type('application/problem+json').send(problem);
}
