import type { FastifyInstance, FastifyRequest } from 'fastify';
import { CAMUNDA_ROUTE_CONFIG, openapi } from './route-config.js';

/**
 * The Camunda API level these routes speak. Clients read `gatewayVersion` to choose
 * request shapes (the JS SDK switches to the v2 search API from 8.8 on), so it names the
 * Camunda version whose REST API Weft follows, not Weft's own version.
 */
export const CAMUNDA_API_VERSION = '8.8.0';

/** Camunda's TopologyResponse. */
export interface TopologyResponse {
  readonly brokers: readonly {
    readonly nodeId: number;
    readonly host: string;
    readonly port: number;
    readonly partitions: readonly { readonly partitionId: number; readonly role: 'leader'; readonly health: 'healthy' }[];
    readonly version: string;
  }[];
  readonly clusterSize: number;
  readonly partitionsCount: number;
  readonly replicationFactor: number;
  readonly gatewayVersion: string;
  readonly lastCompletedChangeId: string;
}

/**
 * A single-node topology: Weft is one process (or several sharing one database, which
 * to a client still looks like one broker leading one partition).
 */
export function topologyOf(request: FastifyRequest): TopologyResponse {
  const port = request.port ?? (request.protocol === 'https' ? 443 : 80);
  return {
    brokers: [
      {
        nodeId: 0,
        host: request.hostname,
        port,
        partitions: [{ partitionId: 1, role: 'leader', health: 'healthy' }],
        version: CAMUNDA_API_VERSION,
      },
    ],
    clusterSize: 1,
    partitionsCount: 1,
    replicationFactor: 1,
    gatewayVersion: CAMUNDA_API_VERSION,
    lastCompletedChangeId: '-1',
  };
}

/** `GET /topology`. */
export async function topologyRoute(scope: FastifyInstance): Promise<void> {
  scope.get('/topology', { config: CAMUNDA_ROUTE_CONFIG, schema: openapi('cluster topology (one node)') }, async (request) => topologyOf(request));
}
