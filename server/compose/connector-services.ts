import { randomBytes } from 'node:crypto';
import { createConnectorRuntime, openVault } from '../../connectors/index.js';
import type { ConnectorLogger, ConnectorRuntimeHandle, EgressOptions, Vault } from '../../connectors/index.js';
import {
  ConnectorDefinitionRepository,
  OrgSettingsRepository,
  VaultStorageRepository,
  WorkspaceCredentialRepository,
  WorkspaceSecretRepository,
} from '../../models/index.js';
import type { SqliteHandle } from '../../models/index.js';

/** The connector runtime and the repositories behind it, on one database. */
export interface ConnectorServices {
  readonly runtime: ConnectorRuntimeHandle;
  readonly vault: Vault;
  readonly definitions: ConnectorDefinitionRepository;
  readonly credentials: WorkspaceCredentialRepository;
  readonly secrets: WorkspaceSecretRepository;
  readonly orgSettings: OrgSettingsRepository;
  close(): Promise<void>;
}

/**
 * Build the connector runtime on a database. The master key comes from
 * `WEFT_MASTER_KEY`, else `<dataDir>/master.key` (created on first start, mode 0600);
 * without a data directory (an in-memory `weft run`) a throwaway key is used.
 */
export async function openConnectorServices(options: {
  readonly handle: SqliteHandle;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly dataDir?: string;
  readonly egress?: EgressOptions;
  readonly logger?: ConnectorLogger;
}): Promise<ConnectorServices> {
  const { kysely } = options.handle;
  const definitions = new ConnectorDefinitionRepository(kysely);
  const credentials = new WorkspaceCredentialRepository(kysely);
  const secrets = new WorkspaceSecretRepository(kysely);
  const orgSettings = new OrgSettingsRepository(kysely);
  const throwaway = options.dataDir === undefined && !options.env.WEFT_MASTER_KEY;
  const vault = await openVault({
    storage: new VaultStorageRepository(kysely),
    env: options.env,
    ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
    ...(throwaway ? { masterKey: randomBytes(32) } : {}),
  });
  const runtime = createConnectorRuntime({
    definitions,
    credentials,
    secrets,
    orgSettings,
    vault,
    env: options.env,
    ...(options.egress ? { egress: options.egress } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
  });
  return { runtime, vault, definitions, credentials, secrets, orgSettings, close: () => runtime.close() };
}
