import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../../app/server-context.js';
import { instanceOf } from '../../auth/index.js';
import { bearer, keySchema, slugSchema, variablesSchema } from '../common-schemas.js';
import { elementView, historyView, incidentView, instanceView, jobView, variablesByScope } from './instance-views.js';

const params = { type: 'object', properties: { ws: slugSchema, instanceKey: keySchema } } as const;

/**
 * One instance for operators: where its tokens are (element instances), variables by
 * scope, incidents, jobs and its history (including redacted connector exchanges); and
 * the repairs: cancel, set variables.
 */
export async function instanceDetailRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const { engine } = ctx;
  const current = async (key: number) => {
    const instance = (await engine.store.getInstance(key))!;
    const open = await engine.store.listIncidents({ instanceKey: key, state: 'active', limit: 1 });
    return instanceView(instance, open.length > 0);
  };

  app.get('/workspaces/:ws/process-instances/:instanceKey', {
    config: { access: { kind: 'workspace', need: 'read', resource: 'instance' } },
    schema: { tags: ['workspace'], security: bearer, params, summary: 'An instance: element instances, variables by scope, incidents, jobs, history' },
  }, async (request) => {
    const instance = instanceOf(request);
    const aggregate = await engine.store.loadInstance(instance.key);
    const elements = aggregate?.elements ?? [];
    const incidents = await engine.store.listIncidents({ instanceKey: instance.key, limit: 1000 });
    return {
      ...instanceView(instance, incidents.some((i) => i.state === 'active')),
      elementInstances: elements.map(elementView),
      variables: variablesByScope(instance, await engine.store.instanceVariables(instance.key), elements),
      incidents: incidents.map(incidentView),
      jobs: (aggregate?.jobs ?? []).map(jobView),
      history: (await engine.store.history(instance.key)).map(historyView),
    };
  });

  app.post('/workspaces/:ws/process-instances/:instanceKey/cancel', {
    config: { access: { kind: 'workspace', need: 'write', resource: 'instance' } },
    schema: { tags: ['workspace'], security: bearer, params, summary: 'Cancel an active instance (409 when it already ended)' },
  }, async (request) => {
    const instance = instanceOf(request);
    await engine.cancelInstance(instance.key);
    request.log.info({ processInstanceKey: String(instance.key) }, 'instance cancelled');
    return current(instance.key);
  });

  app.patch<{ Body: { variables: Record<string, unknown>; scopeKey?: string; local?: boolean } }>('/workspaces/:ws/process-instances/:instanceKey/variables', {
    config: { access: { kind: 'workspace', need: 'write', resource: 'instance' } },
    schema: {
      tags: ['workspace'], security: bearer, params,
      summary: 'Set variables on the instance, or on one scope (an element instance key); local: no propagation',
      body: {
        type: 'object',
        required: ['variables'],
        additionalProperties: false,
        properties: { variables: variablesSchema, scopeKey: keySchema, local: { type: 'boolean' } },
      },
    },
  }, async (request) => {
    const instance = instanceOf(request);
    const { variables, scopeKey, local } = request.body;
    await engine.setVariables(instance.key, variables, { ...(scopeKey ? { scopeKey } : {}), ...(local === undefined ? {} : { local }) });
    request.log.info({ processInstanceKey: String(instance.key), names: Object.keys(variables) }, 'variables set');
    const values = variablesByScope(instance, await engine.store.instanceVariables(instance.key), (await engine.store.loadInstance(instance.key))?.elements ?? []);
    return { ...(await current(instance.key)), variables: values };
  });
}
