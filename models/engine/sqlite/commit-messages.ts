import type { EncodedChanges } from './change-set-ops.js';

/** What the commit thread is started with. */
export interface CommitWorkerData {
  readonly path: string;
  /** fsync the WAL before acknowledging (durability 'fsync'). */
  readonly durable: boolean;
  readonly busyTimeoutMs: number;
}

/** Main → commit thread: change sets to commit (each with the id its answer names), or close. */
export type CommitRequest =
  | { readonly type: 'commit'; readonly items: readonly (readonly [number, EncodedChanges])[] }
  | { readonly type: 'close' };

/** Commit thread → main: ids now durable, and ids whose change set could not be written. */
export interface CommitReply {
  readonly ok: readonly number[];
  /** [id, message, SQLite error code] */
  readonly failed: readonly (readonly [number, string, string | undefined])[];
}
