import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../../app/server-context.js';
import { issueToken, notFound, orgOf } from '../../auth/index.js';
import { bearer, orgParams, slugSchema } from '../common-schemas.js';
import { tokenBodySchema, tokenView } from '../token-view.js';

const access = { kind: 'org', need: 'admin' } as const;

/**
 * An org's tokens: org-admin, workspace and workspace-viewer. The token text is in the
 * creation answer only; listing shows ids, roles and labels. Revoked tokens stay listed.
 */
export async function tokenRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  app.post<{ Body: { role: string; workspace?: string; label?: string } }>('/orgs/:org/tokens', {
    config: { access },
    schema: {
      tags: ['org'], security: bearer, params: orgParams, summary: 'Create a token; its text is in this answer only',
      body: tokenBodySchema(['org-admin', 'workspace', 'workspace-viewer'], false),
    },
  }, async (request, reply) => {
    const { role, workspace, label } = request.body;
    const issued = await issueToken(ctx.tenancy, { role, orgId: orgOf(request).id, workspaceId: workspace, label });
    request.log.info({ tokenId: issued.record.id, role }, 'token created');
    return reply.status(201).send({ ...tokenView(issued.record), token: issued.text });
  });

  app.get('/orgs/:org/tokens', {
    config: { access },
    schema: { tags: ['org'], security: bearer, params: orgParams, summary: "The org's tokens (never their text)" },
  }, async (request) => ({ items: (await ctx.tenancy.tokens.listByOrg(orgOf(request).id)).map(tokenView) }));

  app.delete<{ Params: { org: string; tokenId: string } }>('/orgs/:org/tokens/:tokenId', {
    config: { access },
    schema: {
      tags: ['org'], security: bearer, summary: 'Revoke a token',
      params: { type: 'object', properties: { org: slugSchema, tokenId: { type: 'string', maxLength: 64 } } },
    },
  }, async (request, reply) => {
    const token = await ctx.tenancy.tokens.get(request.params.tokenId);
    if (!token || token.orgId !== orgOf(request).id) throw notFound('TOKEN_NOT_FOUND', 'token');
    await ctx.tenancy.tokens.revoke(token.id);
    request.log.info({ tokenId: token.id }, 'token revoked');
    return reply.status(204).send();
  });
}
