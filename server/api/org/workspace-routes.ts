import type { FastifyInstance } from 'fastify';
import type { WorkspaceRecord } from '../../../models/index.js';
import type { ServerContext } from '../../app/server-context.js';
import { orgOf } from '../../auth/index.js';
import { bearer, orgParams, slugSchema } from '../common-schemas.js';
import { isoTime } from '../wire-format.js';

function view(workspace: WorkspaceRecord) {
  return { id: workspace.id, orgId: workspace.orgId, displayName: workspace.displayName, createdAt: isoTime(workspace.createdAt) };
}

/** An org's workspaces (ids are slugs, unique across all orgs). Org admins only. */
export async function workspaceRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  app.post<{ Body: { id: string; displayName?: string } }>('/orgs/:org/workspaces', {
    config: { access: { kind: 'org', need: 'admin' } },
    schema: {
      tags: ['org'], security: bearer, params: orgParams, summary: 'Create a workspace',
      body: { type: 'object', required: ['id'], additionalProperties: false, properties: { id: slugSchema, displayName: { type: 'string', minLength: 1, maxLength: 200 } } },
    },
  }, async (request, reply) => {
    const workspace = await ctx.tenancy.workspaces.create(request.body.id, orgOf(request).id, request.body.displayName);
    return reply.status(201).send(view(workspace));
  });

  app.get('/orgs/:org/workspaces', {
    config: { access: { kind: 'org', need: 'admin' } },
    schema: { tags: ['org'], security: bearer, params: orgParams, summary: "The org's workspaces" },
  }, async (request) => ({ items: (await ctx.tenancy.workspaces.listByOrg(orgOf(request).id)).map(view) }));
}
