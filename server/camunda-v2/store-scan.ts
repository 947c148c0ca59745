/**
 * How many records one search examines at most. The store pages by key only (no count,
 * no sort), so filters it cannot apply and every sort run here, over at most this many
 * candidates; beyond it the response says `hasMoreTotalItems: true`, as Camunda does when
 * its own totals are capped.
 */
export const MAX_SEARCH_CANDIDATES = 20_000;

const BATCH = 1_000;

/** The records a scan found, and whether it stopped at the cap with more left. */
export interface ScanResult<T> {
  readonly records: T[];
  readonly truncated: boolean;
}

/**
 * Read every record a key-paged store query returns, in batches, up to `cap`.
 * `fetch(after, limit)` returns records with key > after in ascending key order.
 */
export async function scanByKey<T extends { readonly key: number }>(
  fetch: (after: number | undefined, limit: number) => Promise<T[]>,
  cap = MAX_SEARCH_CANDIDATES,
): Promise<ScanResult<T>> {
  const records: T[] = [];
  let after: number | undefined;
  for (;;) {
    const want = Math.min(BATCH, cap - records.length + 1);
    const batch = await fetch(after, want);
    for (const record of batch) {
      if (records.length === cap) return { records, truncated: true };
      records.push(record);
    }
    if (batch.length < want) return { records, truncated: false };
    after = batch[batch.length - 1]!.key;
  }
}
