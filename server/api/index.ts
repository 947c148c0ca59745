import type { FastifyInstance } from 'fastify';
import type { PrometheusMetrics } from '../app/prometheus-metrics.js';
import type { ServerContext } from '../app/server-context.js';
import { installValidatorCompiler } from '../app/validator-compiler.js';
import { deploymentRoutes } from './org/deployment-routes.js';
import { processRoutes } from './org/process-routes.js';
import { settingsRoutes } from './org/settings-routes.js';
import { tokenRoutes } from './org/token-routes.js';
import { workspaceRoutes } from './org/workspace-routes.js';
import { meRoutes } from './ops/me-routes.js';
import { opsRoutes } from './ops/ops-routes.js';
import { connectorRoutes } from './platform/connector-routes.js';
import { tenantAdminRoutes } from './platform/tenant-admin-routes.js';
import { credentialRoutes } from './workspace/credential-routes.js';
import { incidentRoutes } from './workspace/incident-routes.js';
import { instanceDetailRoutes } from './workspace/instance-detail-routes.js';
import { instanceRoutes } from './workspace/instance-routes.js';
import { jobRoutes } from './workspace/job-routes.js';
import { secretRoutes } from './workspace/secret-routes.js';

/**
 * The Weft REST API (docs/api.md): operations, platform, org and workspace tiers, in
 * their own scope (its validator compiler does not coerce JSON bodies). Every
 * route must declare `config.access` — adding one without it fails at boot — and the
 * root `onRequest` hook enforces it before the body is read.
 */
export async function apiRoutes(app: FastifyInstance, ctx: ServerContext, metrics: PrometheusMetrics): Promise<void> {
  installValidatorCompiler(app);
  app.addHook('onRoute', (route) => {
    if (!route.config?.access) throw new Error(`route ${String(route.method)} ${route.url} declares no config.access`);
  });
  await opsRoutes(app, ctx, metrics);
  await meRoutes(app);
  await connectorRoutes(app, ctx);
  await tenantAdminRoutes(app, ctx);
  await deploymentRoutes(app, ctx);
  await processRoutes(app, ctx);
  await settingsRoutes(app, ctx);
  await workspaceRoutes(app, ctx);
  await tokenRoutes(app, ctx);
  await credentialRoutes(app, ctx);
  await secretRoutes(app, ctx);
  await instanceRoutes(app, ctx);
  await instanceDetailRoutes(app, ctx);
  await incidentRoutes(app, ctx);
  await jobRoutes(app, ctx);
}
