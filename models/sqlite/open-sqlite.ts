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
   * 'fsync' (default, honest): a commit is acknowledged only once the write-ahead log
   * holding it was fsynced — what synchronous=FULL does, but the engine's store runs the
   * fsync off the main thread and shares it between the commits of a group.
   * 'os': no fsync on commit: a power loss may lose the last commits, a process crash may not.
   */
  readonly durability?: Durability;
}

/** An open SQLite database: the raw handle for hot paths, kysely for typed queries and migrations. */
export interface SqliteHandle {
  readonly sqlite: BetterSqlite3.Database;
  readonly kysely: Kysely<Database>;
  readonly path: string;
  readonly durability: Durability;
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
  // FULL for every writer by default; the engine store switches to NORMAL around its own
  // group commits and fsyncs the WAL itself, off the main thread (see SqliteEngineStore).
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
    durability: options.durability ?? 'fsync',
    close: async () => {
      await kysely.destroy();
    },
  };
}

/**
 * One more connection to a database that `openSqlite` already opened and migrated (from
 * another thread, say): WAL mode is a property of the file; nothing is migrated here.
 */
export function connectSqlite(path: string, options: { busyTimeoutMs?: number } = {}): SqliteHandle {
  let sqlite: BetterSqlite3.Database;
  try {
    sqlite = new BetterSqlite3(path, { fileMustExist: true });
  } catch (cause) {
    throw new WeftError('DB_OPEN_FAILED', `cannot open database ${path}: ${(cause as Error).message}`, { cause });
  }
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
  const kysely = new Kysely<Database>({ dialect: new TransactionalSqliteDialect({ database: sqlite }) });
  return { sqlite, kysely, path, durability: 'fsync', close: () => kysely.destroy() };
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
