import type { Logger } from 'pino';
import type { Clock, JsonValue } from '../../core/index.js';
import { Masker } from '../../connectors/index.js';
import type { Engine } from '../../engine/index.js';
import { deliverWebhook } from './deliver-webhook.js';
import type { WebhookCall } from './deliver-webhook.js';
import type { DeliveryDedup } from './delivery-dedup.js';
import { feelRequest, parseBody, requestValue } from './feel-request.js';
import { guardRequest, header } from './request-guard.js';
import { errorAnswer } from './webhook-answer.js';
import type { WebhookAnswer } from './webhook-answer.js';
import { WebhookError } from './webhook-error.js';
import { maskAnswer } from './webhook-response.js';
import type { WebhookSecrets } from './webhook-secrets.js';

/** What handling a webhook request needs. */
export interface WebhookDeps {
  readonly engine: Engine;
  /** Replay windows are measured with it. */
  readonly clock: Clock;
  readonly secrets: WebhookSecrets;
  readonly dedup: DeliveryDedup;
  readonly logger: Logger;
}

/**
 * Handle one request to a known webhook with an allowed method, in Camunda's order:
 * resolve the webhook's secrets, guard (HMAC over the raw bytes, authorization, replay
 * window — nothing parsed before these pass), deduplicate by delivery id, then deliver.
 * Never throws: every failure is an answer, its text masked.
 */
export async function handleWebhook(deps: WebhookDeps, call: WebhookCall): Promise<WebhookAnswer & { readonly code?: string }> {
  const masker = new Masker();
  const { config } = call.registration;
  try {
    const auth = config.auth;
    const secrets = await deps.secrets.resolve(
      {
        hmacSecret: config.hmac?.secret ?? '',
        username: auth.type === 'BASIC' ? auth.username : '',
        password: auth.type === 'BASIC' ? auth.password : '',
        apiKey: auth.type === 'APIKEY' ? auth.apiKey : '',
      },
      call.workspaceId,
      masker,
    );
    guardRequest({
      config,
      secrets,
      rawBody: call.rawBody,
      headers: call.headers,
      now: deps.clock.now(),
      locateApiKey: () => locateApiKey(call),
    });
    const deliver = () => deliverWebhook(deps.engine, deps.dedup, call, masker);
    const { deliveryIdHeader } = config.replay;
    if (deliveryIdHeader === undefined) return (await deliver()).answer;
    const id = header(call.headers, deliveryIdHeader)?.trim();
    if (!id) throw new WebhookError('WEBHOOK_DELIVERY_ID_MISSING', 400, `the delivery id header ${deliveryIdHeader} is missing`);
    const key = { workspaceId: call.workspaceId, webhookId: config.webhookId, kind: 'delivery' as const, id };
    return (await deps.dedup.once(key, config.replay.retentionSeconds, deliver)).answer;
  } catch (error) {
    if (error instanceof WebhookError) {
      if (error.status >= 500) {
        deps.logger.error({ err: maskedError(error, masker), details: error.details, webhookId: config.webhookId }, 'webhook failed');
      }
      return { ...maskAnswer(errorAnswer(error), masker), code: error.code };
    }
    deps.logger.error({ err: maskedError(error, masker), webhookId: config.webhookId }, 'webhook failed');
    return { ...errorAnswer(new WebhookError('WEBHOOK_INTERNAL_ERROR', 500, 'internal error; the server log has the details')), code: 'WEBHOOK_INTERNAL_ERROR' };
  }
}

/**
 * The API key locator, over the request with its credentials (the key is usually in a
 * header). Its failure, or a body that does not parse, means "no key": 401, as Camunda.
 */
function locateApiKey(call: WebhookCall): JsonValue {
  const auth = call.registration.config.auth;
  if (auth.type !== 'APIKEY') return null;
  let body: JsonValue = null;
  try {
    const contentType = call.headers['content-type'];
    body = parseBody(call.rawBody, typeof contentType === 'string' ? contentType : undefined);
  } catch {
    body = null;
  }
  const result = auth.locator.evaluate((name) => (name === 'request' ? requestValue(feelRequest(body, call.headers, call.query, true)) : undefined));
  return result.ok ? result.value : null;
}

/** An error for the log: class, code and masked message only. */
function maskedError(error: unknown, masker: Masker): { type: string; code?: string; message: string } {
  const e = error as { name?: string; code?: string; message?: string };
  return { type: e.name ?? 'Error', ...(typeof e.code === 'string' ? { code: e.code } : {}), message: masker.mask(String(e.message ?? error)) };
}
