import { HMAC_ALGORITHMS, REPLAY_DEFAULTS, WEBHOOK_METHODS } from './webhook-config.js';
import type { HmacAlgorithm, HmacConfig, ReplayConfig, WebhookAuth, WebhookConfig } from './webhook-config.js';
import { PropertyReader } from './property-reader.js';
import type { PropertyProblem } from './property-reader.js';

/** Camunda's webhook ID rule (the element templates' pattern). */
export const WEBHOOK_ID_PATTERN = /^[a-zA-Z0-9]+([-_][a-zA-Z0-9]+)*$/;

/** The result of reading one element's properties: a config, or every problem found. */
export type ReadResult =
  | { readonly ok: true; readonly config: WebhookConfig }
  | { readonly ok: false; readonly problems: readonly PropertyProblem[] };

/**
 * Read and check a webhook element's `zeebe:properties` (names and defaults as Camunda
 * Modeler's webhook templates write them, plus Weft's `inbound.replay.*`).
 */
export function readWebhookConfig(properties: Readonly<Record<string, string>>): ReadResult {
  const p = new PropertyReader(properties);
  const webhookId = p.text('inbound.context');
  if (webhookId === undefined) p.fail('inbound.context (the webhook ID) is missing');
  else if (!WEBHOOK_ID_PATTERN.test(webhookId)) {
    p.fail(`the webhook ID '${webhookId}' may contain only letters and digits, joined by single '-' or '_'`);
  }
  const hmac = readHmac(p);
  const replay = readReplay(p, hmac !== undefined);
  const messageTtl = p.text('messageTtl');
  const ttlSeconds = messageTtl === undefined ? undefined : isoSeconds(messageTtl);
  if (messageTtl !== undefined && ttlSeconds === undefined) p.fail(`messageTtl '${messageTtl}' is not an ISO-8601 duration like PT1H`);
  const config: WebhookConfig = {
    webhookId: webhookId ?? '',
    method: p.choice('inbound.method', WEBHOOK_METHODS, 'any'),
    ...(hmac ? { hmac } : {}),
    auth: readAuth(p),
    replay,
    consumeUnmatchedEvents: p.flag('consumeUnmatchedEvents', false),
    messageIdRetentionSeconds: ttlSeconds ?? replay.retentionSeconds,
    ...optional('activationCondition', p.feel('activationCondition')),
    ...optional('verificationExpression', p.feel('inbound.verificationExpression')),
    ...optional('resultVariable', p.text('resultVariable')),
    ...optional('resultExpression', p.feel('resultExpression')),
    ...optional('responseExpression', p.feel('inbound.responseExpression')),
    ...optional('responseBodyExpression', p.feel('inbound.responseBodyExpression')),
    ...optional('correlationKeyExpression', p.feel('correlationKeyExpression')),
    ...optional('messageIdExpression', p.feel('messageIdExpression')),
  };
  return p.problems.length > 0 ? { ok: false, problems: p.problems } : { ok: true, config };
}

function readHmac(p: PropertyReader): HmacConfig | undefined {
  if (p.choice('inbound.shouldValidateHmac', ['enabled', 'disabled'], 'disabled') === 'disabled') return undefined;
  const algorithm = p.choice('inbound.hmacAlgorithm', Object.keys(HMAC_ALGORITHMS) as HmacAlgorithm[], 'sha_256');
  const secret = p.literalOrFeel('inbound.hmacSecret');
  const header = p.literalOrFeel('inbound.hmacHeader');
  if (secret === undefined) p.fail('inbound.hmacSecret is missing: HMAC validation is enabled');
  if (header === undefined) p.fail('inbound.hmacHeader is missing: HMAC validation is enabled');
  const scopes = p.feel('inbound.hmacScopes')?.evaluate(() => undefined);
  if (scopes && !(scopes.ok && (scopes.value === null || isBodyOnly(scopes.value)))) {
    p.fail('inbound.hmacScopes: only ["BODY"] (the default) is supported: Weft signs the raw request body', 'BPMN_UNSUPPORTED_ELEMENT');
  }
  return { secret: secret ?? '', header: header ?? '', algorithm };
}

function isBodyOnly(value: unknown): boolean {
  return Array.isArray(value) && (value.length === 0 || (value.length === 1 && value[0] === 'BODY'));
}

function readAuth(p: PropertyReader): WebhookAuth {
  const type = p.choice('inbound.auth.type', ['NONE', 'BASIC', 'APIKEY', 'JWT'], 'NONE');
  if (type === 'BASIC') {
    const username = p.literalOrFeel('inbound.auth.username');
    const password = p.literalOrFeel('inbound.auth.password');
    if (username === undefined || password === undefined) p.fail('BASIC authorization needs inbound.auth.username and inbound.auth.password');
    return { type, username: username ?? '', password: password ?? '' };
  }
  if (type === 'APIKEY') {
    const apiKey = p.literalOrFeel('inbound.auth.apiKey');
    const locator = p.feel('inbound.auth.apiKeyLocator');
    if (apiKey === undefined || !locator) p.fail('APIKEY authorization needs inbound.auth.apiKey and inbound.auth.apiKeyLocator');
    return locator ? { type, apiKey: apiKey ?? '', locator } : { type: 'NONE' };
  }
  if (type === 'JWT') p.fail('inbound.auth.type JWT is not supported yet; use BASIC, APIKEY or HMAC', 'BPMN_UNSUPPORTED_ELEMENT');
  return { type: 'NONE' };
}

function readReplay(p: PropertyReader, hmac: boolean): ReplayConfig {
  const timestampHeader = p.text('inbound.replay.timestampHeader');
  const deliveryIdHeader = p.text('inbound.replay.deliveryIdHeader');
  const signTimestamp = p.choice('inbound.replay.signTimestamp', ['enabled', 'disabled'], 'disabled') === 'enabled';
  if (signTimestamp && (!hmac || timestampHeader === undefined)) {
    p.fail('inbound.replay.signTimestamp needs HMAC validation and inbound.replay.timestampHeader');
  }
  return {
    ...optional('timestampHeader', timestampHeader?.toLowerCase()),
    ...optional('deliveryIdHeader', deliveryIdHeader?.toLowerCase()),
    toleranceSeconds: p.seconds('inbound.replay.toleranceSeconds', REPLAY_DEFAULTS.toleranceSeconds),
    retentionSeconds: p.seconds('inbound.replay.retentionSeconds', REPLAY_DEFAULTS.retentionSeconds),
    signTimestamp,
  };
}

/** `PT1H30M`, `PT45S`, `P1D`… → seconds; undefined when not a day/time duration. */
function isoSeconds(text: string): number | undefined {
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(text);
  if (!m || text === 'P' || text.endsWith('T')) return undefined;
  const seconds = Number(m[1] ?? 0) * 86_400 + Number(m[2] ?? 0) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0);
  return seconds > 0 ? Math.ceil(seconds) : undefined;
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
