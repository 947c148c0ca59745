/** What the commit thread is started with. */
export interface CommitWorkerData {
  readonly path: string;
  /** fsync the WAL before acknowledging (durability 'fsync'). */
  readonly durable: boolean;
  readonly busyTimeoutMs: number;
}

/**
 * Main → commit thread: change sets to commit, or close. `json[i]` is the JSON text of one
 * EncodedChanges (JSON columns still values), `ids[i]` names its answer. A string crosses
 * threads as a copy of its bytes: measured here, encode + JSON.stringify costs the
 * engine's thread half of what a structured clone of the same arrays does, and a third of
 * JSON.stringify of the records themselves.
 */
export type CommitRequest = { readonly type: 'commit'; readonly ids: readonly number[]; readonly json: readonly string[] } | { readonly type: 'close' };

/** Commit thread → main: ids now durable, and ids whose change set could not be written. */
export interface CommitReply {
  readonly ok: readonly number[];
  /** [id, message, SQLite error code] */
  readonly failed: readonly (readonly [number, string, string | undefined])[];
}
