import fastifyMultipart from '@fastify/multipart';
import fastifySwagger from '@fastify/swagger';
import { fastify } from 'fastify';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { apiRoutes } from '../api/index.js';
import { MAX_RESOURCE_BYTES, MAX_RESOURCES } from '../api/org/deployment-routes.js';
import { installAuthentication, installRouteAccess, tokenPrincipalResolver } from '../auth/index.js';
import { camundaV2Routes } from '../camunda-v2/index.js';
import { inboundRoutes } from '../inbound/index.js';
import { installErrorHandler } from './error-handler.js';
import type { PrometheusMetrics } from './prometheus-metrics.js';
import { installRouteTable } from './route-table.js';
import type { ServerContext } from './server-context.js';

/** Largest JSON body (variables are capped at 1 MiB each by the engine). */
const BODY_LIMIT = 8 * 1024 * 1024;

/**
 * The HTTP application: error handler, authentication and route access, the route table,
 * /openapi.json from the route schemas, then every route plugin — the Weft API, `/inbound`
 * (webhooks) and `/v2` (Camunda REST subset). Not listening yet.
 */
export async function buildApp(ctx: ServerContext, metrics: PrometheusMetrics): Promise<FastifyInstance> {
  const app = fastify({
    loggerInstance: ctx.logger as FastifyBaseLogger,
    bodyLimit: BODY_LIMIT,
    // At shutdown the engine still runs while in-flight requests finish: serve them normally.
    return503OnClosing: false,
    forceCloseConnections: 'idle',
  });
  installErrorHandler(app);
  installRouteTable(app);
  installAuthentication(app, tokenPrincipalResolver(ctx.tenancy.tokens));
  installRouteAccess(app, { directory: ctx.tenancy, store: ctx.engine.store });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Weft API', version: '1', description: 'Durable BPMN 2.0 engine with connectors. Errors: {"error": {"code", "description"}}.' },
      components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', description: 'A Weft API token (weft_…)' } } },
    },
  });
  await app.register(fastifyMultipart, { limits: { fileSize: MAX_RESOURCE_BYTES, files: MAX_RESOURCES, fields: 20, parts: MAX_RESOURCES + 20 } });

  const off = ctx.engine.events.onCommitted((command) => metrics.observe(command));
  app.addHook('onClose', async () => off());

  await app.register(async (api) => apiRoutes(api, ctx, metrics));
  await app.register(async (inbound) => inboundRoutes(inbound, ctx));
  await app.register(async (v2) => camundaV2Routes(v2, ctx));
  return app;
}
