import type { CommittedCommand } from '../../engine/index.js';
import type { EngineStore } from '../../models/index.js';
import type { ServerMetrics } from './server-context.js';

/** Upper bounds of the connector call duration histogram, seconds. */
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120] as const;

interface Histogram {
  readonly counts: number[];
  sum: number;
  count: number;
}

/**
 * The server's counters (since this process started) and its scrape: Prometheus text
 * exposition 0.0.4. Gauges come from the store at scrape time; counters and the
 * connector histogram from committed engine commands and webhook answers.
 */
export class PrometheusMetrics implements ServerMetrics {
  #started = 0;
  #completed = 0;
  readonly #webhooks = new Map<string, number>();
  readonly #connectorCalls = new Map<string, Histogram>();

  webhookRequest(status: number): void {
    const key = String(status);
    this.#webhooks.set(key, (this.#webhooks.get(key) ?? 0) + 1);
  }

  connectorCall(connectorType: string, seconds: number): void {
    let histogram = this.#connectorCalls.get(connectorType);
    if (!histogram) this.#connectorCalls.set(connectorType, (histogram = { counts: BUCKETS.map(() => 0), sum: 0, count: 0 }));
    BUCKETS.forEach((bound, i) => {
      if (seconds <= bound) histogram.counts[i]!++;
    });
    histogram.sum += seconds;
    histogram.count++;
  }

  /** Feed one committed engine command (subscribe with `engine.events.onCommitted`). */
  observe(command: CommittedCommand): void {
    for (const event of command.history) {
      if (event.type === 'PROCESS_INSTANCE_CREATED') this.#started++;
      else if (event.type === 'PROCESS_INSTANCE_COMPLETED') this.#completed++;
      else if (event.type === 'CONNECTOR_CALL' && event.data) {
        const duration = event.data.durationMs;
        const jobType = typeof event.data.jobType === 'string' ? event.data.jobType : 'unknown';
        if (typeof duration === 'number') this.connectorCall(jobType, duration / 1000);
      }
    }
  }

  /** The exposition text; reads the live gauges from the store. */
  async render(store: Pick<EngineStore, 'counts'>): Promise<string> {
    const counts = await store.counts();
    const lines: string[] = [];
    const family = (name: string, type: string, help: string) => lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    family('weft_process_instances_started_total', 'counter', 'Process instances started since the server started.');
    lines.push(`weft_process_instances_started_total ${this.#started}`);
    family('weft_process_instances_completed_total', 'counter', 'Process instances completed since the server started.');
    lines.push(`weft_process_instances_completed_total ${this.#completed}`);
    family('weft_jobs_active', 'gauge', 'Jobs not finished, by state (activatable, activated, backoff, failed, errorThrown).');
    const jobStates = Object.keys(counts.jobs).sort();
    if (jobStates.length === 0) lines.push('weft_jobs_active{state="activatable"} 0');
    for (const state of jobStates) lines.push(`weft_jobs_active{state="${label(state)}"} ${counts.jobs[state]}`);
    family('weft_incidents_active', 'gauge', 'Open incidents.');
    lines.push(`weft_incidents_active ${counts.incidents}`);
    family('weft_connector_call_duration_seconds', 'histogram', 'Duration of outbound connector HTTP exchanges, token calls included.');
    for (const [type, h] of [...this.#connectorCalls].sort(([a], [b]) => a.localeCompare(b))) {
      const connector = `connector="${label(type)}"`;
      BUCKETS.forEach((bound, i) => lines.push(`weft_connector_call_duration_seconds_bucket{${connector},le="${bound}"} ${h.counts[i]}`));
      lines.push(`weft_connector_call_duration_seconds_bucket{${connector},le="+Inf"} ${h.count}`);
      lines.push(`weft_connector_call_duration_seconds_sum{${connector}} ${h.sum}`, `weft_connector_call_duration_seconds_count{${connector}} ${h.count}`);
    }
    family('weft_webhook_requests_total', 'counter', 'Inbound webhook requests, by HTTP status answered.');
    for (const [status, n] of [...this.#webhooks].sort()) lines.push(`weft_webhook_requests_total{status="${status}"} ${n}`);
    return `${lines.join('\n')}\n`;
  }
}

/** Escape a label value (backslash, quote, newline). */
function label(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}
