import type { AppliedAuth } from './applied-auth.js';
import { authorizationHeader, basicCredentials, noAuth } from './applied-auth.js';
import type { DefinitionAuthContext } from './definition-auth-context.js';
import { requiredField } from './definition-auth-context.js';
import { authorizationCodeAuth, clientCredentialsAuth } from './oauth-auth.js';
import { privateKeyAuth } from './private-key-auth.js';

/**
 * Apply a connector definition's auth_type with the workspace's credentials (seed 001
 * connection types). Every derived credential (Basic encoding, tokens, assertions) is
 * registered with the masker before it is used.
 */
export async function applyDefinitionAuth(ctx: DefinitionAuthContext): Promise<AppliedAuth> {
  const options = ctx.definition.auth_options ?? {};
  switch (ctx.definition.auth_type) {
    case 'none':
      return noAuth;
    case 'api_key': {
      const name = options.name ?? 'x-api-key';
      const value = `${options.prefix ?? ''}${requiredField(ctx, 'api_key')}`;
      return options.placement === 'query'
        ? { headers: {}, query: [[name, value]], credentialHeaders: [] }
        : { headers: { [name.toLowerCase()]: value }, query: [], credentialHeaders: [name.toLowerCase()] };
    }
    case 'api_key_secret': {
      const key = requiredField(ctx, 'api_key');
      const secret = requiredField(ctx, 'api_secret');
      if (options.key_secret_style === 'headers') {
        const keyHeader = (options.key_header ?? 'x-api-key').toLowerCase();
        const secretHeader = (options.secret_header ?? 'x-api-secret').toLowerCase();
        return { headers: { [keyHeader]: key, [secretHeader]: secret }, query: [], credentialHeaders: [keyHeader, secretHeader] };
      }
      return basic(ctx, key, secret);
    }
    case 'basic':
      return basic(ctx, requiredField(ctx, 'username'), requiredField(ctx, 'password'));
    case 'bearer':
      return authorizationHeader(`Bearer ${requiredField(ctx, 'token')}`);
    case 'oauth2_client_credentials':
      return clientCredentialsAuth(ctx, false);
    case 'oauth2_authorization_code':
      return authorizationCodeAuth(ctx, false);
    case 'private_key':
      return privateKeyAuth(ctx, false);
  }
}

function basic(ctx: DefinitionAuthContext, user: string, password: string): AppliedAuth {
  const { header, encoded } = basicCredentials(user, password);
  ctx.call.masker.add(encoded);
  return authorizationHeader(header);
}
