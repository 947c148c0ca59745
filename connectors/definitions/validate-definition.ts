import { Ajv } from 'ajv';
import type { ErrorObject } from 'ajv';
import { WeftError, isWeftError } from '../../core/index.js';
import { checkDomainPolicy } from '../egress/domain-rules.js';
import type { AuthType, ConnectorDefinition } from './connector-definition.js';
import { connectorDefinitionSchema } from './definition-schema.js';
import { splitUrlTemplate } from './url-template.js';

/** One thing wrong with a definition, at a JSON path like `$.actions[0].http_method`. */
export interface DefinitionProblem {
  readonly path: string;
  readonly message: string;
}

const validateShape = new Ajv({ allErrors: true, strict: true }).compile(connectorDefinitionSchema);

/** Credential fields each auth type reads (docs/connectors.md, "Auth types"). */
export const requiredAuthFields: Readonly<Record<AuthType, readonly string[]>> = {
  none: [],
  api_key: ['api_key'],
  api_key_secret: ['api_key', 'api_secret'],
  basic: ['username', 'password'],
  bearer: ['token'],
  oauth2_client_credentials: ['client_id', 'client_secret'],
  oauth2_authorization_code: ['client_id', 'client_secret', 'refresh_token'],
  private_key: ['private_key'],
};

function pathOf(error: ErrorObject): string {
  const segments = error.instancePath.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const extra = (error.params as { missingProperty?: string; additionalProperty?: string }).missingProperty ??
    (error.params as { additionalProperty?: string }).additionalProperty;
  if (extra !== undefined) segments.push(extra);
  return '$' + segments.map((s) => (/^\d+$/.test(s) ? `[${s}]` : `.${s}`)).join('');
}

function messageOf(error: ErrorObject): string {
  if (error.keyword === 'required') return 'is required';
  if (error.keyword === 'additionalProperties') return 'is not an allowed property';
  if (error.keyword === 'enum') return `must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`;
  return error.message ?? 'is invalid';
}

/** Checks JSON Schema cannot express: unique ids, templates, auth fields, hosts in allowed_domains. */
function semanticProblems(def: ConnectorDefinition): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const seen = new Set<string>();
  def.actions.forEach((action, i) => {
    if (seen.has(action.action_id)) problems.push({ path: `$.actions[${i}].action_id`, message: `duplicate action_id ${action.action_id}` });
    seen.add(action.action_id);
    const parts = splitUrlTemplate(action.url_template);
    if (!parts) {
      problems.push({ path: `$.actions[${i}].url_template`, message: 'must be https://host/... with no placeholder or user info in the host' });
    } else {
      try {
        checkDomainPolicy(parts.hostname, parts.port, { allowedDomains: def.allowed_domains }, false);
      } catch (error) {
        if (!isWeftError(error)) throw error;
        problems.push({ path: `$.actions[${i}].url_template`, message: `${error.message}` });
      }
    }
    const names = new Set<string>();
    (action.body_schema ?? []).forEach((field, j) => {
      if (names.has(field.name)) problems.push({ path: `$.actions[${i}].body_schema[${j}].name`, message: `duplicate field ${field.name}` });
      names.add(field.name);
    });
  });
  const fields = new Set(def.auth_schema.fields.map((f) => f.name));
  for (const name of requiredAuthFields[def.auth_type]) {
    if (!fields.has(name)) problems.push({ path: '$.auth_schema.fields', message: `auth_type ${def.auth_type} needs a field named ${name}` });
  }
  const needsTokenUrl = def.auth_type.startsWith('oauth2_') || (def.auth_type === 'private_key' && def.auth_options?.jwt_mode === 'token_exchange');
  if (needsTokenUrl && !def.auth_options?.token_url && !fields.has('token_url')) {
    problems.push({ path: '$.auth_options.token_url', message: `auth_type ${def.auth_type} needs auth_options.token_url or a token_url field` });
  }
  const tokenUrl = def.auth_options?.token_url && splitUrlTemplate(def.auth_options.token_url);
  if (tokenUrl) {
    try {
      checkDomainPolicy(tokenUrl.hostname, tokenUrl.port, { allowedDomains: def.allowed_domains }, false);
    } catch (error) {
      if (!isWeftError(error)) throw error;
      problems.push({ path: '$.auth_options.token_url', message: error.message });
    }
  }
  return problems;
}

/** Check a definition without throwing: the definition, or every problem found. */
export function checkDefinition(input: unknown): { ok: true; definition: ConnectorDefinition } | { ok: false; problems: DefinitionProblem[] } {
  if (!validateShape(input)) {
    return { ok: false, problems: (validateShape.errors ?? []).map((e) => ({ path: pathOf(e), message: messageOf(e) })) };
  }
  const definition = input as unknown as ConnectorDefinition;
  const problems = semanticProblems(definition);
  return problems.length === 0 ? { ok: true, definition } : { ok: false, problems };
}

/** Validate a definition; throws CONNECTOR_DEFINITION_INVALID with `details.problems`. */
export function validateDefinition(input: unknown): ConnectorDefinition {
  const result = checkDefinition(input);
  if (result.ok) return result.definition;
  const first = result.problems[0];
  throw new WeftError(
    'CONNECTOR_DEFINITION_INVALID',
    `the connector definition is invalid: ${first.path} ${first.message}` +
      (result.problems.length > 1 ? ` (and ${result.problems.length - 1} more)` : ''),
    { details: { problems: result.problems } },
  );
}
