import type { JsonValue } from '../../core/index.js';
import type {
  ChangeSet,
  ElementInstanceRecord,
  ElementWrite,
  HistoryRecord,
  IncidentRecord,
  InstanceAggregate,
  InstanceRecord,
  JobRecord,
  MessageSubscriptionRecord,
  TimerRecord,
  VariableRecord,
} from '../../models/index.js';
import type { KeyGenerator } from './key-generator.js';

/**
 * The working copy of one process instance during one command: the loaded records,
 * changed in memory, tracked so the command can be written as one change set.
 * Nothing here touches the database ("decide, then do").
 */
export class InstanceDraft {
  readonly now: number;
  readonly keys: KeyGenerator;
  instance: InstanceRecord;
  readonly elements: Map<number, ElementInstanceRecord>;
  /** scope key → name → value (parsed JSON). */
  readonly variables: Map<number, Map<string, JsonValue>>;
  readonly jobs: Map<number, JobRecord>;
  readonly timers: Map<number, TimerRecord>;
  readonly incidents: Map<number, IncidentRecord>;
  readonly subscriptions: Map<number, MessageSubscriptionRecord>;
  readonly history: HistoryRecord[] = [];

  #instanceDirty = false;
  readonly #dirtyElements = new Set<number>();
  readonly #deletedElements = new Set<number>();
  /** Names of root-scope variables set or deleted (element-local ones mark their element dirty). */
  readonly #dirtyVariables = new Set<string>();
  readonly #deletedVariables = new Set<string>();
  readonly #dirtyJobs = new Set<number>();
  readonly #deletedJobs = new Set<number>();
  readonly #dirtyTimers = new Set<number>();
  readonly #deletedTimers = new Set<number>();
  readonly #dirtyIncidents = new Set<number>();
  readonly #dirtySubscriptions = new Set<number>();
  readonly #deletedSubscriptions = new Set<number>();
  /** Every incident this command wrote, resolved ones included (the map above holds active ones). */
  readonly #incidentRecords = new Map<number, IncidentRecord>();
  // Records created and removed within one command never reach the database.
  readonly #newElements = new Set<number>();
  readonly #newJobs = new Set<number>();

  /**
   * @param from the loaded records, or the draft of this instance's previous command
   *   (its maps are taken over: the engine keeps committed drafts as a cache).
   */
  constructor(from: InstanceAggregate | InstanceDraft, keys: KeyGenerator, now: number, isNew = false) {
    this.now = now;
    this.keys = keys;
    this.instance = from.instance;
    this.#instanceDirty = isNew;
    if (from instanceof InstanceDraft) {
      this.elements = from.elements;
      this.variables = from.variables;
      this.jobs = from.jobs;
      this.timers = from.timers;
      this.incidents = from.incidents;
      this.subscriptions = from.subscriptions;
      return;
    }
    this.elements = new Map(from.elements.map((e) => [e.key, e]));
    this.variables = new Map();
    for (const v of from.variables) this.#scope(v.scopeKey).set(v.name, JSON.parse(v.value) as JsonValue);
    this.jobs = new Map(from.jobs.map((j) => [j.key, j]));
    this.timers = new Map(from.timers.map((t) => [t.key, t]));
    this.incidents = new Map(from.incidents.map((i) => [i.key, i]));
    this.subscriptions = new Map(from.subscriptions.map((x) => [x.key, x]));
  }

  #scope(scopeKey: number): Map<string, JsonValue> {
    let scope = this.variables.get(scopeKey);
    if (!scope) {
      scope = new Map();
      this.variables.set(scopeKey, scope);
    }
    return scope;
  }

  touchInstance(): void {
    this.#instanceDirty = true;
  }

  /** Add an element instance created by this command. */
  addElement(record: ElementInstanceRecord): void {
    this.#newElements.add(record.key);
    this.putElement(record);
  }

  putElement(record: ElementInstanceRecord): void {
    this.elements.set(record.key, record);
    this.#dirtyElements.add(record.key);
  }

  deleteElement(key: number): void {
    this.elements.delete(key);
    this.#dirtyElements.delete(key);
    if (!this.#newElements.has(key)) this.#deletedElements.add(key);
    // Its local variables are stored in its row: they go with it.
    this.variables.delete(key);
  }

  /** Variables set directly on a scope (no propagation). */
  localVariables(scopeKey: number): ReadonlyMap<string, JsonValue> {
    return this.variables.get(scopeKey) ?? new Map();
  }

  setVariable(scopeKey: number, name: string, value: JsonValue): void {
    this.#scope(scopeKey).set(name, value);
    if (scopeKey !== this.instance.key) {
      // An element's locals are written with its row.
      this.#dirtyElements.add(scopeKey);
      return;
    }
    this.#deletedVariables.delete(name);
    this.#dirtyVariables.add(name);
  }

  deleteVariable(scopeKey: number, name: string): void {
    this.variables.get(scopeKey)?.delete(name);
    if (scopeKey !== this.instance.key) {
      this.#dirtyElements.add(scopeKey);
      return;
    }
    this.#dirtyVariables.delete(name);
    this.#deletedVariables.add(name);
  }

  /** Add a job created by this command. */
  addJob(record: JobRecord): void {
    this.#newJobs.add(record.key);
    this.putJob(record);
  }

  putJob(record: JobRecord): void {
    this.jobs.set(record.key, record);
    this.#dirtyJobs.add(record.key);
  }

  deleteJob(key: number): void {
    this.jobs.delete(key);
    this.#dirtyJobs.delete(key);
    if (!this.#newJobs.has(key)) this.#deletedJobs.add(key);
  }

  /** Jobs created by this command that still exist. */
  createdJobs(): JobRecord[] {
    return [...this.#newJobs].map((key) => this.jobs.get(key)!).filter(Boolean);
  }

  putTimer(record: TimerRecord): void {
    this.timers.set(record.key, record);
    this.#dirtyTimers.add(record.key);
  }

  deleteTimer(key: number): void {
    this.timers.delete(key);
    this.#dirtyTimers.delete(key);
    this.#deletedTimers.add(key);
  }

  putIncident(record: IncidentRecord): void {
    if (record.state === 'active') this.incidents.set(record.key, record);
    else this.incidents.delete(record.key);
    this.#dirtyIncidents.add(record.key);
    this.#incidentRecords.set(record.key, record);
  }

  putSubscription(record: MessageSubscriptionRecord): void {
    this.subscriptions.set(record.key, record);
    this.#dirtySubscriptions.add(record.key);
  }

  deleteSubscription(key: number): void {
    this.subscriptions.delete(key);
    this.#dirtySubscriptions.delete(key);
    this.#deletedSubscriptions.add(key);
  }

  record(type: string, elementInstanceKey: number | null, elementId: string | null, data?: Record<string, unknown>): void {
    this.history.push({ instanceKey: this.instance.key, elementInstanceKey, elementId, type, at: this.now, data: data ?? null });
  }

  /** Jobs this command created or changed, as they stand now. */
  changedJobs(): JobRecord[] {
    return [...this.#dirtyJobs].map((key) => this.jobs.get(key)!).filter(Boolean);
  }

  toChangeSet(): ChangeSet {
    const instanceKey = this.instance.key;
    const root = this.variables.get(instanceKey);
    const variables: VariableRecord[] = [];
    for (const name of this.#dirtyVariables) {
      variables.push({ scopeKey: instanceKey, instanceKey, name, value: JSON.stringify(root!.get(name)) });
    }
    const elements: ElementWrite[] = [];
    for (const key of this.#dirtyElements) {
      const record = this.elements.get(key);
      if (!record) continue;
      const locals = this.variables.get(key);
      elements.push({ record, variables: locals && locals.size > 0 ? Object.fromEntries(locals) : null });
    }
    const existing = (keys: Set<number>, map: Map<number, unknown>) => [...keys].filter((k) => map.has(k));
    return {
      deployments: [],
      definitions: [],
      instances: this.#instanceDirty ? [this.instance] : [],
      elements: { put: elements, del: [...this.#deletedElements] },
      variables: { put: variables, del: [...this.#deletedVariables].map((name) => ({ scopeKey: instanceKey, name })) },
      jobs: { put: existing(this.#dirtyJobs, this.jobs).map((k) => this.jobs.get(k)!), del: [...this.#deletedJobs] },
      timers: { put: existing(this.#dirtyTimers, this.timers).map((k) => this.timers.get(k)!), del: [...this.#deletedTimers] },
      incidents: { put: [...this.#dirtyIncidents].map((k) => this.#incidentRecords.get(k)!) },
      subscriptions: {
        put: existing(this.#dirtySubscriptions, this.subscriptions).map((k) => this.subscriptions.get(k)!),
        del: [...this.#deletedSubscriptions],
      },
      history: this.history,
      historySeq: this.history.length > 0 ? this.keys.next() : 0,
      maxKey: this.keys.last,
    };
  }
}
