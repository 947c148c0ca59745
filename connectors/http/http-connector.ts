import type { JsonObject } from '../../core/index.js';
import { WeftError, isJsonObject } from '../../core/index.js';
import type { AppliedAuth } from '../auth/applied-auth.js';
import { applyDefinitionAuth } from '../auth/definition-auth.js';
import { createCallContext } from '../call-context.js';
import type { CallContext } from '../call-context.js';
import type { ConnectorJob, ConnectorOutcome } from '../connector-job.js';
import { errorOutcome, failureOutcome, skippedOutcome, successOutcome } from '../connector-outcome.js';
import type { ConnectorDefinition } from '../definitions/connector-definition.js';
import { validateDefinition } from '../definitions/validate-definition.js';
import type { DomainPolicy } from '../egress/domain-rules.js';
import type { RuntimeDeps } from '../runtime-deps.js';
import { Masker } from '../secrets/masker.js';
import { resolveSecrets } from '../secrets/secret-resolver.js';
import { actionResult } from './action-response.js';
import { buildActionRequest, withQuery } from './action-request.js';
import type { ActionRequest } from './action-request.js';

/** Job types served by the generic handler: `connector:<connector_id>`. */
export const CONNECTOR_JOB_PREFIX = 'connector:';

/**
 * The ONE handler behind every JSON-defined connector (seed 004): load the definition,
 * check the kill-switch and the workspace's opt-in, resolve secrets, render the action,
 * apply the credentials, call through the egress guard, map seed 003's response shapes.
 */
export async function executeDefinedConnector(job: ConnectorJob, deps: RuntimeDeps): Promise<ConnectorOutcome> {
  const masker = new Masker();
  const call = createCallContext(deps.client, masker, deps.clock, job.cancel ?? job.signal);
  try {
    const connectorId = job.type.slice(CONNECTOR_JOB_PREFIX.length);
    const stored = await deps.definitions.latest(connectorId);
    if (!stored) throw new WeftError('CONNECTOR_NOT_FOUND', `no connector definition ${connectorId}`, { details: { connectorId } });
    const definition = validateDefinition(stored.definition);
    if (!stored.enabled || !definition.enabled) return skippedOutcome(`connector ${connectorId} is disabled by the platform`);
    const actionId = job.headers.action;
    const action = definition.actions.find((a) => a.action_id === actionId);
    if (!action) {
      throw new WeftError('CONNECTOR_ACTION_NOT_FOUND', `connector ${connectorId} has no action ${actionId ?? '(task header "action" is missing)'}`, {
        details: { connectorId, actionId: actionId ?? null },
      });
    }
    const credentials = await deps.vault.loadCredentials(job.workspaceId, connectorId);
    if (credentials.state === 'opted-out') return skippedOutcome(`workspace ${job.workspaceId} opted out of connector ${connectorId}`);
    if (credentials.state === 'unconfigured' && definition.auth_type !== 'none') {
      return skippedOutcome(`workspace ${job.workspaceId} has not configured connector ${connectorId}`);
    }
    const config = credentials.state === 'ready' ? credentials.config : {};
    registerCredentialValues(definition, config, masker);
    const allowlist = await deps.orgSettings.domainAllowlist(job.orgId);
    const policy: DomainPolicy = { allowedDomains: definition.allowed_domains, ...(allowlist ? { orgAllowlist: allowlist } : {}) };
    const sources = [deps.vault.secretSource(job.workspaceId), deps.envSecrets];
    // Definition templates and job variables are resolved apart, so a value is never resolved twice.
    const resolved = (await resolveSecrets(
      { url_template: action.url_template, headers: { ...action.headers }, query: { ...action.query } },
      sources,
      masker,
    )) as { url_template: string; headers: Record<string, string>; query: Record<string, string> };
    const templates = { ...action, ...resolved };
    const variables = (await resolveSecrets(job.variables, sources, masker)) as JsonObject;
    const request = buildActionRequest(templates, variables);
    const auth = await applyDefinitionAuth({
      definition,
      config,
      workspaceId: job.workspaceId,
      call,
      tokens: deps.tokens,
      vault: deps.vault,
      policy,
      apiOrigin: new URL(request.url).origin,
    });
    let response = await send(call, request, auth, policy);
    if (response.status === 401 && auth.refresh) response = await send(call, request, await auth.refresh(), policy);
    const result = actionResult(response);
    // An error answer is retried like any failed execution (Camunda: retries − 1).
    return result.ok ? successOutcome(result.response, masker, call.exchanges) : errorOutcome(result.error, true, masker, call.exchanges);
  } catch (error) {
    return failureOutcome(error, masker, call.exchanges);
  } finally {
    call.close();
  }
}

function send(call: CallContext, request: ActionRequest, auth: AppliedAuth, policy: DomainPolicy) {
  return call.send({
    method: request.method,
    url: withQuery(request.url, [...request.query, ...auth.query]),
    headers: { accept: 'application/json', ...request.headers, ...auth.headers },
    ...(request.body ? { body: request.body } : {}),
    // Definitions call fixed APIs: a redirect is not followed (and not needed).
    followRedirects: false,
    policy,
    credentialHeaders: auth.credentialHeaders,
  });
}

/** Every credential value is masked, except fields the definition declares as URLs. */
function registerCredentialValues(definition: ConnectorDefinition, config: JsonObject, masker: Masker): void {
  const urls = new Set(definition.auth_schema.fields.filter((f) => f.type === 'url').map((f) => f.name));
  for (const [name, value] of Object.entries(config)) if (!urls.has(name)) registerStrings(value, masker);
}

function registerStrings(value: unknown, masker: Masker): void {
  if (typeof value === 'string') masker.add(value);
  else if (Array.isArray(value)) value.forEach((v) => registerStrings(v, masker));
  else if (isJsonObject(value)) Object.values(value).forEach((v) => registerStrings(v, masker));
}
