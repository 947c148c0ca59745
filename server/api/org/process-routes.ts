import type { FastifyInstance } from 'fastify';
import type { DefinitionRecord } from '../../../models/index.js';
import type { ServerContext } from '../../app/server-context.js';
import { notFound, orgOf } from '../../auth/index.js';
import { bearer, slugSchema } from '../common-schemas.js';
import { isoTime } from '../wire-format.js';

function versionView(definition: DefinitionRecord) {
  return {
    version: definition.version,
    processDefinitionKey: String(definition.key),
    resourceName: definition.resourceName,
    deploymentKey: String(definition.deploymentKey),
    deployedAt: isoTime(definition.createdAt),
  };
}

/** The org's deployed processes: every process with its versions, and one version with its XML. */
export async function processRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  app.get('/orgs/:org/processes', {
    config: { access: { kind: 'org', need: 'read' } },
    schema: { tags: ['org'], security: bearer, params: { type: 'object', properties: { org: slugSchema } }, summary: 'Deployed processes with their versions' },
  }, async (request) => {
    const byProcess = new Map<string, DefinitionRecord[]>();
    for (const definition of await ctx.engine.store.listDefinitions(orgOf(request).id)) {
      byProcess.set(definition.bpmnProcessId, [...(byProcess.get(definition.bpmnProcessId) ?? []), definition]);
    }
    return {
      items: [...byProcess].map(([bpmnProcessId, versions]) => ({
        bpmnProcessId,
        latestVersion: Math.max(...versions.map((v) => v.version)),
        versions: versions.map(versionView),
      })),
    };
  });

  app.get<{ Params: { org: string; bpmnProcessId: string; version: number } }>('/orgs/:org/processes/:bpmnProcessId/versions/:version', {
    config: { access: { kind: 'org', need: 'read' } },
    schema: {
      tags: ['org'], security: bearer, summary: 'One version of a process, with its BPMN XML',
      params: {
        type: 'object',
        properties: { org: slugSchema, bpmnProcessId: { type: 'string', minLength: 1, maxLength: 255 }, version: { type: 'integer', minimum: 1 } },
      },
    },
  }, async (request) => {
    const { bpmnProcessId, version } = request.params;
    const definition = await ctx.engine.store.findDefinition(orgOf(request).id, bpmnProcessId, version);
    if (!definition) throw notFound('PROCESS_NOT_FOUND', 'process version');
    return { bpmnProcessId, ...versionView(definition), checksum: definition.checksum, xml: definition.xml };
  });
}
