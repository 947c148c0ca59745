import type { FastifyInstance } from 'fastify';
import { WeftError } from '../../core/index.js';
import type { Clock } from '../../core/index.js';
import type { WebhookDeliveryRepository } from '../../models/index.js';
import type { ServerContext } from '../app/server-context.js';
import { DeliveryDedup } from './delivery-dedup.js';
import type { DedupTiming } from './delivery-dedup.js';
import { syncWebhookRegistry } from './registry-sync.js';
import { webhookDeploymentValidator } from './webhook-deploy-validator.js';
import { WebhookRegistry } from './webhook-registry.js';
import { webhookRoutes } from './webhook-routes.js';
import { WebhookSecrets } from './webhook-secrets.js';
import { workspaceOrgLookup } from './workspace-org.js';

export { WebhookRegistry } from './webhook-registry.js';
export type { WebhookRegistration } from './webhook-registry.js';
export { webhookDeploymentValidator } from './webhook-deploy-validator.js';
export { processWebhooks } from './webhook-elements.js';

/** The default body cap of webhook requests: 1 MiB (`WEFT_WEBHOOK_BODY_LIMIT` overrides). */
export const DEFAULT_WEBHOOK_BODY_LIMIT = 1024 * 1024;

/** What the server passes besides its context. */
export interface InboundOptions {
  /**
   * Delivery-id and message-id memory (a repository on the server's database). Without
   * it, webhooks that deduplicate answer 500 WEBHOOK_DEDUP_UNAVAILABLE.
   */
  readonly deliveries?: WebhookDeliveryRepository;
  /** The clock replay windows and retention are measured with; default: the engine's. */
  readonly clock?: Clock;
  /** Tests shorten the deduplication lease and wait. */
  readonly dedupTiming?: Partial<DedupTiming>;
}

/**
 * `/inbound/…`: Camunda-compatible inbound webhooks (`io.camunda:webhook:1`). Checks
 * webhook elements on every deployment (engine deployment validator), serves the latest
 * version of each process's webhooks (rebuilt from the engine at start, updated on each
 * deployment), and answers requests in their own encapsulated scope. See docs/webhooks.md.
 */
export async function inboundRoutes(app: FastifyInstance, ctx: ServerContext, options: InboundOptions = {}): Promise<void> {
  const limit = bodyLimit(ctx.env.WEFT_WEBHOOK_BODY_LIMIT);
  const registry = new WebhookRegistry();
  if (!validated.has(ctx.engine)) {
    validated.add(ctx.engine);
    ctx.engine.addDeploymentValidator(webhookDeploymentValidator(ctx.engine));
  }
  const unsubscribe = await syncWebhookRegistry(ctx.engine, registry, ctx.logger);
  app.addHook('onClose', async () => unsubscribe());
  const clock = options.clock ?? ctx.engine.clock;
  const logger = ctx.logger.child({ component: 'webhooks' });
  const deliveries = options.deliveries ?? ctx.webhookDeliveries;
  if (!deliveries) {
    logger.warn('webhooks: no deduplication store was given; webhooks with a delivery-id header or messageIdExpression answer 500');
  }
  await app.register(webhookRoutes, {
    registry,
    workspaceOrg: workspaceOrgLookup(ctx.tenancy.workspaces),
    deps: {
      engine: ctx.engine,
      clock,
      secrets: new WebhookSecrets(ctx.connectors.runtime.workspaceVault, ctx.env),
      dedup: new DeliveryDedup(deliveries, clock, options.dedupTiming),
      logger,
    },
    metrics: ctx.metrics,
    logger,
    bodyLimit: limit,
  });
}

/** Engines that already check webhooks on deploy (one validator per engine, however often the plugin is registered). */
const validated = new WeakSet<object>();

function bodyLimit(setting: string | undefined): number {
  if (setting === undefined || setting.trim() === '') return DEFAULT_WEBHOOK_BODY_LIMIT;
  const value = Number(setting);
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new WeftError('WEBHOOK_BODY_LIMIT_INVALID', `WEFT_WEBHOOK_BODY_LIMIT must be a positive number of bytes, got '${setting}'`);
  }
  return value;
}
