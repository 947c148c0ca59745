import type { Logger } from 'pino';
import type { Engine } from '../../engine/index.js';
import type { OrgRepository, TokenRepository, WebhookDeliveryRepository, WorkspaceRepository } from '../../models/index.js';
import type { ConnectorServices } from '../compose/connector-services.js';

/** Counters and histograms `/metrics` exposes (Prometheus text). */
export interface ServerMetrics {
  /** One inbound webhook request answered with `status`. */
  webhookRequest(status: number): void;
  /** One connector call took `seconds` (from the redacted exchange records). */
  connectorCall(connectorType: string, seconds: number): void;
}

/** Orgs, workspaces and API tokens (seed 004's tiers). */
export interface TenancyServices {
  readonly orgs: OrgRepository;
  readonly workspaces: WorkspaceRepository;
  readonly tokens: TokenRepository;
}

/** Everything route plugins need; built once by the server at start. */
export interface ServerContext {
  readonly engine: Engine;
  readonly connectors: ConnectorServices;
  readonly tenancy: TenancyServices;
  readonly logger: Logger;
  readonly metrics: ServerMetrics;
  /** Replay protection and deduplication of inbound webhook deliveries. */
  readonly webhookDeliveries?: WebhookDeliveryRepository;
  /** Read for WEFT_* settings only. */
  readonly env: Readonly<Record<string, string | undefined>>;
}
