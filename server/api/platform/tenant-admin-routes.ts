import type { FastifyInstance } from 'fastify';
import type { OrgRecord } from '../../../models/index.js';
import type { ServerContext } from '../../app/server-context.js';
import { ROLES, issueToken } from '../../auth/index.js';
import { bearer, slugSchema } from '../common-schemas.js';
import { tokenBodySchema, tokenView } from '../token-view.js';
import { isoTime } from '../wire-format.js';

const access = { kind: 'platform' } as const;

const orgView = (org: OrgRecord) => ({ id: org.id, displayName: org.displayName, createdAt: isoTime(org.createdAt) });
const tags = ['platform'];

/** Platform tier: create and list orgs, and create tokens of any role (platform-admin included). */
export async function tenantAdminRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const { tenancy } = ctx;

  app.post<{ Body: { id: string; displayName?: string } }>('/admin/orgs', {
    config: { access },
    schema: {
      tags, security: bearer, summary: 'Create an org (its workspaces are created under /orgs/:org/workspaces)',
      body: { type: 'object', required: ['id'], additionalProperties: false, properties: { id: slugSchema, displayName: { type: 'string', minLength: 1, maxLength: 200 } } },
    },
  }, async (request, reply) => {
    const org = await tenancy.orgs.create(request.body.id, request.body.displayName);
    return reply.status(201).send(orgView(org));
  });

  app.get('/admin/orgs', {
    config: { access },
    schema: { tags, security: bearer, summary: 'Every org' },
  }, async () => ({
    items: (await tenancy.orgs.list()).map(orgView),
  }));

  app.post<{ Body: { role: string; org?: string; workspace?: string; label?: string } }>('/admin/tokens', {
    config: { access },
    schema: { tags, security: bearer, summary: 'Create a token of any role; its text is in this answer only', body: tokenBodySchema(ROLES, true) },
  }, async (request, reply) => {
    const { role, org, workspace, label } = request.body;
    const issued = await issueToken(tenancy, { role, orgId: org, workspaceId: workspace, label });
    return reply.status(201).send({ ...tokenView(issued.record), token: issued.text });
  });
}
