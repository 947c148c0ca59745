/** Inbound webhook state: delivery-id and message-id deduplication. */
export { WebhookDeliveryRepository } from './webhook-delivery-repository.js';
export type { ClaimResult, DeliveryKey, DeliveryKind, StoredAnswer } from './webhook-delivery-repository.js';
