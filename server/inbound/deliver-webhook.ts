import type { JsonObject } from '../../core/index.js';
import { WeftError } from '../../core/index.js';
import type { Masker } from '../../connectors/index.js';
import type { Engine } from '../../engine/index.js';
import type { DeliveryDedup, Outcome } from './delivery-dedup.js';
import { feelRequest, parseBody, requestValue } from './feel-request.js';
import { WebhookError } from './webhook-error.js';
import { evaluateWebhookFeel } from './webhook-feel.js';
import type { WebhookRegistration } from './webhook-registry.js';
import { errorAnswer } from './webhook-answer.js';
import { maskAnswer, respond, resultVariables, verificationAnswer } from './webhook-response.js';

/** One authenticated webhook request, as the route received it. */
export interface WebhookCall {
  readonly registration: WebhookRegistration;
  readonly orgId: string;
  readonly workspaceId: string;
  readonly rawBody: Buffer;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly query: unknown;
}

/**
 * The part of a request after the guard: parse the body (400 if declared JSON is not),
 * answer a verification challenge, check the activation condition, deduplicate by
 * message id, map variables, start or correlate, and build the response.
 * @throws WebhookError for every refusal; the caller turns it into the answer.
 */
export async function deliverWebhook(engine: Engine, dedup: DeliveryDedup, call: WebhookCall, masker: Masker): Promise<Outcome> {
  const { config } = call.registration;
  const contentType = call.headers['content-type'];
  const request = requestValue(feelRequest(parseBody(call.rawBody, typeof contentType === 'string' ? contentType : undefined), call.headers, call.query));
  const verification = verificationAnswer(config, request, masker);
  if (verification) return { answer: verification, effect: false };
  if (config.activationCondition && evaluateWebhookFeel(config.activationCondition, 'activationCondition', { request }) !== true) {
    return unmatched(call, request, masker, new WebhookError('WEBHOOK_ACTIVATION_CONDITION_NOT_MET', 422, 'the activation condition is not met'));
  }
  const act = () => startOrCorrelate(engine, call, request, masker);
  if (!config.messageIdExpression) return act();
  const id = evaluateWebhookFeel(config.messageIdExpression, 'messageIdExpression', { request });
  if (id === null || id === '') return act();
  if (typeof id !== 'string' && typeof id !== 'number') {
    throw new WebhookError('WEBHOOK_FEEL_FAILED', 422, 'messageIdExpression must give a text or a number', { details: { property: 'messageIdExpression' } });
  }
  const key = { workspaceId: call.workspaceId, webhookId: config.webhookId, kind: 'message' as const, id: String(id) };
  return dedup.once(key, config.messageIdRetentionSeconds, act);
}

async function startOrCorrelate(engine: Engine, call: WebhookCall, request: JsonObject, masker: Masker): Promise<Outcome> {
  const { registration } = call;
  const { config } = registration;
  const variables = resultVariables(config, request, masker);
  let correlation: JsonObject;
  if (registration.kind === 'start' || registration.kind === 'message-start') {
    const created = await refusedAs422(masker, () =>
      engine.createInstance({
        processDefinitionKey: registration.processDefinitionKey,
        startEventId: registration.elementId,
        variables,
        orgId: call.orgId,
        workspaceId: call.workspaceId,
      }),
    );
    correlation = { ...created };
  } else {
    const key = evaluateWebhookFeel(config.correlationKeyExpression!, 'correlationKeyExpression', { request });
    if (typeof key !== 'string' && typeof key !== 'number') {
      throw new WebhookError('WEBHOOK_FEEL_FAILED', 422, 'correlationKeyExpression must give a text or a number', { details: { property: 'correlationKeyExpression' } });
    }
    const name = registration.messageName!;
    const hit = await refusedAs422(masker, () => engine.correlateMessage({ name, correlationKey: String(key), workspaceId: call.workspaceId, variables }));
    if (!hit) return unmatched(call, request, masker, new WebhookError('WEBHOOK_NOT_CORRELATED', 422, 'no process instance waits for this message with this correlation key'));
    correlation = { ...hit };
  }
  // The process has moved: from here on a failure is an answer with an effect, so a
  // repeated delivery gets it again instead of starting a second instance.
  try {
    return { answer: respond(config, request, correlation, masker), effect: true };
  } catch (error) {
    if (error instanceof WebhookError) return { answer: maskAnswer(errorAnswer(error), masker), effect: true };
    throw error;
  }
}

/** Nothing to start or wake: 422, or — with consumeUnmatchedEvents — a normal answer. */
function unmatched(call: WebhookCall, request: JsonObject, masker: Masker, refusal: WebhookError): Outcome {
  if (!call.registration.config.consumeUnmatchedEvents) throw refusal;
  return { answer: respond(call.registration.config, request, {}, masker), effect: false };
}

/** The engine refusing (too large variables, a FEEL failure in the process…): 422 with its code. */
async function refusedAs422<T>(masker: Masker, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof WeftError)) throw error;
    throw new WebhookError('WEBHOOK_PROCESS_REFUSED', 422, masker.mask(`the engine refused: ${error.message}`), {
      details: { engineCode: error.code },
    });
  }
}
