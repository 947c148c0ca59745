/** What the commit thread is started with. */
export interface CommitWorkerData {
  readonly path: string;
  /** fsync the WAL before acknowledging (durability 'fsync'). */
  readonly durable: boolean;
  readonly busyTimeoutMs: number;
}

/**
 * Main → commit thread: change sets to commit, or close. `json` is a JSON array of
 * ChangeSets, `ids[i]` names the answer for the i-th. The engine's thread only runs one
 * JSON.stringify per change set (one string crosses threads as a copy of its bytes; a
 * structured clone costs about three times as much); rows, their JSON columns and the
 * history row are made on the commit thread.
 */
export type CommitRequest = { readonly type: 'commit'; readonly ids: readonly number[]; readonly json: string } | { readonly type: 'close' };

/** Commit thread → main: ids now durable, and ids whose change set could not be written. */
export interface CommitReply {
  readonly ok: readonly number[];
  /** [id, message, SQLite error code] */
  readonly failed: readonly (readonly [number, string, string | undefined])[];
}
