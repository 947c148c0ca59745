import type { Clock } from '../core/index.js';
import type { TokenCache } from './auth/token-cache.js';
import type { DefinitionStore, OrgSettings } from './connector-stores.js';
import type { EgressClient } from './egress/egress-client.js';
import type { SecretSource } from './secrets/secret-resolver.js';
import type { WorkspaceVault } from './vault/workspace-vault.js';

/** A logger the host may give; connectors log only masked, secret-free facts. */
export interface ConnectorLogger {
  debug?(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
}

/** What every connector kind of one runtime shares. */
export interface RuntimeDeps {
  readonly definitions: DefinitionStore;
  readonly orgSettings: OrgSettings;
  readonly vault: WorkspaceVault;
  /** `WEFT_SECRET_*` from the runtime's env. */
  readonly envSecrets: SecretSource;
  readonly client: EgressClient;
  readonly tokens: TokenCache;
  readonly clock: Clock;
  readonly logger?: ConnectorLogger;
}
