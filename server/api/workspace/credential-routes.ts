import type { FastifyInstance } from 'fastify';
import { WeftError } from '../../../core/index.js';
import { requiredAuthFields } from '../../../connectors/index.js';
import type { ConnectorDefinition } from '../../../connectors/index.js';
import type { ServerContext } from '../../app/server-context.js';
import { notFound, workspaceOf } from '../../auth/index.js';
import { bearer, slugSchema } from '../common-schemas.js';
import { isoTime } from '../wire-format.js';

const params = {
  type: 'object',
  properties: { ws: slugSchema, connectorId: { type: 'string', minLength: 1, maxLength: 64 } },
} as const;

interface CredentialsBody {
  readonly enabled: boolean;
  readonly config?: Readonly<Record<string, string>>;
}

/**
 * Seed 004, tier 3: a workspace's credentials for one connector. Write-only: the config
 * is checked against the connector's `auth_schema`, sealed by the vault, and never
 * returned — reading shows whether it is enabled and configured, and the field names.
 */
export async function credentialRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const { definitions, credentials, runtime } = ctx.connectors;
  const definitionOf = async (connectorId: string): Promise<ConnectorDefinition> => {
    const row = await definitions.latest(connectorId);
    if (!row) throw notFound('CONNECTOR_NOT_FOUND', 'connector');
    return row.definition as ConnectorDefinition;
  };
  const view = async (workspaceId: string, connectorId: string, definition: ConnectorDefinition) => {
    const stored = (await credentials.list(workspaceId)).find((c) => c.connectorId === connectorId);
    return {
      connectorId,
      enabled: stored ? stored.enabled : definition.auth_type === 'none',
      configured: stored?.configured ?? false,
      fields: await runtime.workspaceVault.configuredFields(workspaceId, connectorId),
      updatedAt: stored ? isoTime(stored.updatedAt) : null,
    };
  };

  app.get<{ Params: { ws: string; connectorId: string } }>('/workspaces/:ws/connectors/:connectorId/credentials', {
    config: { access: { kind: 'workspace', need: 'read' } },
    schema: { tags: ['workspace'], security: bearer, params, summary: 'Whether credentials are set, and their field names — never values' },
  }, async (request) => {
    const { connectorId } = request.params;
    return view(workspaceOf(request).id, connectorId, await definitionOf(connectorId));
  });

  app.put<{ Params: { ws: string; connectorId: string }; Body: CredentialsBody }>('/workspaces/:ws/connectors/:connectorId/credentials', {
    config: { access: { kind: 'workspace', need: 'write' } },
    schema: {
      tags: ['workspace'], security: bearer, params,
      summary: 'Store credentials (encrypted), or only opt in/out when config is left out',
      body: {
        type: 'object',
        required: ['enabled'],
        additionalProperties: false,
        properties: {
          enabled: { type: 'boolean' },
          config: { type: 'object', maxProperties: 30, additionalProperties: { type: 'string', maxLength: 65536 } },
        },
      },
    },
  }, async (request) => {
    const workspace = workspaceOf(request);
    const { connectorId } = request.params;
    const definition = await definitionOf(connectorId);
    const { enabled, config } = request.body;
    if (config === undefined) await runtime.workspaceVault.setCredentialsEnabled(workspace.id, connectorId, enabled);
    else {
      checkConfig(definition, config);
      await runtime.workspaceVault.saveCredentials(workspace.id, connectorId, config, enabled);
    }
    request.log.info({ workspace: workspace.id, connectorId, enabled, configured: config !== undefined }, 'credentials saved');
    return view(workspace.id, connectorId, definition);
  });
}

/** Every field must be in the auth schema; required ones (by schema or auth type) non-empty. Names only in errors. */
function checkConfig(definition: ConnectorDefinition, config: Readonly<Record<string, string>>): void {
  const known = new Set(definition.auth_schema.fields.map((f) => f.name));
  const unknown = Object.keys(config).filter((name) => !known.has(name));
  const required = new Set([...definition.auth_schema.fields.filter((f) => f.required).map((f) => f.name), ...requiredAuthFields[definition.auth_type]]);
  const missing = [...required].filter((name) => typeof config[name] !== 'string' || config[name] === '');
  if (unknown.length === 0 && missing.length === 0) return;
  const parts = [
    ...(missing.length > 0 ? [`missing ${missing.join(', ')}`] : []),
    ...(unknown.length > 0 ? [`not in the connector's auth_schema: ${unknown.join(', ')}`] : []),
  ];
  throw new WeftError('CREDENTIALS_INVALID', `the credentials for connector ${definition.connector_id} are invalid: ${parts.join('; ')}`, {
    details: { missing, unknown },
  });
}
