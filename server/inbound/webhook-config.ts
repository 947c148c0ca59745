import type { compileFeel } from '../../engine/index.js';

/** A FEEL expression compiled at deploy time (engine/index.ts exports only compileFeel). */
export type FeelExpression = ReturnType<typeof compileFeel>;

/** The `inbound.type` value that makes a BPMN element a webhook. */
export const WEBHOOK_TYPE = 'io.camunda:webhook:1';

/** What a webhook does when called: start an instance, or wake a waiting one. */
export type WebhookKind = 'start' | 'message-start' | 'intermediate' | 'boundary' | 'receive-task';

/** `inbound.method`: `any` accepts every method the route serves. */
export const WEBHOOK_METHODS = ['any', 'get', 'post', 'put', 'delete'] as const;
export type WebhookMethod = (typeof WEBHOOK_METHODS)[number];

/** `inbound.hmacAlgorithm`, with the Node digest each one means. */
export const HMAC_ALGORITHMS = { sha_1: 'sha1', sha_256: 'sha256', sha_512: 'sha512' } as const;
export type HmacAlgorithm = keyof typeof HMAC_ALGORITHMS;

/**
 * Text that may carry `{{secrets.NAME}}` placeholders (or Camunda's older `secrets.NAME`):
 * resolved on every request, in the request's workspace, never stored resolved.
 */
export type SecretText = string;

/** `inbound.shouldValidateHmac = enabled`. */
export interface HmacConfig {
  readonly secret: SecretText;
  readonly header: string;
  readonly algorithm: HmacAlgorithm;
}

/** `inbound.auth.*`. */
export type WebhookAuth =
  | { readonly type: 'NONE' }
  | { readonly type: 'BASIC'; readonly username: SecretText; readonly password: SecretText }
  | { readonly type: 'APIKEY'; readonly apiKey: SecretText; readonly locator: FeelExpression };

/** Weft's replay protection (`inbound.replay.*`), all opt-in. */
export interface ReplayConfig {
  /** Header holding the send time; absent: no time window. */
  readonly timestampHeader?: string;
  readonly toleranceSeconds: number;
  /** Whether the HMAC covers `<timestamp>.<raw body>` instead of the raw body alone. */
  readonly signTimestamp: boolean;
  /** Header holding a unique delivery id; absent: no delivery-id deduplication. */
  readonly deliveryIdHeader?: string;
  /** How long delivery ids are remembered. */
  readonly retentionSeconds: number;
}

/**
 * One webhook's configuration, read from its element's `zeebe:properties` at deploy
 * time: every FEEL expression compiled, every choice checked.
 */
export interface WebhookConfig {
  readonly webhookId: string;
  readonly method: WebhookMethod;
  readonly hmac?: HmacConfig;
  readonly auth: WebhookAuth;
  readonly replay: ReplayConfig;
  readonly activationCondition?: FeelExpression;
  readonly consumeUnmatchedEvents: boolean;
  readonly verificationExpression?: FeelExpression;
  readonly resultVariable?: string;
  readonly resultExpression?: FeelExpression;
  /** `inbound.responseExpression`: `{body, statusCode, headers}`. */
  readonly responseExpression?: FeelExpression;
  /** Older templates' `inbound.responseBodyExpression`: the body alone. */
  readonly responseBodyExpression?: FeelExpression;
  readonly correlationKeyExpression?: FeelExpression;
  readonly messageIdExpression?: FeelExpression;
  /** How long message ids are remembered (`messageTtl`, else the replay retention). */
  readonly messageIdRetentionSeconds: number;
}

/** Defaults of the Weft extension properties. */
export const REPLAY_DEFAULTS = { toleranceSeconds: 300, retentionSeconds: 86_400 } as const;
