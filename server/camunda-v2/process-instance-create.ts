import { WeftError } from '../../core/index.js';
import type { JsonObject } from '../../core/index.js';
import type { Principal, TenantDirectory } from '../auth/index.js';
import type { Engine } from '../../engine/index.js';
import { awaitCompletion, awaitTimeoutOf } from './await-completion.js';
import { resolveTenant } from './tenant-scope.js';

/** Camunda's ProcessInstanceCreationInstruction, as far as Weft reads it. */
export interface CreateInstanceBody {
  readonly processDefinitionId?: string;
  readonly processDefinitionKey?: string;
  /** -1 (Camunda's default) or absent: the latest version. Ignored with a key. */
  readonly processDefinitionVersion?: number;
  readonly variables?: Record<string, unknown> | null;
  readonly tenantId?: string | null;
  readonly startInstructions?: readonly unknown[];
  readonly runtimeInstructions?: readonly unknown[];
  readonly awaitCompletion?: boolean;
  readonly fetchVariables?: readonly string[];
  readonly requestTimeout?: number;
}

/** Camunda's CreateProcessInstanceResult. */
export interface CreateInstanceResult {
  readonly processDefinitionKey: string;
  readonly processDefinitionId: string;
  readonly processDefinitionVersion: number;
  readonly processInstanceKey: string;
  readonly tenantId: string;
  /** Without awaitCompletion: empty. With it: the root variables, or those in fetchVariables. */
  readonly variables: JsonObject;
}

/** The request body schema (compiled at boot; keys as strings, numbers coerced). */
export const CREATE_INSTANCE_SCHEMA = {
  type: 'object',
  properties: {
    processDefinitionId: { type: 'string', minLength: 1 },
    processDefinitionKey: { type: 'string', minLength: 1 },
    processDefinitionVersion: { type: 'integer', minimum: -1 },
    variables: { type: 'object', nullable: true },
    tenantId: { type: 'string', nullable: true },
    operationReference: {},
    startInstructions: { type: 'array' },
    runtimeInstructions: { type: 'array' },
    awaitCompletion: { type: 'boolean' },
    fetchVariables: { type: 'array', items: { type: 'string' } },
    requestTimeout: { type: 'integer', minimum: 0 },
  },
} as const;

/**
 * Start a process instance in the workspace the tenantId names; with `awaitCompletion`,
 * answer only once it completed (see awaitCompletion for the timeout and `stop`).
 * @throws WeftError REQUEST_INVALID, the tenant errors of resolveTenant, the
 *   engine's createInstance errors, CAMUNDA_AWAIT_TIMEOUT, CAMUNDA_INSTANCE_TERMINATED
 */
export async function createProcessInstance(
  engine: Engine,
  tenancy: TenantDirectory,
  principal: Principal,
  body: CreateInstanceBody,
  stop?: AbortSignal,
): Promise<CreateInstanceResult> {
  if (body.processDefinitionId !== undefined && body.processDefinitionKey !== undefined) {
    throw new WeftError('REQUEST_INVALID', 'give processDefinitionId or processDefinitionKey, not both');
  }
  if ((body.startInstructions?.length ?? 0) > 0) throw unsupported('startInstructions');
  if ((body.runtimeInstructions?.length ?? 0) > 0) throw unsupported('runtimeInstructions');
  const tenant = await resolveTenant(tenancy, principal, body.tenantId, 'write');
  const version = body.processDefinitionVersion;
  const created = await engine.createInstance({
    ...(body.processDefinitionId === undefined ? {} : { bpmnProcessId: body.processDefinitionId }),
    ...(body.processDefinitionKey === undefined ? {} : { processDefinitionKey: body.processDefinitionKey }),
    ...(version === undefined || version < 0 || body.processDefinitionKey !== undefined ? {} : { version }),
    variables: body.variables ?? {},
    orgId: tenant.orgId,
    workspaceId: tenant.workspaceId,
  });
  const result = {
    processDefinitionKey: created.processDefinitionKey,
    processDefinitionId: created.bpmnProcessId,
    processDefinitionVersion: created.version,
    processInstanceKey: created.processInstanceKey,
    tenantId: tenant.workspaceId,
  };
  if (!body.awaitCompletion) return { ...result, variables: {} };
  const outcome = await awaitCompletion(engine, created.processInstanceKey, awaitTimeoutOf(body.requestTimeout), stop);
  return { ...result, variables: pick(outcome.variables, body.fetchVariables) };
}

/** The named variables (those that exist), or all of them when no names are given. */
function pick(variables: JsonObject, names: readonly string[] | undefined): JsonObject {
  if (!names || names.length === 0) return variables;
  const picked: JsonObject = {};
  for (const name of names) if (Object.hasOwn(variables, name)) picked[name] = variables[name]!;
  return picked;
}

function unsupported(field: string): WeftError {
  return new WeftError('REQUEST_INVALID', `${field} are not supported by Weft; start at the none start event`);
}
