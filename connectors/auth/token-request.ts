import { WeftError } from '../../core/index.js';
import type { CallContext } from '../call-context.js';
import type { DomainPolicy } from '../egress/domain-rules.js';
import { encodeQuery } from '../egress/percent-encode.js';

/** One OAuth 2.0 token request (RFC 6749 §4.4, §6; RFC 7523 §2.1). */
export interface TokenGrant {
  readonly tokenUrl: string;
  /** grant_type and its parameters; undefined or empty values are left out. */
  readonly form: Readonly<Record<string, string | undefined>>;
  readonly clientId?: string;
  readonly clientSecret?: string;
  /** `body`: client_id/client_secret as form fields; `basic`: an Authorization header. */
  readonly clientAuthentication: 'body' | 'basic';
  readonly policy: DomainPolicy;
}

/** What the token endpoint granted. */
export interface TokenAnswer {
  readonly accessToken: string;
  readonly expiresIn?: number;
  /** A rotated refresh token, when the server issued one. */
  readonly refreshToken?: string;
}

/**
 * POST a token request through the egress guard (the call is recorded like any other).
 * Every credential sent and every token received is registered with the masker first.
 * Failure: OAUTH_TOKEN_FAILED (retryable: the endpoint answered).
 */
export async function requestToken(ctx: CallContext, grant: TokenGrant): Promise<TokenAnswer> {
  const form: Record<string, string> = {};
  for (const [key, value] of Object.entries(grant.form)) if (value !== undefined && value !== '') form[key] = value;
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
  if (grant.clientSecret) ctx.masker.add(grant.clientSecret);
  if (grant.clientAuthentication === 'basic' && grant.clientId !== undefined) {
    const basic = Buffer.from(`${grant.clientId}:${grant.clientSecret ?? ''}`).toString('base64');
    ctx.masker.add(basic);
    headers.authorization = `Basic ${basic}`;
  } else {
    if (grant.clientId !== undefined) form.client_id = grant.clientId;
    if (grant.clientSecret) form.client_secret = grant.clientSecret;
  }
  // Only the secret parts: masking grant_type or client_id would garble every result.
  for (const name of ['refresh_token', 'assertion', 'client_secret']) if (form[name]) ctx.masker.add(form[name]);
  const response = await ctx.send({
    method: 'POST',
    url: grant.tokenUrl,
    headers,
    body: Buffer.from(encodeQuery(Object.entries(form))),
    followRedirects: false,
    policy: grant.policy,
  });
  let parsed: Record<string, unknown> = {};
  try {
    const value: unknown = JSON.parse(response.body.toString('utf8'));
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) parsed = value as Record<string, unknown>;
  } catch {
    // Not JSON: reported below by status or missing token.
  }
  if (typeof parsed.access_token === 'string') ctx.masker.add(parsed.access_token);
  if (typeof parsed.refresh_token === 'string') ctx.masker.add(parsed.refresh_token);
  if (response.status < 200 || response.status >= 300 || typeof parsed.access_token !== 'string' || parsed.access_token === '') {
    const reason = typeof parsed.error === 'string' ? ` (${parsed.error.slice(0, 100)})` : '';
    const what = response.status >= 200 && response.status < 300 ? 'answered without an access_token' : `answered ${response.status}${reason}`;
    throw new WeftError('OAUTH_TOKEN_FAILED', ctx.masker.mask(`the token endpoint ${what}`), {
      // The endpoint answered: a failed execution like any other, one retry fewer.
      retryable: true,
      details: { status: response.status },
    });
  }
  const expiresIn = Number(parsed.expires_in);
  return {
    accessToken: parsed.access_token,
    ...(Number.isFinite(expiresIn) && expiresIn > 0 ? { expiresIn } : {}),
    ...(typeof parsed.refresh_token === 'string' && parsed.refresh_token !== '' ? { refreshToken: parsed.refresh_token } : {}),
  };
}
