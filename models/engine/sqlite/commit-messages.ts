/** What the commit thread is started with. */
export interface CommitWorkerData {
  readonly path: string;
  /** fsync the WAL before acknowledging (durability 'fsync'). */
  readonly durable: boolean;
  readonly busyTimeoutMs: number;
}

/**
 * Main → commit thread: change sets to commit, or close. `json[i]` is the JSON text of one
 * EncodedChanges whose JSON columns were taken out (`extractJsonColumns`) into
 * `columns[i]`; `ids[i]` names its answer. Strings cross threads as copies of their
 * bytes: measured here, this costs the engine's thread about half of a structured clone
 * of the same arrays, and the commit thread a JSON.parse of a few hundred bytes.
 */
export type CommitRequest =
  | { readonly type: 'commit'; readonly ids: readonly number[]; readonly json: readonly string[]; readonly columns: readonly (readonly string[])[] }
  | { readonly type: 'close' };

/** Commit thread → main: ids now durable, and ids whose change set could not be written. */
export interface CommitReply {
  readonly ok: readonly number[];
  /** [id, message, SQLite error code] */
  readonly failed: readonly (readonly [number, string, string | undefined])[];
}
