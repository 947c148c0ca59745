import type { JsonObject, JsonValue } from '../../core/index.js';
import { WeftError, isWeftError } from '../../core/index.js';
import type { AppliedAuth } from '../auth/applied-auth.js';
import { createCallContext } from '../call-context.js';
import type { CallContext } from '../call-context.js';
import type { ConnectorJob, ConnectorOutcome } from '../connector-job.js';
import { errorOutcome, failureOutcome, successOutcome } from '../connector-outcome.js';
import type { DomainPolicy } from '../egress/domain-rules.js';
import { parseResponseBody, responseHeaders } from '../http-response-body.js';
import { withQuery } from '../http/action-request.js';
import type { RuntimeDeps } from '../runtime-deps.js';
import { Masker } from '../secrets/masker.js';
import { resolveSecrets } from '../secrets/secret-resolver.js';
import { applyRestAuthentication } from './rest-auth-apply.js';
import { encodeRestBody } from './rest-body.js';
import { readRestInput } from './rest-input.js';
import type { RestInput } from './rest-input.js';

/** The job type of Camunda's outbound REST connector. */
export const CAMUNDA_REST_JOB_TYPE = 'io.camunda:http-json:1';

/** Failures of the transport itself: reported as code "500", like Camunda, with the precise code in the message. */
const transportCodes = new Set(['UPSTREAM_TIMEOUT', 'UPSTREAM_UNREACHABLE', 'UPSTREAM_TLS_FAILED', 'UPSTREAM_PROTOCOL_ERROR', 'DNS_LOOKUP_FAILED', 'CONNECTOR_CANCELLED']);

/**
 * `io.camunda:http-json:1`, so a task drawn with Camunda Modeler's REST template runs
 * unchanged. Result: `{status, headers, body, reason}`. Status ≥ 400: error code = the
 * status as text, message = the reason phrase, `variables.response = {headers, body}`.
 * The egress guard applies (HTTPS, IP ranges, ports) and the org allowlist when set.
 */
export async function executeCamundaRest(job: ConnectorJob, deps: RuntimeDeps): Promise<ConnectorOutcome> {
  const masker = new Masker();
  const call = createCallContext(deps.client, masker, deps.clock, job.cancel ?? job.signal);
  try {
    const variables = (await resolveSecrets(job.variables, [deps.vault.secretSource(job.workspaceId), deps.envSecrets], masker)) as JsonObject;
    const input = readRestInput(variables);
    const allowlist = await deps.orgSettings.domainAllowlist(job.orgId);
    const policy: DomainPolicy = allowlist ? { orgAllowlist: allowlist } : {};
    const auth = await applyRestAuthentication(input.authentication, call, deps.tokens, policy);
    let response = await send(call, input, auth, policy);
    if (response.status === 401 && auth.refresh) response = await send(call, input, await auth.refresh(), policy);
    const headers = responseHeaders(response);
    const body: JsonValue = input.returnFormat === 'TEXT' ? response.body.toString('utf8') : parseResponseBody(response);
    if (response.status >= 400) {
      return errorOutcome(
        { code: String(response.status), message: response.statusText || '[no reason]', variables: { response: { headers, body } } },
        // As in Camunda: a failed execution costs one retry, whatever the status.
        true,
        masker,
        call.exchanges,
      );
    }
    return successOutcome({ status: response.status, headers, body, reason: response.statusText }, masker, call.exchanges);
  } catch (error) {
    if (isWeftError(error) && transportCodes.has(error.code)) {
      return errorOutcome({ code: '500', message: `${error.code}: ${error.message}` }, error.retryable, masker, call.exchanges);
    }
    return failureOutcome(error, masker, call.exchanges);
  } finally {
    call.close();
  }
}

function send(call: CallContext, input: RestInput, auth: AppliedAuth, policy: DomainPolicy) {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(input.headers)) headers[name.toLowerCase()] = value;
  let body: Buffer | undefined;
  if (input.body !== undefined) {
    const encoded = encodeRestBody(input.body, headers['content-type'], input.ignoreNullValues);
    headers['content-type'] = encoded.contentType;
    body = encoded.bytes;
  }
  if (Object.values(headers).some((v) => /[\r\n\0]/.test(v))) {
    throw new WeftError('CONNECTOR_INPUT_INVALID', 'a header value contains a line break', { details: { input: 'headers' } });
  }
  return call.send({
    method: input.method,
    url: withQuery(input.url, [...input.query, ...auth.query]),
    headers: { ...headers, ...auth.headers },
    ...(body ? { body } : {}),
    followRedirects: input.followRedirects,
    connectTimeoutMs: input.connectTimeoutMs,
    readTimeoutMs: input.readTimeoutMs,
    policy,
    credentialHeaders: auth.credentialHeaders,
  });
}
