import type { CancelToken, JsonObject, JsonValue } from '../core/index.js';

/**
 * The one narrow seam between the engine and the connector runtime: a job in, an
 * outcome out. The engine never sees secrets or credentials; the connector runtime
 * never sees BPMN.
 */
export interface ConnectorJob {
  readonly jobKey: string;
  /** The job type: `io.camunda:http-json:1`, `connector:<connector_id>`, … */
  readonly type: string;
  /** `zeebe:taskHeaders` of the task (e.g. `action` for JSON connectors). */
  readonly headers: Readonly<Record<string, string>>;
  /** The task's variables after input mapping — secret placeholders still unresolved. */
  readonly variables: JsonObject;
  /** Retries left on the job (for diagnostics; the engine decides retry policy). */
  readonly retries: number;
  readonly orgId: string;
  readonly workspaceId: string;
  readonly processInstanceKey: string;
  readonly elementId: string;
  /** Cancelled when the worker drains or the lease runs out (cheaper than `signal`; either may be given). */
  readonly cancel?: CancelToken;
  /** Aborted when the worker drains or the lease runs out. */
  readonly signal?: AbortSignal;
}

/** One outbound HTTP exchange, redacted: what history may keep. */
export interface ExchangeRecord {
  readonly method: string;
  /** Secrets and credentials masked as `***`. */
  readonly url: string;
  readonly status?: number;
  readonly durationMs: number;
  readonly requestBytes: number;
  readonly responseBytes: number;
  /** Set when the exchange failed before a status (e.g. SSRF_BLOCKED, UPSTREAM_TIMEOUT). */
  readonly errorCode?: string;
}

/** A technical error as Camunda's connectors raise it: the errorExpression sees it as `error`. */
export interface ConnectorError {
  readonly code: string;
  readonly message: string;
  readonly variables?: JsonObject;
}

export type ConnectorOutcome =
  /** The call worked; `response` is what resultVariable / resultExpression see. */
  | { readonly kind: 'success'; readonly response: JsonValue; readonly exchanges: readonly ExchangeRecord[] }
  /**
   * The call failed. `retryable: false` for input errors (invalid URL, missing secret,
   * missing required field): the engine fails the job with retries 0 → incident.
   */
  | {
      readonly kind: 'error';
      readonly error: ConnectorError;
      readonly retryable: boolean;
      readonly exchanges: readonly ExchangeRecord[];
    }
  /** Connector disabled, workspace opted out or unconfigured: complete with no call. */
  | { readonly kind: 'skipped'; readonly reason: string };

/** What the engine calls. One implementation serves every connector type it `handles`. */
export interface ConnectorRuntime {
  /** Whether this runtime serves the given job type. */
  handles(type: string): boolean;
  /** Never throws: every failure is an outcome, with secrets masked. */
  execute(job: ConnectorJob): Promise<ConnectorOutcome>;
}
