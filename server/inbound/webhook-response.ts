import type { JsonObject, JsonValue } from '../../core/index.js';
import { isJsonObject } from '../../core/index.js';
import type { Masker } from '../../connectors/index.js';
import type { WebhookConfig } from './webhook-config.js';
import { expressionAnswer } from './webhook-answer.js';
import type { WebhookAnswer } from './webhook-answer.js';
import { evaluateWebhookFeel } from './webhook-feel.js';

/**
 * The process variables a request carries in (Camunda's output mapping of inbound
 * connectors): `resultVariable` receives `{request}` whole, `resultExpression` (a
 * context) adds one variable per entry. Neither set: no variables. Resolved secrets are
 * masked out of every value before it can reach the database.
 */
export function resultVariables(config: WebhookConfig, request: JsonObject, masker: Masker): JsonObject {
  const variables: JsonObject = {};
  if (config.resultVariable !== undefined) variables[config.resultVariable] = { request };
  if (config.resultExpression) {
    const value = evaluateWebhookFeel(config.resultExpression, 'resultExpression', { request });
    if (isJsonObject(value)) Object.assign(variables, value);
  }
  return masker.maskDeep(variables) as JsonObject;
}

/**
 * The answer after the request was handled. `inbound.responseExpression` decides
 * (`{body, statusCode, headers}`; null: the default); else the older
 * `inbound.responseBodyExpression` gives the body; else the body is `correlation` —
 * what was started or woken (Camunda's correlation result, see docs/webhooks.md).
 * Both expressions see `request` and `correlation`.
 */
export function respond(config: WebhookConfig, request: JsonObject, correlation: JsonObject, masker: Masker): WebhookAnswer {
  const variables = { request, correlation };
  let answer: WebhookAnswer = { status: 200, headers: {}, body: correlation };
  if (config.responseExpression) {
    const value = evaluateWebhookFeel(config.responseExpression, 'inbound.responseExpression', variables);
    if (value !== null) answer = expressionAnswer(value, 'inbound.responseExpression');
  } else if (config.responseBodyExpression) {
    const body = evaluateWebhookFeel(config.responseBodyExpression, 'inbound.responseBodyExpression', variables);
    answer = { status: 200, headers: {}, body };
  }
  return maskAnswer(answer, masker);
}

/** The verification expression's answer, or undefined to go on (its result was null). */
export function verificationAnswer(config: WebhookConfig, request: JsonObject, masker: Masker): WebhookAnswer | undefined {
  if (!config.verificationExpression) return undefined;
  const value = evaluateWebhookFeel(config.verificationExpression, 'inbound.verificationExpression', { request });
  return value === null ? undefined : maskAnswer(expressionAnswer(value, 'inbound.verificationExpression'), masker);
}

/** Mask resolved secrets in an answer's headers and body. */
export function maskAnswer(answer: WebhookAnswer, masker: Masker): WebhookAnswer {
  if (masker.empty) return answer;
  const headers = Object.fromEntries(Object.entries(answer.headers).map(([name, value]) => [name, masker.mask(value)]));
  const body: JsonValue | undefined = answer.body === undefined ? undefined : masker.maskDeep(answer.body);
  return { status: answer.status, headers, body };
}
