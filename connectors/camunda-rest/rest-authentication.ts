import type { JsonObject } from '../../core/index.js';
import { WeftError, isJsonObject } from '../../core/index.js';
import { readPath } from './input-path.js';

/** `authentication.*` of the REST template, by `authentication.type`. */
export type RestAuthentication =
  | { readonly type: 'noAuth' }
  | { readonly type: 'basic'; readonly username: string; readonly password: string }
  | { readonly type: 'bearer'; readonly token: string }
  | { readonly type: 'apiKey'; readonly location: 'headers' | 'query'; readonly name: string; readonly value: string }
  | {
      readonly type: 'oauth-client-credentials-flow';
      readonly tokenEndpoint: string;
      readonly clientId: string;
      readonly clientSecret: string;
      readonly audience?: string;
      readonly scopes?: string;
      readonly clientAuthentication: 'credentialsBody' | 'basicAuthHeader';
    }
  | {
      readonly type: 'oauth-refresh-token';
      readonly tokenEndpoint: string;
      readonly clientId: string;
      readonly clientSecret?: string;
      readonly refreshToken: string;
      readonly scopes?: string;
    };

/**
 * Read the authentication inputs. They come from `authentication.*` (task inputs) or, when
 * the task uses a reusable credential, from `authenticationConfiguration`. The refresh-token
 * fields are also accepted under `authentication.oauthRefreshToken.*`, the names the
 * credential template binds them to.
 */
export function readAuthentication(variables: JsonObject): RestAuthentication {
  const configuration = readPath(variables, 'authenticationConfiguration');
  const source: JsonObject =
    readPath(variables, 'authentication.type') === undefined && isJsonObject(configuration) ? configuration : variables;
  const get = (name: string): string | undefined => {
    const value = readPath(source, `authentication.${name}`) ?? readPath(source, `authentication.oauthRefreshToken.${name}`);
    return typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : undefined;
  };
  const need = (name: string): string => {
    const value = get(name);
    if (value === undefined) {
      throw new WeftError('CONNECTOR_INPUT_INVALID', `authentication.${name} is required for authentication type ${get('type')}`, {
        details: { input: `authentication.${name}` },
      });
    }
    return value;
  };
  const type = get('type') ?? 'noAuth';
  switch (type) {
    case 'noAuth':
      return { type };
    case 'basic':
      return { type, username: need('username'), password: get('password') ?? '' };
    case 'bearer':
      return { type, token: need('token') };
    case 'apiKey': {
      const location = get('apiKeyLocation') ?? 'headers';
      if (location !== 'headers' && location !== 'query') {
        throw new WeftError('CONNECTOR_INPUT_INVALID', 'authentication.apiKeyLocation must be headers or query');
      }
      return { type, location, name: need('name'), value: need('value') };
    }
    case 'oauth-client-credentials-flow': {
      const clientAuthentication = get('clientAuthentication') ?? 'credentialsBody';
      if (clientAuthentication !== 'credentialsBody' && clientAuthentication !== 'basicAuthHeader') {
        throw new WeftError('CONNECTOR_INPUT_INVALID', 'authentication.clientAuthentication must be credentialsBody or basicAuthHeader');
      }
      const audience = get('audience');
      const scopes = get('scopes');
      return {
        type,
        tokenEndpoint: need('oauthTokenEndpoint'),
        clientId: need('clientId'),
        clientSecret: need('clientSecret'),
        ...(audience ? { audience } : {}),
        ...(scopes ? { scopes } : {}),
        clientAuthentication,
      };
    }
    case 'oauth-refresh-token': {
      const clientSecret = get('clientSecret');
      const scopes = get('scopes');
      return {
        type,
        tokenEndpoint: need('oauthTokenEndpoint'),
        clientId: need('clientId'),
        refreshToken: need('refreshToken'),
        ...(clientSecret ? { clientSecret } : {}),
        ...(scopes ? { scopes } : {}),
      };
    }
    default:
      throw new WeftError('CONNECTOR_INPUT_INVALID', `authentication.type ${type} is not supported`, { details: { input: 'authentication.type' } });
  }
}
