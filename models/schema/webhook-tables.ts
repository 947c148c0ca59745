/**
 * What inbound webhooks remember between requests: one row per delivery id or message id
 * seen on a webhook, so a repeated delivery gets the first answer and starts nothing.
 */
export interface WebhookDeliveriesTable {
  readonly workspace_id: string;
  /** The webhook ID (`inbound.context`). */
  readonly webhook_id: string;
  /** `delivery` (a delivery-id header) or `message` (messageIdExpression). */
  readonly kind: string;
  /** Hex SHA-256 of the id as received: bounded size, and the id itself is not kept. */
  readonly dedup_key: string;
  /** `pending` while the first request is being processed, then `done`. */
  readonly state: string;
  /** The HTTP status of the first answer; null while pending. */
  readonly status: number | null;
  /** JSON `{headers, body}` of the first answer (secrets already masked); null while pending. */
  readonly response: string | null;
  /** Epoch milliseconds: when the row was claimed (a pending row's lease starts here). */
  readonly created_at: number;
  /** Epoch milliseconds after which the id is forgotten. */
  readonly expires_at: number;
}

/** Tables of the inbound webhooks. */
export interface WebhookTables {
  webhook_deliveries: WebhookDeliveriesTable;
}
