import type { JsonValue } from '../../core/index.js';
import { constantTimeEqual, signatureMatches } from './hmac-signature.js';
import type { WebhookConfig } from './webhook-config.js';
import { WebhookError } from './webhook-error.js';
import { replayWindowProblem } from './replay-window.js';

/** The webhook's secret-bearing properties, resolved for this request. */
export interface ResolvedSecrets {
  readonly hmacSecret: string;
  readonly username: string;
  readonly password: string;
  readonly apiKey: string;
}

/** What the guard looks at: raw bytes and headers, nothing parsed. */
export interface GuardInput {
  readonly config: WebhookConfig;
  readonly secrets: ResolvedSecrets;
  readonly rawBody: Buffer;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly now: number;
  /** The API key locator's value, computed only when APIKEY auth asks for it. */
  readonly locateApiKey: () => JsonValue;
}

/**
 * Everything a request must pass before anything of it is parsed or evaluated: the HMAC
 * signature over the raw bytes, then BASIC or API key authorization, then the replay
 * time window. Every failure answers 401 (as Camunda answers a bad signature or bad
 * credentials) with no detail beyond which check failed.
 * @throws WebhookError WEBHOOK_SIGNATURE_INVALID, WEBHOOK_UNAUTHORIZED, WEBHOOK_REPLAY_REJECTED
 */
export function guardRequest(input: GuardInput): void {
  const { config, secrets, headers } = input;
  if (config.hmac) {
    let payload = input.rawBody;
    if (config.replay.signTimestamp) {
      const stamp = header(headers, config.replay.timestampHeader!);
      payload = Buffer.concat([Buffer.from(`${stamp ?? ''}.`, 'utf8'), input.rawBody]);
    }
    const provided = header(headers, config.hmac.header.toLowerCase());
    if (!signatureMatches(config.hmac.algorithm, secrets.hmacSecret, payload, provided)) {
      throw new WebhookError('WEBHOOK_SIGNATURE_INVALID', 401, provided === undefined ? 'the HMAC signature header is missing' : 'the HMAC signature does not match');
    }
  }
  if (config.auth.type === 'BASIC') {
    const credentials = basicCredentials(header(headers, 'authorization'));
    if (credentials === undefined || !constantTimeEqual(credentials, `${secrets.username}:${secrets.password}`)) {
      throw unauthorized(credentials === undefined);
    }
  } else if (config.auth.type === 'APIKEY') {
    const located = input.locateApiKey();
    const key = typeof located === 'string' || typeof located === 'number' ? String(located) : undefined;
    if (key === undefined || key === '' || !constantTimeEqual(key, secrets.apiKey)) throw unauthorized(key === undefined || key === '');
  }
  const stale = replayWindowProblem(config.replay, headers, input.now);
  if (stale) throw new WebhookError('WEBHOOK_REPLAY_REJECTED', 401, stale);
}

function unauthorized(missing: boolean): WebhookError {
  return new WebhookError('WEBHOOK_UNAUTHORIZED', 401, missing ? 'authorization is missing' : 'authorization is invalid');
}

/** `user:password` of a `Basic` authorization header, or undefined. */
function basicCredentials(value: string | undefined): string | undefined {
  const match = value === undefined ? null : /^basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(value);
  return match ? Buffer.from(match[1]!, 'base64').toString('utf8') : undefined;
}

/** One header's value (the first of a repeated one). */
export function header(headers: Readonly<Record<string, string | string[] | undefined>>, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
