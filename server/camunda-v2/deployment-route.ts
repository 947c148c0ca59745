import type { FastifyInstance, FastifyRequest } from 'fastify';
import { WeftError } from '../../core/index.js';
import type { DeployResource } from '../../engine/index.js';
import { principalOf } from '../auth/index.js';
import type { ServerContext } from '../app/server-context.js';
import { DEFAULT_TENANT_ID, isDefaultTenant, resolveDeploymentOrg } from './tenant-scope.js';
import { CAMUNDA_ROUTE_CONFIG, openapi } from './route-config.js';

/** Upload limits of one deployment request (the BPMN compiler has its own, smaller, per-file cap). */
export const DEPLOYMENT_LIMITS = { fileSize: 8 * 1024 * 1024, files: 100, fields: 10, parts: 110 } as const;

/** Camunda's DeploymentResult, with process definitions only. */
export interface DeploymentResponse {
  readonly deploymentKey: string;
  readonly tenantId: string;
  readonly deployments: readonly {
    readonly processDefinition: {
      readonly processDefinitionId: string;
      readonly processDefinitionVersion: number;
      readonly processDefinitionKey: string;
      readonly resourceName: string;
      readonly tenantId: string;
    };
  }[];
}

/**
 * `POST /deployments`: multipart/form-data with one `resources` part per BPMN file and
 * an optional `tenantId` field. Deployments belong to an org (see resolveDeploymentOrg);
 * the response echoes the tenantId asked for. A resource identical to the latest version
 * keeps that version, as in Camunda.
 */
export async function deploymentRoute(scope: FastifyInstance, ctx: ServerContext): Promise<void> {
  const options = { config: CAMUNDA_ROUTE_CONFIG, schema: { ...openapi('deploy BPMN files (multipart field "resources")'), consumes: ['multipart/form-data'] } };
  scope.post('/deployments', options, async (request): Promise<DeploymentResponse> => {
    const principal = principalOf(request);
    const { resources, tenantId } = await readDeploymentForm(request);
    const orgId = await resolveDeploymentOrg(ctx.tenancy, principal, tenantId);
    const result = await ctx.engine.deploy(resources, { orgId });
    const echoed = isDefaultTenant(tenantId) ? DEFAULT_TENANT_ID : tenantId!;
    return {
      deploymentKey: result.deploymentKey,
      tenantId: echoed,
      deployments: result.processes.map((process) => ({
        processDefinition: {
          processDefinitionId: process.bpmnProcessId,
          processDefinitionVersion: process.version,
          processDefinitionKey: process.processDefinitionKey,
          resourceName: process.resourceName,
          tenantId: echoed,
        },
      })),
    };
  });
}

/**
 * Read the form: every `resources` file part (UTF-8 BPMN XML) and the `tenantId` field;
 * other parts are read and ignored, as a gateway that does not know them would.
 * @throws WeftError REQUEST_INVALID for a body that is not multipart, or a DMN or form resource
 */
async function readDeploymentForm(request: FastifyRequest): Promise<{ resources: DeployResource[]; tenantId?: string }> {
  if (!request.isMultipart()) {
    throw new WeftError('REQUEST_INVALID', 'a deployment is multipart/form-data with one "resources" part per BPMN file');
  }
  const resources: DeployResource[] = [];
  let tenantId: string | undefined;
  for await (const part of request.parts({ limits: DEPLOYMENT_LIMITS })) {
    if (part.type === 'file') {
      const content = await part.toBuffer();
      if (part.fieldname === 'resources') resources.push({ name: part.filename || `resource-${resources.length + 1}.bpmn`, xml: content.toString('utf8') });
    } else if (part.fieldname === 'tenantId') {
      tenantId = String(part.value);
    }
  }
  const other = resources.find((r) => /\.(dmn|form|rpa)$/i.test(r.name));
  if (other) {
    throw new WeftError('REQUEST_INVALID', `Weft deploys BPMN processes only; '${other.name}' is a decision, form or other resource`, {
      details: { resourceName: other.name },
    });
  }
  return { resources, ...(tenantId === undefined ? {} : { tenantId }) };
}
