import type { JsonValue } from '../../core/index.js';
import type { FeelExpression } from './webhook-config.js';
import { WebhookError } from './webhook-error.js';

/**
 * Evaluate one of a webhook's FEEL expressions with the given variables (`request`,
 * `correlation`). A failure answers 422 WEBHOOK_FEEL_FAILED naming the property and the
 * expression, as Camunda's runtime does; the request data is not quoted back.
 */
export function evaluateWebhookFeel(expression: FeelExpression, property: string, variables: Readonly<Record<string, JsonValue>>): JsonValue {
  const result = expression.evaluate((name) => variables[name]);
  if (result.ok) return result.value;
  throw new WebhookError('WEBHOOK_FEEL_FAILED', 422, `${property} failed: ${result.message}`, {
    details: { property, expression: expression.source, reason: result.code },
  });
}
