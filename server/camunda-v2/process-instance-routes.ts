import type { FastifyInstance } from 'fastify';
import { WeftError } from '../../core/index.js';
import { parseKey } from '../../engine/index.js';
import type { Engine } from '../../engine/index.js';
import { principalOf } from '../auth/index.js';
import type { Principal } from '../auth/index.js';
import type { ServerContext } from '../app/server-context.js';
import { CREATE_INSTANCE_SCHEMA, createProcessInstance } from './process-instance-create.js';
import type { CreateInstanceBody } from './process-instance-create.js';
import { toProcessInstanceResults } from './process-instance-result.js';
import type { ProcessInstanceResult } from './process-instance-result.js';
import { searchProcessInstances } from './process-instance-search.js';
import { SEARCH_QUERY_SCHEMA } from './search-page.js';
import type { SearchQuery } from './search-page.js';
import { checkRecordAccess } from './tenant-scope.js';
import { CAMUNDA_ROUTE_CONFIG, openapi } from './route-config.js';

const KEY_PARAMS = { type: 'object', properties: { processInstanceKey: { type: 'string' } }, required: ['processInstanceKey'] } as const;

/** Route options, declared up front: access, body and params schemas, /openapi.json text. */
const ROUTES = {
  create: { config: CAMUNDA_ROUTE_CONFIG, schema: { ...openapi('create a process instance, optionally awaiting completion'), body: CREATE_INSTANCE_SCHEMA } },
  search: { config: CAMUNDA_ROUTE_CONFIG, schema: { ...openapi('search process instances'), body: SEARCH_QUERY_SCHEMA } },
  get: { config: CAMUNDA_ROUTE_CONFIG, schema: { ...openapi('get a process instance'), params: KEY_PARAMS } },
  cancel: { config: CAMUNDA_ROUTE_CONFIG, schema: { ...openapi('cancel a process instance'), params: KEY_PARAMS } },
};

type KeyParams = { Params: { processInstanceKey: string } };

/**
 * `POST /process-instances`, `GET /process-instances/:processInstanceKey`,
 * `POST /process-instances/search`, `POST /process-instances/:processInstanceKey/cancellation`.
 * `stop` aborts when the server closes, ending requests that await completion.
 */
export async function processInstanceRoutes(scope: FastifyInstance, ctx: ServerContext, stop: AbortSignal): Promise<void> {
  scope.post<{ Body: CreateInstanceBody }>('/process-instances', ROUTES.create, async (request) =>
    createProcessInstance(ctx.engine, ctx.tenancy, principalOf(request), request.body ?? {}, stop),
  );
  scope.post<{ Body: SearchQuery | null }>('/process-instances/search', ROUTES.search, async (request) =>
    searchProcessInstances(ctx.engine, principalOf(request), request.body ?? {}),
  );
  scope.get<KeyParams>('/process-instances/:processInstanceKey', ROUTES.get, async (request) =>
    getProcessInstance(ctx.engine, principalOf(request), request.params.processInstanceKey),
  );
  scope.post<KeyParams>('/process-instances/:processInstanceKey/cancellation', ROUTES.cancel, async (request, reply) => {
    await cancelProcessInstance(ctx.engine, principalOf(request), request.params.processInstanceKey);
    return reply.code(204).send();
  });
}

/**
 * One process instance the token can see.
 * @throws WeftError KEY_INVALID (400), PROCESS_INSTANCE_NOT_FOUND (404, also for another tenant's)
 */
export async function getProcessInstance(engine: Engine, principal: Principal, key: string): Promise<ProcessInstanceResult> {
  const instance = await engine.store.getInstance(parseKey(key, 'processInstanceKey'));
  if (!instance) throw instanceNotFound(key);
  checkRecordAccess(principal, instance, 'read', () => instanceNotFound(key));
  const open = await engine.store.listIncidents({ instanceKey: instance.key, state: 'active', limit: 1 });
  const [result] = await toProcessInstanceResults(engine, [instance], () => open.length > 0);
  return result!;
}

/**
 * Cancel an active instance (Camunda answers 404 for an ended one; Weft says 409).
 * @throws WeftError KEY_INVALID, PROCESS_INSTANCE_NOT_FOUND, FORBIDDEN, PROCESS_INSTANCE_NOT_ACTIVE (409)
 */
export async function cancelProcessInstance(engine: Engine, principal: Principal, key: string): Promise<void> {
  const instance = await engine.store.getInstance(parseKey(key, 'processInstanceKey'));
  if (!instance) throw instanceNotFound(key);
  checkRecordAccess(principal, instance, 'write', () => instanceNotFound(key));
  await engine.cancelInstance(instance.key);
}

function instanceNotFound(key: string): WeftError {
  return new WeftError('PROCESS_INSTANCE_NOT_FOUND', `process instance ${key} does not exist`);
}
