import type { JsonObject } from '../../core/index.js';
import { WeftError } from '../../core/index.js';
import type { CallContext } from '../call-context.js';
import type { ConnectorDefinition } from '../definitions/connector-definition.js';
import type { DomainPolicy } from '../egress/domain-rules.js';
import type { WorkspaceVault } from '../vault/workspace-vault.js';
import type { TokenCache } from './token-cache.js';

/** Everything applying a definition's auth type needs. */
export interface DefinitionAuthContext {
  readonly definition: ConnectorDefinition;
  /** The workspace's decrypted credential config (every string already given to the masker). */
  readonly config: JsonObject;
  readonly workspaceId: string;
  readonly call: CallContext;
  readonly tokens: TokenCache;
  /** For writing back refreshed access tokens and rotated refresh tokens, encrypted. */
  readonly vault: WorkspaceVault;
  /** Token calls pass the same allowlists as the API call. */
  readonly policy: DomainPolicy;
  /** `https://host[:port]` of the API call: default audience of a private-key bearer assertion. */
  readonly apiOrigin: string;
}

/** A required credential field as a string; CREDENTIALS_INVALID names the field, never a value. */
export function requiredField(ctx: DefinitionAuthContext, name: string): string {
  const value = ctx.config[name];
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number') return String(value);
  throw new WeftError('CREDENTIALS_INVALID', `the credentials of connector ${ctx.definition.connector_id} lack the field ${name}`, {
    details: { field: name },
  });
}

/** An optional credential field as a string. */
export function optionalField(ctx: DefinitionAuthContext, name: string): string | undefined {
  const value = ctx.config[name];
  return typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : undefined;
}

/** The token URL: fixed by the platform when the definition names one, else the workspace's field. */
export function tokenUrlOf(ctx: DefinitionAuthContext): string {
  return ctx.definition.auth_options?.token_url ?? requiredField(ctx, 'token_url');
}
