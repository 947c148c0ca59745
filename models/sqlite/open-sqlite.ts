import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, SqliteAdapter, SqliteDialect } from 'kysely';
import { WeftError } from '../../core/index.js';
import { migrations } from '../migrations/index.js';
import type { Database } from '../schema/index.js';

/** How hard a commit waits for the disk. */
export type Durability = 'fsync' | 'os';

export interface OpenSqliteOptions {
  /** A file path, or ':memory:'. */
  readonly path: string;
  /**
   * 'fsync' (default, honest): synchronous=FULL, every commit reaches the disk.
   * 'os': synchronous=NORMAL in WAL: a power loss may lose the last commits, a process crash may not.
   */
  readonly durability?: Durability;
}

/** An open SQLite database: the raw handle for hot paths, kysely for typed queries and migrations. */
export interface SqliteHandle {
  readonly sqlite: BetterSqlite3.Database;
  readonly kysely: Kysely<Database>;
  readonly path: string;
  close(): Promise<void>;
}

/** Open (creating if needed) a Weft SQLite database in WAL mode and apply pending migrations. */
export async function openSqlite(options: OpenSqliteOptions): Promise<SqliteHandle> {
  let sqlite: BetterSqlite3.Database;
  try {
    sqlite = new BetterSqlite3(options.path);
  } catch (cause) {
    throw new WeftError('DB_OPEN_FAILED', `cannot open database ${options.path}: ${(cause as Error).message}`, { cause });
  }
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma(`synchronous = ${options.durability === 'os' ? 'NORMAL' : 'FULL'}`);
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const kysely = new Kysely<Database>({ dialect: new TransactionalSqliteDialect({ database: sqlite }) });
  const migrator = new Migrator({ db: kysely, provider: { getMigrations: async () => ({ ...migrations }) } });
  const { error } = await migrator.migrateToLatest();
  if (error) {
    sqlite.close();
    throw new WeftError('DB_MIGRATION_FAILED', `database migration failed: ${(error as Error).message}`, { cause: error });
  }
  return {
    sqlite,
    kysely,
    path: options.path,
    close: async () => {
      await kysely.destroy();
    },
  };
}

/**
 * SQLite runs DDL inside transactions, but kysely's adapter says it cannot, so its
 * Migrator would apply a migration statement by statement: a crash in the middle would
 * leave half a schema. Saying so lets each migration commit or vanish as a whole.
 */
class TransactionalSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class TransactionalSqliteDialect extends SqliteDialect {
  override createAdapter(): SqliteAdapter {
    return new TransactionalSqliteAdapter();
  }
}
