import { dirname } from 'node:path';
import { WeftError } from '../../core/index.js';
import type { Clock } from '../../core/index.js';
import { Engine, connectorJobHandler } from '../../engine/index.js';
import { SqliteEngineStore, WorkspaceRepository, openSqlite } from '../../models/index.js';
import type { Durability, SqliteHandle } from '../../models/index.js';
import type { ConnectorLogger } from '../../connectors/index.js';

import { openConnectorServices } from './connector-services.js';
import type { ConnectorServices } from './connector-services.js';

/** An engine on one SQLite database with its connector runtime, and what is needed to shut both down. */
export interface EmbeddedEngine {
  readonly engine: Engine;
  readonly handle: SqliteHandle;
  readonly connectors: ConnectorServices;
  close(graceMs?: number): Promise<void>;
}

/** Open (or create) the database at `path` (':memory:' for a throwaway one) and build an engine on it. */
export async function openEmbeddedEngine(options: {
  path: string;
  durability?: Durability;
  clock?: Clock;
  onError?: (error: unknown, what: string) => void;
  /** Read for WEFT_MASTER_KEY, WEFT_SECRET_* and WEFT_EGRESS_ALLOW only. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Where the key file lives; defaults to the database's directory (none for ':memory:'). */
  dataDir?: string;
  /** Where the connector runtime logs (masked facts only). */
  connectorLogger?: ConnectorLogger;
  /** Run connector jobs on their own thread (default: yes, for a database file). */
  connectorThread?: boolean;
  /** Jobs of one type running at once (`EngineOptions.maxConcurrentJobs`, default 64). */
  maxConcurrentJobs?: number;
}): Promise<EmbeddedEngine> {
  const handle = await openSqlite({ path: options.path, ...(options.durability ? { durability: options.durability } : {}) });
  const dataDir = options.dataDir ?? (options.path === ':memory:' ? undefined : dirname(options.path));
  let connectors: ConnectorServices;
  try {
    connectors = await openConnectorServices({
      handle,
      env: options.env ?? process.env,
      ...(dataDir === undefined ? {} : { dataDir }),
      ...(options.connectorLogger ? { logger: options.connectorLogger } : {}),
      thread: options.connectorThread ?? true,
    });
  } catch (error) {
    await handle.close();
    throw error;
  }
  const store = new SqliteEngineStore(handle);
  const workspaces = new WorkspaceRepository(handle.kysely);
  const engine = new Engine({
    store,
    timerStartWorkspace: (orgId) => timerStartWorkspace(workspaces, orgId),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.onError ? { onError: options.onError } : {}),
    ...(options.maxConcurrentJobs === undefined ? {} : { maxConcurrentJobs: options.maxConcurrentJobs }),
  });
  engine.registerJobHandler(connectorJobHandler(connectors.runtime));
  return {
    engine,
    handle,
    connectors,
    async close(graceMs = 10_000) {
      await engine.stop(graceMs);
      await connectors.close();
      await store.close();
    },
  };
}

/**
 * Where an org's timer-started instances run: its workspace `default` when it has one,
 * else its oldest workspace (`default` for an embedded engine without tenancy). An org
 * without workspaces cannot run timer-started instances: the firing fails and is retried.
 */
async function timerStartWorkspace(workspaces: WorkspaceRepository, orgId: string): Promise<string> {
  const list = await workspaces.listByOrg(orgId);
  if (list.some((w) => w.id === 'default')) return 'default';
  const oldest = [...list].sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id))[0];
  if (oldest) return oldest.id;
  if (orgId === 'default') return 'default';
  throw new WeftError('TIMER_START_NO_WORKSPACE', `org '${orgId}' has no workspace for its timer-started instances to run in`);
}
