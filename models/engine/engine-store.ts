import type {
  DefinitionRecord,
  DeploymentRecord,
  ElementInstanceRecord,
  HistoryEntry,
  HistoryRecord,
  IncidentRecord,
  InstanceRecord,
  JobRecord,
  MessageSubscriptionRecord,
  TimerRecord,
  VariableRecord,
} from './records.js';

/** Everything one process instance waits on: what a command loads before it decides. */
export interface InstanceAggregate {
  readonly instance: InstanceRecord;
  readonly elements: readonly ElementInstanceRecord[];
  readonly variables: readonly VariableRecord[];
  /** Jobs that are not finished. */
  readonly jobs: readonly JobRecord[];
  readonly timers: readonly TimerRecord[];
  /** Active incidents. */
  readonly incidents: readonly IncidentRecord[];
  readonly subscriptions: readonly MessageSubscriptionRecord[];
}

/**
 * What one command changed: applied atomically. Records in `put` are inserted or
 * replaced whole; `del` lists keys to remove.
 */
export interface ChangeSet {
  readonly deployments: readonly DeploymentRecord[];
  readonly definitions: readonly DefinitionRecord[];
  readonly instances: readonly InstanceRecord[];
  readonly elements: { readonly put: readonly ElementWrite[]; readonly del: readonly number[] };
  /** Root-scope variables (scope = the process instance); element-local ones travel with their element. */
  readonly variables: {
    readonly put: readonly VariableRecord[];
    readonly del: readonly { readonly scopeKey: number; readonly name: string }[];
  };
  readonly jobs: { readonly put: readonly JobRecord[]; readonly del: readonly number[] };
  readonly timers: { readonly put: readonly TimerRecord[]; readonly del: readonly number[] };
  readonly incidents: { readonly put: readonly IncidentRecord[] };
  readonly subscriptions: { readonly put: readonly MessageSubscriptionRecord[]; readonly del: readonly number[] };
  /** History events, appended; all of one instance share `historySeq`. */
  readonly history: readonly HistoryRecord[];
  /** Orders this command's history among the instance's others (a key, so increasing). */
  readonly historySeq: number;
  /** The highest key the command used: the key sequence never goes back below it. */
  readonly maxKey: number;
}

/** An element instance as written: the record and its local variables. */
export interface ElementWrite {
  readonly record: ElementInstanceRecord;
  /** The element's local variables by name, or null when it has none. */
  readonly variables: Readonly<Record<string, unknown>> | null;
}

/** Filters for listing instances; every list is scoped by workspace. */
export interface InstanceFilter {
  readonly workspaceId?: string;
  readonly orgId?: string;
  readonly state?: string;
  readonly bpmnProcessId?: string;
  readonly startedFrom?: number;
  readonly startedTo?: number;
  readonly hasIncident?: boolean;
  /** Return instances with key > after (cursor paging, ascending). */
  readonly after?: number;
  readonly limit: number;
}

/**
 * The engine's persistence port. The engine depends on this interface only; SQLite
 * implements it today, PostgreSQL can follow. Reads outside `loadInstance` serve
 * schedulers and the API.
 */
export interface EngineStore {
  /** The key sequence's high-water mark at open: new keys start above it. */
  readonly maxKey: number;
  loadInstance(key: number): Promise<InstanceAggregate | undefined>;
  /**
   * Apply one command's changes in one transaction (several commands may share a
   * transaction — group commit — each all-or-nothing). Resolves once durable.
   */
  commit(changes: ChangeSet): Promise<void>;

  getDefinition(key: number): Promise<DefinitionRecord | undefined>;
  /** The latest version, or the given one, of a process in an org. */
  findDefinition(orgId: string, bpmnProcessId: string, version?: number): Promise<DefinitionRecord | undefined>;
  listDefinitions(orgId?: string): Promise<DefinitionRecord[]>;
  /** Every definition that is the latest version of its process (for start-event registration). */
  latestDefinitions(): Promise<DefinitionRecord[]>;

  getInstance(key: number): Promise<InstanceRecord | undefined>;
  listInstances(filter: InstanceFilter): Promise<InstanceRecord[]>;
  getJob(key: number): Promise<JobRecord | undefined>;
  listJobs(filter: { workspaceId?: string; state?: string; type?: string; after?: number; limit: number }): Promise<JobRecord[]>;
  getIncident(key: number): Promise<IncidentRecord | undefined>;
  listIncidents(filter: { workspaceId?: string; instanceKey?: number; state?: string; after?: number; limit: number }): Promise<IncidentRecord[]>;
  /** History of an instance in order; `after` pages by command sequence. */
  history(instanceKey: number, options?: { after?: number; limit?: number }): Promise<HistoryEntry[]>;
  /** Variables of an instance, every scope (including finished root scope). */
  instanceVariables(instanceKey: number): Promise<VariableRecord[]>;

  /** Jobs of a type that a worker may take. */
  activatableJobs(type: string, limit: number): Promise<JobRecord[]>;
  /** Activated jobs whose lease ended, and backoff jobs whose backoff ended, before `now`. */
  jobsPastDeadline(now: number, limit: number): Promise<JobRecord[]>;
  /** Jobs leased by a worker name prefix (in-process workers of an earlier run). */
  jobsLeasedBy(workerPrefix: string, limit: number): Promise<JobRecord[]>;
  dueTimers(now: number, limit: number): Promise<TimerRecord[]>;
  /** Open message subscriptions of a workspace for a message name and correlation key, oldest first. */
  findSubscriptions(workspaceId: string, messageName: string, correlationKey: string, limit: number): Promise<MessageSubscriptionRecord[]>;
  /** Timer start events registered for a definition. */
  startTimersOf(definitionKey: number): Promise<TimerRecord[]>;
  getTimer(key: number): Promise<TimerRecord | undefined>;
  /** Job types that have activatable jobs (to feed in-process handlers). */
  activatableJobTypes(): Promise<string[]>;
  nextTimerDue(): Promise<number | undefined>;
  /** Count of instances by state, jobs by state and active incidents (metrics). */
  counts(): Promise<{ instances: Record<string, number>; jobs: Record<string, number>; incidents: number }>;
  close(): Promise<void>;
}

/** An empty change set to fill. */
export function emptyChangeSet(maxKey: number): ChangeSet {
  return {
    deployments: [],
    definitions: [],
    instances: [],
    elements: { put: [], del: [] },
    variables: { put: [], del: [] },
    jobs: { put: [], del: [] },
    timers: { put: [], del: [] },
    incidents: { put: [] },
    subscriptions: { put: [], del: [] },
    history: [],
    historySeq: 0,
    maxKey,
  };
}
