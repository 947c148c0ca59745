import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../../app/server-context.js';
import { workspaceOf } from '../../auth/index.js';
import { bearer, pagingQuery, workspaceParams } from '../common-schemas.js';
import { nextCursor } from '../wire-format.js';
import { jobView } from './instance-views.js';

interface ListQuery {
  readonly state?: string;
  readonly type?: string;
  readonly cursor?: string;
  readonly limit: number;
}

/** Unfinished jobs of a workspace (finished jobs live on in history only). */
export async function jobRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  app.get<{ Querystring: ListQuery }>('/workspaces/:ws/jobs', {
    config: { access: { kind: 'workspace', need: 'read' } },
    schema: {
      tags: ['workspace'], security: bearer, params: workspaceParams, summary: 'Jobs not finished, oldest first',
      querystring: {
        type: 'object',
        additionalProperties: false,
        properties: {
          state: { type: 'string', enum: ['activatable', 'activated', 'backoff', 'failed', 'errorThrown'] },
          type: { type: 'string', maxLength: 255 },
          ...pagingQuery,
        },
      },
    },
  }, async (request) => {
    const q = request.query;
    const rows = await ctx.engine.store.listJobs({
      workspaceId: workspaceOf(request).id,
      limit: q.limit,
      ...(q.state ? { state: q.state } : {}),
      ...(q.type ? { type: q.type } : {}),
      ...(q.cursor ? { after: Number(q.cursor) } : {}),
    });
    return { items: rows.map(jobView), nextCursor: nextCursor(rows, q.limit, (r) => r.key) };
  });
}
