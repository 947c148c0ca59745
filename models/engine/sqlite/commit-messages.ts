import type { EncodedChanges } from './change-set-ops.js';

/** What the commit thread is started with. */
export interface CommitWorkerData {
  readonly path: string;
  /** fsync the WAL before acknowledging (durability 'fsync'). */
  readonly durable: boolean;
  readonly busyTimeoutMs: number;
}

/** The change sets of one commit message, each with the id its answer names. */
export type CommitItems = readonly (readonly [number, EncodedChanges])[];

/**
 * Main → commit thread: change sets to commit, as the JSON text of `CommitItems` (one
 * string crosses threads as a copy of its bytes; a structured clone of the same arrays
 * costs the engine's thread about three times as much), or close.
 */
export type CommitRequest = { readonly type: 'commit'; readonly json: string } | { readonly type: 'close' };

/** Commit thread → main: ids now durable, and ids whose change set could not be written. */
export interface CommitReply {
  readonly ok: readonly number[];
  /** [id, message, SQLite error code] */
  readonly failed: readonly (readonly [number, string, string | undefined])[];
}
