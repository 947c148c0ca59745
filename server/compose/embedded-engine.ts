import { dirname } from 'node:path';
import type { Clock } from '../../core/index.js';
import { Engine, connectorJobHandler } from '../../engine/index.js';
import { SqliteEngineStore, openSqlite } from '../../models/index.js';
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
    });
  } catch (error) {
    await handle.close();
    throw error;
  }
  const store = new SqliteEngineStore(handle);
  const engine = new Engine({
    store,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.onError ? { onError: options.onError } : {}),
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
