import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../../app/server-context.js';
import { notFound, workspaceOf } from '../../auth/index.js';
import { bearer, slugSchema, workspaceParams } from '../common-schemas.js';

const params = {
  type: 'object',
  properties: { ws: slugSchema, name: { type: 'string', pattern: '^[A-Za-z0-9_][A-Za-z0-9_./-]{0,127}$' } },
} as const;

/**
 * Workspace secrets for `{{secrets.NAME}}` placeholders: set (sealed by the vault),
 * delete, and list names. No route returns a value.
 */
export async function secretRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const { runtime, secrets } = ctx.connectors;

  app.get('/workspaces/:ws/secrets', {
    config: { access: { kind: 'workspace', need: 'read' } },
    schema: { tags: ['workspace'], security: bearer, params: workspaceParams, summary: 'Secret names (never values)' },
  }, async (request) => ({ items: (await secrets.listNames(workspaceOf(request).id)).map((name) => ({ name })) }));

  app.put<{ Params: { ws: string; name: string }; Body: { value: string } }>('/workspaces/:ws/secrets/:name', {
    config: { access: { kind: 'workspace', need: 'write' } },
    schema: {
      tags: ['workspace'], security: bearer, params, summary: 'Set a secret (encrypted at rest)',
      body: { type: 'object', required: ['value'], additionalProperties: false, properties: { value: { type: 'string', minLength: 1, maxLength: 65536 } } },
    },
  }, async (request, reply) => {
    const workspace = workspaceOf(request);
    await runtime.workspaceVault.saveSecret(workspace.id, request.params.name, request.body.value);
    request.log.info({ workspace: workspace.id, secretName: request.params.name }, 'secret saved');
    return reply.status(204).send();
  });

  app.delete<{ Params: { ws: string; name: string } }>('/workspaces/:ws/secrets/:name', {
    config: { access: { kind: 'workspace', need: 'write' } },
    schema: { tags: ['workspace'], security: bearer, params, summary: 'Delete a secret' },
  }, async (request, reply) => {
    const workspace = workspaceOf(request);
    if (!(await runtime.workspaceVault.deleteSecret(workspace.id, request.params.name))) throw notFound('SECRET_NOT_FOUND', 'secret');
    request.log.info({ workspace: workspace.id, secretName: request.params.name }, 'secret deleted');
    return reply.status(204).send();
  });
}
