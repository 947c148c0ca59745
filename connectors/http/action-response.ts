import type { JsonObject, JsonValue } from '../../core/index.js';
import { isJsonObject } from '../../core/index.js';
import type { EgressResponse } from '../egress/egress-client.js';
import { parseResponseBody, responseHeaders } from '../http-response-body.js';

/** The outcome of an action call, before masking. */
export type ActionResult =
  | { readonly ok: true; readonly response: JsonObject }
  | { readonly ok: false; readonly error: { code: string; message: string; variables: JsonObject } };

/**
 * Seed 003's shapes. The result is always `{status, headers, body}` — the same shape as the
 * Camunda REST connector, so `response.body.x` works for both — where a `{"data": …}`
 * envelope (an object whose ONLY key is `data`) is unwrapped into `body`. Lists such as
 * `{data: [...], has_more: true}` are left whole, so nothing is lost.
 *
 * An `{"error": {"code", "description"}}` body, or any status ≥ 400, is a connector error:
 * code = that code (as text), else the HTTP status ("404"); message = the description,
 * else a `message` field, else the status text. `error.variables.response` holds
 * `{status, headers, body}` for error expressions.
 */
export function actionResult(response: EgressResponse): ActionResult {
  const parsed = parseResponseBody(response);
  const headers = responseHeaders(response);
  const envelope = isJsonObject(parsed) ? parsed : undefined;
  const seedError = envelope && isJsonObject(envelope.error) && ('code' in envelope.error || 'description' in envelope.error) ? envelope.error : undefined;
  if (seedError || response.status >= 400) {
    const code = seedError?.code;
    const description = seedError?.description ?? envelope?.message;
    return {
      ok: false,
      error: {
        code: typeof code === 'string' || typeof code === 'number' ? String(code) : String(response.status),
        message: typeof description === 'string' ? description : response.statusText || `HTTP ${response.status}`,
        variables: { response: { status: response.status, headers, body: parsed } },
      },
    };
  }
  const body: JsonValue = envelope && Object.keys(envelope).length === 1 && 'data' in envelope ? envelope.data : parsed;
  return { ok: true, response: { status: response.status, headers, body } };
}
