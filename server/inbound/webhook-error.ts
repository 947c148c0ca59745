import { WeftError } from '../../core/index.js';
import type { WeftErrorOptions } from '../../core/index.js';

/**
 * A webhook request refused or failed, with the HTTP status it answers (Camunda's
 * statuses). Codes are documented in docs/errors/webhooks.md; the description goes to
 * the caller, so it never holds a secret, a header value or body text.
 */
export class WebhookError extends WeftError {
  readonly status: number;

  constructor(code: string, status: number, message: string, options: WeftErrorOptions = {}) {
    super(code, message, options);
    this.name = 'WebhookError';
    this.status = status;
  }
}

/** No webhook with this ID in this workspace's org (or no such workspace): 404. */
export function webhookNotFound(): WebhookError {
  return new WebhookError('WEBHOOK_NOT_FOUND', 404, 'no webhook with this ID');
}
