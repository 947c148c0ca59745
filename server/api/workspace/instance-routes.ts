import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../../app/server-context.js';
import { workspaceOf } from '../../auth/index.js';
import { bearer, pagingQuery, variablesSchema, workspaceParams } from '../common-schemas.js';
import { nextCursor } from '../wire-format.js';
import { instanceView } from './instance-views.js';

interface ListQuery {
  readonly state?: 'ACTIVE' | 'COMPLETED' | 'TERMINATED';
  readonly bpmnProcessId?: string;
  readonly startedFrom?: string;
  readonly startedTo?: string;
  readonly hasIncident?: boolean;
  readonly cursor?: string;
  readonly limit: number;
}

/** Start instances in a workspace (of a process its org deployed) and list them. */
export async function instanceRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const { engine } = ctx;

  app.post<{ Body: { bpmnProcessId: string; version?: number; variables?: Record<string, unknown> } }>('/workspaces/:ws/process-instances', {
    config: { access: { kind: 'workspace', need: 'write' } },
    schema: {
      tags: ['workspace'], security: bearer, params: workspaceParams, summary: 'Start an instance (latest version unless given)',
      body: {
        type: 'object',
        required: ['bpmnProcessId'],
        additionalProperties: false,
        properties: { bpmnProcessId: { type: 'string', minLength: 1, maxLength: 255 }, version: { type: 'integer', minimum: 1 }, variables: variablesSchema },
      },
    },
  }, async (request, reply) => {
    const workspace = workspaceOf(request);
    const { bpmnProcessId, version, variables } = request.body;
    const created = await engine.createInstance({
      bpmnProcessId,
      ...(version === undefined ? {} : { version }),
      variables: variables ?? {},
      orgId: workspace.orgId,
      workspaceId: workspace.id,
    });
    return reply.status(201).send({ ...created, workspaceId: workspace.id });
  });

  app.get<{ Querystring: ListQuery }>('/workspaces/:ws/process-instances', {
    config: { access: { kind: 'workspace', need: 'read' } },
    schema: {
      tags: ['workspace'], security: bearer, params: workspaceParams, summary: 'Instances of the workspace, oldest first, cursor paging',
      querystring: {
        type: 'object',
        additionalProperties: false,
        properties: {
          state: { type: 'string', enum: ['ACTIVE', 'COMPLETED', 'TERMINATED'] },
          bpmnProcessId: { type: 'string', maxLength: 255 },
          startedFrom: { type: 'string', format: 'date-time' },
          startedTo: { type: 'string', format: 'date-time' },
          hasIncident: { type: 'boolean' },
          ...pagingQuery,
        },
      },
    },
  }, async (request) => {
    const q = request.query;
    const workspace = workspaceOf(request);
    const rows = await engine.store.listInstances({
      workspaceId: workspace.id,
      orgId: workspace.orgId,
      limit: q.limit,
      ...(q.state ? { state: q.state.toLowerCase() } : {}),
      ...(q.bpmnProcessId ? { bpmnProcessId: q.bpmnProcessId } : {}),
      ...(q.startedFrom ? { startedFrom: Date.parse(q.startedFrom) } : {}),
      ...(q.startedTo ? { startedTo: Date.parse(q.startedTo) } : {}),
      ...(q.hasIncident === undefined ? {} : { hasIncident: q.hasIncident }),
      ...(q.cursor ? { after: Number(q.cursor) } : {}),
    });
    const items = [];
    for (const row of rows) {
      const open = row.state === 'active' ? await engine.store.listIncidents({ instanceKey: row.key, state: 'active', limit: 1 }) : [];
      items.push(instanceView(row, open.length > 0));
    }
    return { items, nextCursor: nextCursor(rows, q.limit, (r) => r.key) };
  });
}
