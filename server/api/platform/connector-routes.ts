import type { FastifyInstance } from 'fastify';
import { validateDefinition } from '../../../connectors/index.js';
import type { ConnectorDefinition } from '../../../connectors/index.js';
import type { DefinitionRow } from '../../../models/index.js';
import type { ServerContext } from '../../app/server-context.js';
import { notFound } from '../../auth/index.js';
import { bearer } from '../common-schemas.js';
import { isoTime } from '../wire-format.js';

const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', minLength: 1, maxLength: 64 } } } as const;
const access = { kind: 'platform' } as const;
const tags = ['platform'];

/** A connector as the catalogue shows it (the definition carries no secret). */
function view(connectorId: string, row: DefinitionRow) {
  const definition = row.definition as ConnectorDefinition;
  return {
    connectorId,
    version: row.version,
    enabled: row.enabled,
    displayName: definition.display_name,
    authType: definition.auth_type,
    createdAt: isoTime(row.createdAt),
  };
}

/**
 * Seed 004, tier 1: connector definitions. `POST /admin/connector` creates a connector or
 * adds a version (an unchanged definition adds none); `PATCH` flips the kill-switch.
 */
export async function connectorRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const { definitions, credentials } = ctx.connectors;
  const latest = async (id: string): Promise<DefinitionRow> => {
    const row = await definitions.latest(id);
    if (!row) throw notFound('CONNECTOR_NOT_FOUND', 'connector');
    return row;
  };

  app.post('/admin/connector', {
    config: { access },
    schema: {
      tags, security: bearer,
      summary: 'Create a connector, or add a version of it (seed 004 definition; see docs/connectors.md)',
      body: { type: 'object', description: 'A connector definition: connector_id, display_name, auth_type, auth_schema, actions, allowed_domains, enabled' },
    },
  }, async (request, reply) => {
    const definition = validateDefinition(request.body);
    const saved = await definitions.save(definition as unknown as { connector_id: string });
    const row = await latest(saved.connectorId);
    return reply.status(saved.created ? 201 : 200).send({ ...view(saved.connectorId, row), created: saved.created });
  });

  app.get('/admin/connectors', {
    config: { access },
    schema: { tags, security: bearer, summary: 'Every connector, newest version' },
  }, async () => {
    const items = [];
    for (const summary of await definitions.list()) items.push(view(summary.connectorId, await latest(summary.connectorId)));
    return { items };
  });

  app.get<{ Params: { id: string } }>('/admin/connectors/:id', {
    config: { access },
    schema: { tags, security: bearer, summary: 'One connector with its full definition', params: idParams },
  }, async (request) => {
    const row = await latest(request.params.id);
    return { ...view(request.params.id, row), definition: row.definition };
  });

  app.patch<{ Params: { id: string }; Body: { enabled: boolean } }>('/admin/connectors/:id', {
    config: { access },
    schema: {
      tags, security: bearer, summary: 'Platform kill-switch: enable or disable every task of the connector',
      params: idParams,
      body: { type: 'object', required: ['enabled'], additionalProperties: false, properties: { enabled: { type: 'boolean' } } },
    },
  }, async (request) => {
    if (!(await definitions.setEnabled(request.params.id, request.body.enabled))) throw notFound('CONNECTOR_NOT_FOUND', 'connector');
    return view(request.params.id, await latest(request.params.id));
  });

  app.delete<{ Params: { id: string } }>('/admin/connectors/:id', {
    config: { access },
    schema: { tags, security: bearer, summary: "Delete every version, and every workspace's credentials for it", params: idParams },
  }, async (request, reply) => {
    if (!(await definitions.delete(request.params.id))) throw notFound('CONNECTOR_NOT_FOUND', 'connector');
    await credentials.deleteForConnector(request.params.id);
    return reply.status(204).send();
  });
}
