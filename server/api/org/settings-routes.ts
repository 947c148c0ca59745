import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../../app/server-context.js';
import { orgOf } from '../../auth/index.js';
import { bearer, orgParams } from '../common-schemas.js';

/** `api.example.com`, `*.example.com`, either with `:port`. */
const entryPattern = '^(\\*\\.)?[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*(:[0-9]{1,5})?$';

/**
 * Seed 004's org domain allowlist (Settings → Integrations): when set, every connector
 * call of the org must match it as well as the connector's `allowed_domains`. `null`
 * removes it; an empty list allows nothing.
 */
export async function settingsRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const { orgSettings } = ctx.connectors;

  app.get('/orgs/:org/settings/integrations', {
    config: { access: { kind: 'org', need: 'read' } },
    schema: { tags: ['org'], security: bearer, params: orgParams, summary: "The org's domain allowlist (null: none set)" },
  }, async (request) => ({ domain_allowlist: (await orgSettings.domainAllowlist(orgOf(request).id)) ?? null }));

  app.put<{ Body: { domain_allowlist: string[] | null } }>('/orgs/:org/settings/integrations', {
    config: { access: { kind: 'org', need: 'admin' } },
    schema: {
      tags: ['org'], security: bearer, params: orgParams, summary: 'Set or remove (null) the domain allowlist',
      body: {
        type: 'object',
        required: ['domain_allowlist'],
        additionalProperties: false,
        properties: {
          domain_allowlist: { type: ['array', 'null'], maxItems: 500, uniqueItems: true, items: { type: 'string', pattern: entryPattern, maxLength: 260 } },
        },
      },
    },
  }, async (request) => {
    const org = orgOf(request);
    const entries = request.body.domain_allowlist === null ? null : request.body.domain_allowlist.map((e) => e.toLowerCase());
    await orgSettings.setDomainAllowlist(org.id, entries);
    request.log.info({ org: org.id, entries: entries?.length ?? null }, 'domain allowlist changed');
    return { domain_allowlist: entries };
  });
}
