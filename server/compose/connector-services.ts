import { randomBytes } from 'node:crypto';
import { ENV_SECRET_PREFIX, createConnectorRuntime, openVault } from '../../connectors/index.js';
import type { ConnectorLogger, ConnectorRuntimeHandle, EgressOptions, Vault } from '../../connectors/index.js';
import {
  ConnectorDefinitionRepository,
  OrgSettingsRepository,
  VaultStorageRepository,
  WorkspaceCredentialRepository,
  WorkspaceSecretRepository,
} from '../../models/index.js';
import type { SqliteHandle } from '../../models/index.js';
import { ConnectorThread } from './connector-thread.js';

/** The connector runtime and the repositories behind it, on one database. */
export interface ConnectorServices {
  readonly runtime: ConnectorRuntimeHandle;
  readonly vault: Vault;
  readonly definitions: ConnectorDefinitionRepository;
  readonly credentials: WorkspaceCredentialRepository;
  readonly secrets: WorkspaceSecretRepository;
  readonly orgSettings: OrgSettingsRepository;
  /** The thread connector jobs run on, when they do not run on the caller's. */
  readonly thread?: ConnectorThread;
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
  /**
   * Run connector jobs on a thread of their own (`ConnectorThread`), off the engine's event
   * loop. Needs a database file and no egress functions (a custom DNS lookup cannot cross
   * threads); otherwise, and by default, jobs run on the calling thread.
   */
  readonly thread?: boolean;
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
  const onDisk = options.handle.path !== ':memory:' && options.handle.path !== '';
  if (!options.thread || !onDisk || throwaway || options.egress !== undefined) {
    return { runtime, vault, definitions, credentials, secrets, orgSettings, close: () => runtime.close() };
  }
  let thread: ConnectorThread;
  try {
    thread = await ConnectorThread.start(
      {
        path: options.handle.path,
        env: threadEnv(options.env),
        ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
        debug: options.logger?.debug !== undefined,
        busyTimeoutMs: 10_000,
      },
      options.logger,
    );
  } catch (error) {
    await runtime.close();
    throw error;
  }
  orgSettings.onChange((orgId) => thread.forgetOrgSettings(orgId));
  // The workspace vault (credentials and secrets the API saves) stays here; calls go to the thread.
  const threaded: ConnectorRuntimeHandle = {
    workspaceVault: runtime.workspaceVault,
    handles: (type) => runtime.handles(type),
    execute: (job) => thread.execute(job),
    warnings: () => runtime.warnings(),
    close: async () => {
      await thread.close();
      await runtime.close();
    },
  };
  return { runtime: threaded, vault, definitions, credentials, secrets, orgSettings, thread, close: () => threaded.close() };
}

/** The only variables the connector thread may read (see createConnectorRuntime's `env`). */
function threadEnv(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && (name === 'WEFT_MASTER_KEY' || name === 'WEFT_EGRESS_ALLOW' || name.startsWith(ENV_SECRET_PREFIX))) out[name] = value;
  }
  return out;
}
