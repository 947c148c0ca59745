import type { ConnectorJob, ConnectorOutcome } from '../../connectors/index.js';

/** What the connector thread is started with. Only data: functions cannot cross threads. */
export interface ConnectorWorkerData {
  /** The database file (already migrated by the main thread). */
  readonly path: string;
  /** WEFT_MASTER_KEY, WEFT_SECRET_* and WEFT_EGRESS_ALLOW: nothing else of the environment. */
  readonly env: Readonly<Record<string, string>>;
  /** Where the master key file is (the main thread created it if needed). */
  readonly dataDir?: string;
  /** Forward the runtime's debug lines (only when the host logs at debug level). */
  readonly debug: boolean;
  readonly busyTimeoutMs: number;
}

/** A job as it crosses to the thread: its cancellation travels as separate messages. */
export type JobMessage = Omit<ConnectorJob, 'cancel' | 'signal'>;

/** Main → connector thread. Jobs go in batches (one message per turn of the event loop). */
export type ToConnectorThread =
  | { readonly type: 'execute'; readonly jobs: readonly (readonly [number, JobMessage])[] }
  | { readonly type: 'cancel'; readonly id: number; readonly reason: string }
  | { readonly type: 'forget-org'; readonly id: number; readonly orgId: string }
  | { readonly type: 'close' };

/** Connector thread → main. */
export type FromConnectorThread =
  | { readonly type: 'ready' }
  | { readonly type: 'start-failed'; readonly message: string; readonly code?: string }
  | { readonly type: 'outcomes'; readonly outcomes: readonly (readonly [number, ConnectorOutcome])[] }
  | { readonly type: 'forgotten'; readonly id: number }
  | { readonly type: 'log'; readonly level: 'debug' | 'warn'; readonly message: string; readonly fields?: Record<string, unknown> };
