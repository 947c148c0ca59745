import type { FastifyInstance } from 'fastify';
import { WeftError } from '../../core/index.js';
import { parseKey } from '../../engine/index.js';
import type { Engine } from '../../engine/index.js';
import { principalOf } from '../auth/index.js';
import type { Principal } from '../auth/index.js';
import type { ServerContext } from '../app/server-context.js';
import { searchIncidents } from './incident-search.js';
import { SEARCH_QUERY_SCHEMA } from './search-page.js';
import type { SearchQuery } from './search-page.js';
import { checkRecordAccess } from './tenant-scope.js';
import { CAMUNDA_ROUTE_CONFIG, openapi } from './route-config.js';

const KEY_PARAMS = { type: 'object', properties: { incidentKey: { type: 'string' } }, required: ['incidentKey'] } as const;

/** Route options, declared up front: access, body and params schemas, /openapi.json text. */
const ROUTES = {
  search: { config: CAMUNDA_ROUTE_CONFIG, schema: { ...openapi('search incidents'), body: SEARCH_QUERY_SCHEMA } },
  resolve: { config: CAMUNDA_ROUTE_CONFIG, schema: { ...openapi('resolve an incident'), params: KEY_PARAMS } },
};

/** `POST /incidents/search`, `POST /incidents/:incidentKey/resolution`. */
export async function incidentRoutes(scope: FastifyInstance, ctx: ServerContext): Promise<void> {
  scope.post<{ Body: SearchQuery | null }>('/incidents/search', ROUTES.search, async (request) =>
    searchIncidents(ctx.engine, principalOf(request), request.body ?? {}),
  );
  scope.post<{ Params: { incidentKey: string } }>('/incidents/:incidentKey/resolution', ROUTES.resolve, async (request, reply) => {
    await resolveIncident(ctx.engine, principalOf(request), request.params.incidentKey);
    return reply.code(204).send();
  });
}

/**
 * Resolve an open incident: the instance continues where it stopped. Unlike Camunda,
 * a job incident needs no separate retries update first — the job gets at least one
 * retry back.
 * @throws WeftError KEY_INVALID (400), INCIDENT_NOT_FOUND (404: unknown, resolved, or
 *   another tenant's), FORBIDDEN (403: read-only token)
 */
export async function resolveIncident(engine: Engine, principal: Principal, key: string): Promise<void> {
  const incident = await engine.store.getIncident(parseKey(key, 'incidentKey'));
  const notFound = () => new WeftError('INCIDENT_NOT_FOUND', `incident ${key} does not exist or is already resolved`);
  if (!incident || incident.state !== 'active') throw notFound();
  checkRecordAccess(principal, incident, 'write', notFound);
  await engine.resolveIncident(incident.key);
}
