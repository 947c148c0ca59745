import { basename } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { WeftError } from '../../../core/index.js';
import type { DeployResource } from '../../../engine/index.js';
import type { ServerContext } from '../../app/server-context.js';
import { orgOf } from '../../auth/index.js';
import { bearer, orgParams } from '../common-schemas.js';

/** Largest BPMN file accepted in one part (the compiler has its own, lower, limits). */
export const MAX_RESOURCE_BYTES = 10 * 1024 * 1024;
/** Most files in one deployment. */
export const MAX_RESOURCES = 100;

/**
 * `POST /orgs/:org/deployments`: multipart, one or more files in the field `resources`.
 * All or nothing: one invalid file refuses the deployment, and the 400 lists every
 * problem of every file (resource, code, element, line, column).
 */
export async function deploymentRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  app.post('/orgs/:org/deployments', {
    config: { access: { kind: 'org', need: 'admin' } },
    schema: {
      tags: ['org'], security: bearer, params: orgParams, consumes: ['multipart/form-data'],
      summary: 'Deploy .bpmn files (multipart field "resources"); a changed process becomes a new version',
    },
  }, async (request, reply) => {
    const org = orgOf(request);
    const resources: DeployResource[] = [];
    for await (const part of request.parts()) {
      if (part.type !== 'file') continue;
      const name = basename(part.filename ?? '');
      if (part.fieldname !== 'resources') throw new WeftError('REQUEST_INVALID', `unexpected file field '${part.fieldname}'; send files in the field 'resources'`);
      if (!/\.bpmn$/i.test(name)) throw new WeftError('REQUEST_INVALID', `'${name}' is not a .bpmn file`);
      resources.push({ name, xml: (await part.toBuffer()).toString('utf8') });
    }
    if (resources.length === 0) throw new WeftError('DEPLOYMENT_EMPTY', "a deployment needs at least one .bpmn file in the field 'resources'");
    const result = await ctx.engine.deploy(resources, { orgId: org.id });
    request.log.info({ org: org.id, deploymentKey: result.deploymentKey, processes: result.processes.map((p) => `${p.bpmnProcessId}@${p.version}`) }, 'deployed');
    return reply.status(result.processes.some((p) => p.isNewVersion) ? 201 : 200).send({ orgId: org.id, ...result });
  });
}
