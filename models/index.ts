/** models/: the database — schema types, migrations, repositories. Imports only core/. */
export { connectSqlite, openSqlite } from './sqlite/open-sqlite.js';
export type { SqliteHandle, OpenSqliteOptions, Durability } from './sqlite/open-sqlite.js';
export { migrations } from './migrations/index.js';
export type { Database } from './schema/index.js';
export * from './engine/index.js';
export * from './vault/index.js';
export * from './tenancy/index.js';
export * from './webhooks/index.js';
