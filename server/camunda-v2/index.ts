import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../app/server-context.js';

/** `/v2/…`: the Camunda 8 REST API subset existing Camunda clients use. */
export async function camundaV2Routes(_app: FastifyInstance, _ctx: ServerContext): Promise<void> {}
