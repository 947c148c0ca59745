/** The engine's records, its store port, and the SQLite store. */
export type * from './records.js';
export type { ChangeSet, ElementWrite, EngineStore, InstanceAggregate, InstanceFilter } from './engine-store.js';
export { emptyChangeSet } from './engine-store.js';
export { SqliteEngineStore } from './sqlite/sqlite-engine-store.js';
export type { CommitMode, SqliteEngineStoreOptions } from './sqlite/sqlite-engine-store.js';
