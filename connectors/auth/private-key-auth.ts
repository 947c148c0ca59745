import type { AppliedAuth } from './applied-auth.js';
import { authorizationHeader } from './applied-auth.js';
import type { DefinitionAuthContext } from './definition-auth-context.js';
import { optionalField, requiredField, tokenUrlOf } from './definition-auth-context.js';
import { assertionClaims, signAssertion } from './jwt-assertion.js';
import { expiryFrom, tokenCacheKey } from './token-cache.js';
import { requestToken } from './token-request.js';

/**
 * private_key: sign a short-lived JWT (RS256 or ES256, by key type). `jwt_mode: bearer`
 * (default) sends it as the bearer token; `token_exchange` trades it at the token URL for an
 * access token (RFC 7523 JWT bearer grant), cached until it expires.
 */
export async function privateKeyAuth(ctx: DefinitionAuthContext, force: boolean): Promise<AppliedAuth> {
  const options = ctx.definition.auth_options ?? {};
  const privateKey = requiredField(ctx, 'private_key');
  const username = optionalField(ctx, 'username');
  const clientId = optionalField(ctx, 'client_id');
  const issuer = clientId ?? username ?? requiredField(ctx, 'username');
  const exchange = options.jwt_mode === 'token_exchange';
  const tokenUrl = exchange ? tokenUrlOf(ctx) : undefined;
  const scope = optionalField(ctx, 'scopes') ?? options.scopes;
  const sign = (): string => {
    const jwt = signAssertion(
      privateKey,
      assertionClaims({
        issuer,
        subject: username ?? issuer,
        audience: optionalField(ctx, 'audience') ?? options.audience ?? tokenUrl ?? ctx.apiOrigin,
        nowMs: ctx.call.clock.now(),
        ttlSeconds: options.jwt_ttl_seconds ?? 300,
        ...(scope ? { scope } : {}),
      }),
      optionalField(ctx, 'key_id'),
    );
    ctx.call.masker.add(jwt);
    return jwt;
  };
  if (!exchange) return authorizationHeader(`Bearer ${sign()}`);
  const key = tokenCacheKey([ctx.workspaceId, ctx.definition.connector_id, tokenUrl, issuer, privateKey, scope]);
  if (force) ctx.tokens.invalidate(key);
  const token = await ctx.tokens.get(key, async () => {
    const answer = await requestToken(ctx.call, {
      tokenUrl: tokenUrl as string,
      form: { grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: sign(), scope },
      clientAuthentication: 'body',
      policy: ctx.policy,
    });
    return { token: answer.accessToken, expiresAt: expiryFrom(ctx.call.clock.now(), answer.expiresIn) };
  });
  ctx.call.masker.add(token);
  return authorizationHeader(`Bearer ${token}`, force ? undefined : () => privateKeyAuth(ctx, true));
}
