import type { AppliedAuth } from '../auth/applied-auth.js';
import { authorizationHeader, basicCredentials, noAuth } from '../auth/applied-auth.js';
import type { TokenCache } from '../auth/token-cache.js';
import { expiryFrom, tokenCacheKey } from '../auth/token-cache.js';
import { requestToken } from '../auth/token-request.js';
import type { CallContext } from '../call-context.js';
import type { DomainPolicy } from '../egress/domain-rules.js';
import type { RestAuthentication } from './rest-authentication.js';

/**
 * Apply the REST connector's authentication. Every credential is registered with the
 * masker first. OAuth tokens are cached per grant until they expire and refetched once
 * after a 401; token calls go through the same egress guard as the request.
 */
export async function applyRestAuthentication(
  auth: RestAuthentication,
  call: CallContext,
  tokens: TokenCache,
  policy: DomainPolicy,
  force = false,
): Promise<AppliedAuth> {
  switch (auth.type) {
    case 'noAuth':
      return noAuth;
    case 'basic': {
      const { header, encoded } = basicCredentials(auth.username, auth.password);
      call.masker.add(auth.password);
      call.masker.add(encoded);
      return authorizationHeader(header);
    }
    case 'bearer':
      call.masker.add(auth.token);
      return authorizationHeader(`Bearer ${auth.token}`);
    case 'apiKey':
      call.masker.add(auth.value);
      return auth.location === 'query'
        ? { headers: {}, query: [[auth.name, auth.value]], credentialHeaders: [] }
        : { headers: { [auth.name.toLowerCase()]: auth.value }, query: [], credentialHeaders: [auth.name.toLowerCase()] };
    case 'oauth-client-credentials-flow':
    case 'oauth-refresh-token': {
      const secret = auth.type === 'oauth-refresh-token' ? auth.refreshToken : auth.clientSecret;
      const key = tokenCacheKey([auth.type, auth.tokenEndpoint, auth.clientId, auth.clientSecret, secret, auth.scopes, auth.type === 'oauth-client-credentials-flow' ? auth.audience : undefined]);
      if (force) tokens.invalidate(key);
      const token = await tokens.get(key, async () => {
        const answer = await requestToken(call, {
          tokenUrl: auth.tokenEndpoint,
          form:
            auth.type === 'oauth-refresh-token'
              ? { grant_type: 'refresh_token', refresh_token: auth.refreshToken, scope: auth.scopes }
              : { grant_type: 'client_credentials', audience: auth.audience, scope: auth.scopes },
          clientId: auth.clientId,
          ...(auth.clientSecret ? { clientSecret: auth.clientSecret } : {}),
          clientAuthentication: auth.type === 'oauth-client-credentials-flow' && auth.clientAuthentication === 'basicAuthHeader' ? 'basic' : 'body',
          policy,
        });
        return { token: answer.accessToken, expiresAt: expiryFrom(call.clock.now(), answer.expiresIn) };
      });
      call.masker.add(token);
      return authorizationHeader(`Bearer ${token}`, force ? undefined : () => applyRestAuthentication(auth, call, tokens, policy, true));
    }
  }
}
