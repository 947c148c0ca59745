// Summaries of latency samples and of repeated runs.

/** The p-th percentile (0–100) of an ascending-sorted array, nearest-rank method. */
export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** p50 / p99 / max of latency samples in milliseconds. */
export function latencySummary(samples) {
  const sorted = Float64Array.from(samples).sort();
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1] : NaN,
  };
}

/** The median of numbers (the mean of the middle two for an even count). */
export function median(values) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Of repeated results of one case, the run with the median throughput (the lower middle one for an even count); its latencies come along. */
export function medianRun(results) {
  const ok = results.filter((r) => r.ok);
  if (ok.length === 0) return results[0];
  const sorted = [...ok].sort((a, b) => a.throughput - b.throughput);
  const chosen = sorted[(sorted.length - 1) >> 1];
  const failed = results.filter((r) => !r.ok);
  return { ...chosen, repeats: results.length, throughputs: ok.map((r) => r.throughput), failedRuns: failed.length, failure: failed[0]?.error };
}
