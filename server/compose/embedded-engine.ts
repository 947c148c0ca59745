import type { Clock } from '../../core/index.js';
import { Engine } from '../../engine/index.js';
import { SqliteEngineStore, openSqlite } from '../../models/index.js';
import type { Durability, SqliteHandle } from '../../models/index.js';

/** An engine on one SQLite database, with what is needed to shut it down. */
export interface EmbeddedEngine {
  readonly engine: Engine;
  readonly handle: SqliteHandle;
  close(graceMs?: number): Promise<void>;
}

/** Open (or create) the database at `path` (':memory:' for a throwaway one) and build an engine on it. */
export async function openEmbeddedEngine(options: {
  path: string;
  durability?: Durability;
  clock?: Clock;
  onError?: (error: unknown, what: string) => void;
}): Promise<EmbeddedEngine> {
  const handle = await openSqlite({ path: options.path, ...(options.durability ? { durability: options.durability } : {}) });
  const store = new SqliteEngineStore(handle);
  const engine = new Engine({
    store,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.onError ? { onError: options.onError } : {}),
  });
  return {
    engine,
    handle,
    async close(graceMs = 10_000) {
      await engine.stop(graceMs);
      await store.close();
    },
  };
}
