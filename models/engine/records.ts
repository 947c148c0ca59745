/**
 * The engine's persistent records, as the runtime reads and writes them. Lifecycle
 * states are the persisted snapshots of the engine's xstate machines (their state
 * values: the machines carry no context). Keys are integers below 2^53.
 */

/** A deployment of one or more BPMN resources into an org. */
export interface DeploymentRecord {
  readonly key: number;
  readonly orgId: string;
  readonly createdAt: number;
}

/** One version of one executable process. */
export interface DefinitionRecord {
  readonly key: number;
  readonly deploymentKey: number;
  readonly orgId: string;
  readonly bpmnProcessId: string;
  readonly version: number;
  readonly resourceName: string;
  /** sha256 of the resource XML, hex: identical XML → the existing version. */
  readonly checksum: string;
  readonly xml: string;
  readonly createdAt: number;
}

export interface InstanceRecord {
  readonly key: number;
  readonly definitionKey: number;
  readonly bpmnProcessId: string;
  readonly version: number;
  readonly orgId: string;
  readonly workspaceId: string;
  /** Process instance lifecycle state. */
  state: string;
  readonly startedAt: number;
  endedAt: number | null;
  /** Root scope bookkeeping (taken flows waiting at joins…), see ScopeData. */
  data: ElementData;
}

/** Bookkeeping an element instance carries between commands. */
export interface ElementData {
  /** For scopes: sequence flows taken into joining gateways, by flow id. */
  takenFlows?: Record<string, number>;
  /** The phase to resume when an incident on this element is resolved. */
  incidentPhase?: 'activating' | 'activated' | 'completing';
  /** What to do again once that incident is resolved. */
  resume?: 'activate' | 'behavior' | 'complete' | 'completing' | 'job';
  /** Work stopped by the step budget behind another element's incident; resumed with it. */
  parked?: 'activate' | 'behavior' | 'complete' | 'completing';
  /** Set on a boundary/catch event activated with a payload (error or message variables). */
  payload?: Record<string, unknown>;
  /** The flow the element was entered through (history, inclusive joins). */
  viaFlowId?: string;
  /** Exclusive/inclusive gateways: the flows chosen at activation, taken on completion. */
  chosenFlows?: string[];
}

export interface ElementInstanceRecord {
  readonly key: number;
  readonly instanceKey: number;
  readonly elementId: string;
  readonly elementType: string;
  /** Key of the enclosing scope instance: the subprocess element instance, or the process instance key. */
  readonly flowScopeKey: number;
  state: string;
  readonly activatedAt: number;
  data: ElementData;
}

export interface VariableRecord {
  /** Element instance key, or the process instance key for the root scope. */
  readonly scopeKey: number;
  readonly instanceKey: number;
  readonly name: string;
  /** JSON text. */
  value: string;
}

export interface JobRecord {
  readonly key: number;
  readonly instanceKey: number;
  readonly elementInstanceKey: number;
  readonly elementId: string;
  readonly bpmnProcessId: string;
  readonly workspaceId: string;
  readonly orgId: string;
  readonly type: string;
  state: string;
  retries: number;
  /** Lease end (activated) or backoff end (backoff); epoch ms. */
  deadline: number | null;
  worker: string | null;
  errorMessage: string | null;
  /** JSON object of custom headers. */
  readonly headers: string;
  readonly createdAt: number;
}

export type TimerKind = 'start' | 'catch' | 'boundary';

export interface TimerRecord {
  readonly key: number;
  readonly kind: TimerKind;
  /** Null for start-event timers. */
  readonly instanceKey: number | null;
  /** The element instance the timer belongs to (catch event, or the activity of a boundary event). */
  readonly elementInstanceKey: number | null;
  /** The timer event's element id. */
  readonly elementId: string;
  readonly definitionKey: number;
  dueAt: number;
  /** JSON of the remaining cycle (`{spec, remaining}`), null for one-shot timers. */
  cycle: string | null;
}

export interface IncidentRecord {
  readonly key: number;
  readonly instanceKey: number;
  readonly elementInstanceKey: number;
  readonly elementId: string;
  readonly bpmnProcessId: string;
  readonly workspaceId: string;
  readonly orgId: string;
  readonly jobKey: number | null;
  readonly type: string;
  readonly message: string;
  state: 'active' | 'resolved';
  readonly createdAt: number;
  resolvedAt: number | null;
}

export interface MessageSubscriptionRecord {
  readonly key: number;
  readonly instanceKey: number;
  readonly elementInstanceKey: number;
  /** The catching event's element id (catch event, receive task or boundary event). */
  readonly elementId: string;
  readonly workspaceId: string;
  readonly messageName: string;
  readonly correlationKey: string;
  readonly interrupting: boolean;
}

/** One history event. Events of one command are stored together (see HistoryEntry). */
export interface HistoryRecord {
  readonly instanceKey: number;
  readonly elementInstanceKey: number | null;
  readonly elementId: string | null;
  readonly type: string;
  readonly at: number;
  /** Event details (secret-free), or null. */
  readonly data: Readonly<Record<string, unknown>> | null;
}

/** A history event as read back: `seq` orders commands (events of one command share it). */
export interface HistoryEntry extends HistoryRecord {
  readonly seq: number;
}
