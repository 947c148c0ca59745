import type { FastifyInstance } from 'fastify';
import { principalOf } from '../../auth/index.js';
import { bearer } from '../common-schemas.js';

/** `GET /me`: the calling token's id, role and scope (the CLI finds its org and workspace here). */
export async function meRoutes(app: FastifyInstance): Promise<void> {
  app.get('/me', {
    config: { access: { kind: 'authenticated' } },
    schema: { tags: ['operations'], security: bearer, summary: "The calling token's id, role, org and workspace" },
  }, async (request) => {
    const principal = principalOf(request);
    return { tokenId: principal.tokenId, role: principal.role, orgId: principal.orgId ?? null, workspaceId: principal.workspaceId ?? null };
  });
}
