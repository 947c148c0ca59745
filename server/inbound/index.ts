import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../app/server-context.js';

/** `/inbound/…`: Camunda-compatible inbound webhooks (io.camunda:webhook:1). */
export async function inboundRoutes(_app: FastifyInstance, _ctx: ServerContext): Promise<void> {}
