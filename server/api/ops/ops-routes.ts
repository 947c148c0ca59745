import type { FastifyInstance } from 'fastify';
import { WeftError } from '../../../core/index.js';
import { toErrorReply } from '../../app/error-handler.js';
import type { PrometheusMetrics } from '../../app/prometheus-metrics.js';
import type { ServerContext } from '../../app/server-context.js';
import { bearer } from '../common-schemas.js';

/**
 * Operations: `/health` (public: liveness plus a database round trip), `/metrics`
 * (Prometheus text; platform-admin token — it counts across every tenant) and
 * `/openapi.json` (public).
 */
export async function opsRoutes(app: FastifyInstance, ctx: ServerContext, metrics: PrometheusMetrics): Promise<void> {
  app.get('/health', {
    config: { access: { kind: 'public' } },
    schema: { tags: ['operations'], summary: 'Liveness and a database check; 503 when the database does not answer' },
  }, async (_request, reply) => {
    try {
      await ctx.tenancy.orgs.any();
    } catch (error) {
      ctx.logger.error({ err: error }, 'health check: the database did not answer');
      const { status, body } = toErrorReply(new WeftError('DATABASE_UNAVAILABLE', 'the database did not answer'));
      return reply.status(status).send({ status: 'error', database: 'unavailable', ...body });
    }
    return reply.send({ status: 'ok', database: 'ok' });
  });

  app.get('/metrics', {
    config: { access: { kind: 'platform' } },
    schema: { tags: ['operations'], summary: 'Prometheus text exposition', security: bearer },
  }, async (_request, reply) => {
    const text = await metrics.render(ctx.engine.store);
    return reply.type('text/plain; version=0.0.4; charset=utf-8').send(text);
  });

  app.get('/openapi.json', {
    config: { access: { kind: 'public' } },
    schema: { hide: true },
  }, async () => app.swagger());
}
