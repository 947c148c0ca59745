import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { WeftError } from '../../core/index.js';
import type { ServerContext } from '../app/server-context.js';
import { requireAuth } from '../auth/index.js';
import { deploymentRoute } from './deployment-route.js';
import { incidentRoutes } from './incident-routes.js';
import { sendProblem } from './problem-detail.js';
import { processInstanceRoutes } from './process-instance-routes.js';
import { topologyRoute } from './topology-route.js';

export { CAMUNDA_API_VERSION } from './topology-route.js';
export type { ProblemDetail } from './problem-detail.js';

/** Where the routes live; Camunda clients append `/v2` to their configured REST address. */
export const CAMUNDA_V2_PREFIX = '/v2';

/**
 * `/v2/…`: the Camunda 8 REST API subset existing Camunda clients use (docs/camunda-api.md).
 * Registered in its own encapsulated scope: every request needs a bearer token (checked
 * before the body is read), every error is `application/problem+json`, JSON bodies may
 * be empty (Camunda's clients send `Content-Type: application/json` with no body), and
 * multipart is registered here unless the app already did.
 */
export async function camundaV2Routes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  await app.register(
    async (scope) => {
      if (!scope.hasContentTypeParser('multipart/form-data')) await scope.register(multipart);
      allowEmptyJsonBodies(scope);
      scope.setErrorHandler((error, request, reply) => sendProblem(error, request, reply));
      scope.setNotFoundHandler((request, reply) => sendProblem(notFound(request), request, reply));
      scope.addHook('onRequest', requireAuth);
      // Requests awaiting completion would hold a graceful shutdown for up to their timeout.
      const closing = new AbortController();
      scope.addHook('preClose', async () => closing.abort());
      await topologyRoute(scope);
      await deploymentRoute(scope, ctx);
      await processInstanceRoutes(scope, ctx, closing.signal);
      await incidentRoutes(scope, ctx);
    },
    { prefix: CAMUNDA_V2_PREFIX },
  );
}

/** fastify refuses `Content-Type: application/json` with an empty body; Camunda does not. */
function allowEmptyJsonBodies(scope: FastifyInstance): void {
  const parseJson = scope.getDefaultJsonParser('error', 'error');
  scope.removeContentTypeParser('application/json');
  scope.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') {
      done(null, undefined);
      return;
    }
    parseJson(request, text, done);
  });
}

function notFound(request: FastifyRequest): WeftError {
  return new WeftError('ROUTE_NOT_FOUND', `${request.method} ${request.url.split('?')[0]} is not part of the Camunda API subset Weft serves (docs/camunda-api.md)`);
}
