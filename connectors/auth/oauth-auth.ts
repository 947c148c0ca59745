import type { AppliedAuth } from './applied-auth.js';
import { authorizationHeader } from './applied-auth.js';
import type { DefinitionAuthContext } from './definition-auth-context.js';
import { optionalField, requiredField, tokenUrlOf } from './definition-auth-context.js';
import { expiryFrom, tokenCacheKey } from './token-cache.js';
import { requestToken } from './token-request.js';

/**
 * oauth2_client_credentials: a token per (workspace, connector, client, scopes), cached until
 * it expires; `refresh` (after a 401) drops it and asks again, once.
 */
export async function clientCredentialsAuth(ctx: DefinitionAuthContext, force: boolean): Promise<AppliedAuth> {
  const options = ctx.definition.auth_options ?? {};
  const tokenUrl = tokenUrlOf(ctx);
  const clientId = requiredField(ctx, 'client_id');
  const clientSecret = requiredField(ctx, 'client_secret');
  const scopes = optionalField(ctx, 'scopes') ?? options.scopes;
  const audience = optionalField(ctx, 'audience') ?? options.audience;
  const key = tokenCacheKey([ctx.workspaceId, ctx.definition.connector_id, tokenUrl, clientId, clientSecret, scopes, audience]);
  if (force) ctx.tokens.invalidate(key);
  const token = await ctx.tokens.get(key, async () => {
    const answer = await requestToken(ctx.call, {
      tokenUrl,
      form: { grant_type: 'client_credentials', scope: scopes, audience },
      clientId,
      clientSecret,
      clientAuthentication: options.client_authentication ?? 'body',
      policy: ctx.policy,
    });
    return { token: answer.accessToken, expiresAt: expiryFrom(ctx.call.clock.now(), answer.expiresIn) };
  });
  ctx.call.masker.add(token);
  return authorizationHeader(`Bearer ${token}`, force ? undefined : () => clientCredentialsAuth(ctx, true));
}

/**
 * oauth2_authorization_code: the consent flow stored a refresh token in the workspace's
 * credentials. A still-valid access token stored next to it is used; otherwise the refresh
 * token buys a new one, and the new access token, its expiry and any rotated refresh token
 * are written back encrypted. Refreshes of one grant are serialized in this process.
 */
export async function authorizationCodeAuth(ctx: DefinitionAuthContext, force: boolean): Promise<AppliedAuth> {
  const stored = optionalField(ctx, 'access_token');
  const expiresAt = Number(ctx.config.access_token_expires_at ?? 0);
  if (!force && stored && expiresAt > ctx.call.clock.now()) {
    return authorizationHeader(`Bearer ${stored}`, () => authorizationCodeAuth(ctx, true));
  }
  const lockKey = tokenCacheKey([ctx.workspaceId, ctx.definition.connector_id, 'authorization_code']);
  const token = await ctx.tokens.exclusive(lockKey, async () => {
    // Another execution may have refreshed while this one waited: use its token.
    const fresh = await ctx.vault.loadCredentials(ctx.workspaceId, ctx.definition.connector_id);
    const config = fresh.state === 'ready' ? fresh.config : ctx.config;
    const freshToken = typeof config.access_token === 'string' ? config.access_token : undefined;
    if (freshToken && freshToken !== stored && Number(config.access_token_expires_at ?? 0) > ctx.call.clock.now()) {
      ctx.call.masker.add(freshToken);
      return freshToken;
    }
    const options = ctx.definition.auth_options ?? {};
    const refreshToken = typeof config.refresh_token === 'string' ? config.refresh_token : requiredField(ctx, 'refresh_token');
    ctx.call.masker.add(refreshToken);
    const answer = await requestToken(ctx.call, {
      tokenUrl: tokenUrlOf(ctx),
      form: { grant_type: 'refresh_token', refresh_token: refreshToken, scope: optionalField(ctx, 'scopes') ?? options.scopes },
      clientId: requiredField(ctx, 'client_id'),
      clientSecret: requiredField(ctx, 'client_secret'),
      clientAuthentication: options.client_authentication ?? 'body',
      policy: ctx.policy,
    });
    await ctx.vault.saveCredentials(ctx.workspaceId, ctx.definition.connector_id, {
      ...config,
      access_token: answer.accessToken,
      access_token_expires_at: expiryFrom(ctx.call.clock.now(), answer.expiresIn),
      refresh_token: answer.refreshToken ?? refreshToken,
    });
    return answer.accessToken;
  });
  ctx.call.masker.add(token);
  return authorizationHeader(`Bearer ${token}`, force ? undefined : () => authorizationCodeAuth(ctx, true));
}
