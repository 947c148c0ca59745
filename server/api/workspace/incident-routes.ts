import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../../app/server-context.js';
import { incidentOf, workspaceOf } from '../../auth/index.js';
import { bearer, keySchema, pagingQuery, slugSchema, variablesSchema, workspaceParams } from '../common-schemas.js';
import { nextCursor } from '../wire-format.js';
import { incidentView } from './instance-views.js';

interface ListQuery {
  readonly state: 'ACTIVE' | 'RESOLVED';
  readonly processInstanceKey?: string;
  readonly cursor?: string;
  readonly limit: number;
}

/** A workspace's incidents, and resolving one (new retries and/or variables, then the instance continues). */
export async function incidentRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const { engine } = ctx;

  app.get<{ Querystring: ListQuery }>('/workspaces/:ws/incidents', {
    config: { access: { kind: 'workspace', need: 'read' } },
    schema: {
      tags: ['workspace'], security: bearer, params: workspaceParams, summary: 'Incidents (open ones unless state=RESOLVED), oldest first',
      querystring: {
        type: 'object',
        additionalProperties: false,
        properties: { state: { type: 'string', enum: ['ACTIVE', 'RESOLVED'], default: 'ACTIVE' }, processInstanceKey: keySchema, ...pagingQuery },
      },
    },
  }, async (request) => {
    const q = request.query;
    const rows = await engine.store.listIncidents({
      workspaceId: workspaceOf(request).id,
      state: q.state.toLowerCase(),
      limit: q.limit,
      ...(q.processInstanceKey ? { instanceKey: Number(q.processInstanceKey) } : {}),
      ...(q.cursor ? { after: Number(q.cursor) } : {}),
    });
    return { items: rows.map(incidentView), nextCursor: nextCursor(rows, q.limit, (r) => r.key) };
  });

  app.post<{ Body: { retries?: number; variables?: Record<string, unknown> } | undefined }>('/workspaces/:ws/incidents/:incidentKey/resolve', {
    config: { access: { kind: 'workspace', need: 'write', resource: 'incident' } },
    schema: {
      tags: ['workspace'], security: bearer, summary: 'Resolve an open incident; retries for job incidents (default 1)',
      params: { type: 'object', properties: { ws: slugSchema, incidentKey: keySchema } },
      body: {
        type: ['object', 'null'],
        additionalProperties: false,
        properties: { retries: { type: 'integer', minimum: 1, maximum: 1000 }, variables: variablesSchema },
      },
    },
  }, async (request) => {
    const incident = incidentOf(request);
    const { retries, variables } = request.body ?? {};
    await engine.resolveIncident(incident.key, { ...(retries === undefined ? {} : { retries }), ...(variables === undefined ? {} : { variables }) });
    request.log.info({ incidentKey: String(incident.key), retries }, 'incident resolved');
    return incidentView((await engine.store.getIncident(incident.key))!);
  });
}
