import type { Logger } from 'pino';
import type { Engine, ProcessModel } from '../../engine/index.js';
import { processWebhooks } from './webhook-elements.js';
import type { WebhookRegistration, WebhookRegistry } from './webhook-registry.js';

/** The stored definition fields a registration needs. */
interface DefinitionInfo {
  readonly key: number;
  readonly orgId: string;
  readonly bpmnProcessId: string;
  readonly version: number;
}

/**
 * Keep `registry` in step with the engine: follow every deployment (a new version takes
 * over its process's webhooks), then load the latest version of every deployed process.
 * Subscribing first means no deployment can slip between the load and the subscription.
 * Returns the unsubscribe function.
 */
export async function syncWebhookRegistry(engine: Engine, registry: WebhookRegistry, logger: Logger): Promise<() => void> {
  const pending = new Set<Promise<void>>();
  const off = engine.events.onDeployed((result, orgId) => {
    for (const deployed of result.processes) {
      if (!deployed.isNewVersion) continue;
      const key = Number(deployed.processDefinitionKey);
      const work = engine
        .processModel(key)
        .then((model) => register(registry, logger, { key, orgId, bpmnProcessId: deployed.bpmnProcessId, version: deployed.version }, model))
        .catch((error: unknown) => logger.error({ err: error, bpmnProcessId: deployed.bpmnProcessId }, 'webhooks: could not register a deployed process'))
        .finally(() => pending.delete(work));
      pending.add(work);
    }
  });
  for (const { definition, model } of await engine.latestProcesses()) register(registry, logger, definition, model);
  await Promise.all(pending);
  return off;
}

function register(registry: WebhookRegistry, logger: Logger, definition: DefinitionInfo, model: ProcessModel): void {
  const { elements, problems } = processWebhooks(model);
  for (const problem of problems) {
    // Only for processes deployed before these checks existed: deployments are validated.
    logger.warn({ bpmnProcessId: definition.bpmnProcessId, elementId: problem.elementId }, `webhooks: not served: ${problem.message}`);
  }
  const registrations: WebhookRegistration[] = elements.map((element) => ({
    ...element,
    orgId: definition.orgId,
    bpmnProcessId: definition.bpmnProcessId,
    processDefinitionKey: definition.key,
    version: definition.version,
  }));
  for (const id of registry.replaceProcess(definition.orgId, definition.bpmnProcessId, definition.version, registrations)) {
    logger.warn({ bpmnProcessId: definition.bpmnProcessId, webhookId: id }, 'webhooks: ID already served by another process of the org; not served here');
  }
}
