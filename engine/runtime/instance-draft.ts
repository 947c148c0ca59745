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
  // What this command changed. Created on first use: most commands touch three or four
  // of these, and a draft is made per command.
  #dirtyElements: Set<number> | undefined;
  #deletedElements: Set<number> | undefined;
  /** Names of root-scope variables set or deleted (element-local ones mark their element dirty). */
  #dirtyVariables: Set<string> | undefined;
  #deletedVariables: Set<string> | undefined;
  #dirtyJobs: Set<number> | undefined;
  #deletedJobs: Set<number> | undefined;
  #dirtyTimers: Set<number> | undefined;
  #deletedTimers: Set<number> | undefined;
  /** Every incident this command wrote, resolved ones included (the map above holds active ones). */
  #incidentRecords: Map<number, IncidentRecord> | undefined;
  #dirtySubscriptions: Set<number> | undefined;
  #deletedSubscriptions: Set<number> | undefined;
  // Records created and removed within one command never reach the database.
  #newElements: Set<number> | undefined;
  #newJobs: Set<number> | undefined;

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
    (this.#newElements ??= new Set()).add(record.key);
    this.putElement(record);
  }

  putElement(record: ElementInstanceRecord): void {
    this.elements.set(record.key, record);
    (this.#dirtyElements ??= new Set()).add(record.key);
  }

  deleteElement(key: number): void {
    this.elements.delete(key);
    this.#dirtyElements?.delete(key);
    if (!this.#newElements?.has(key)) (this.#deletedElements ??= new Set()).add(key);
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
      (this.#dirtyElements ??= new Set()).add(scopeKey);
      return;
    }
    this.#deletedVariables?.delete(name);
    (this.#dirtyVariables ??= new Set()).add(name);
  }

  deleteVariable(scopeKey: number, name: string): void {
    this.variables.get(scopeKey)?.delete(name);
    if (scopeKey !== this.instance.key) {
      (this.#dirtyElements ??= new Set()).add(scopeKey);
      return;
    }
    this.#dirtyVariables?.delete(name);
    (this.#deletedVariables ??= new Set()).add(name);
  }

  /** Add a job created by this command. */
  addJob(record: JobRecord): void {
    (this.#newJobs ??= new Set()).add(record.key);
    this.putJob(record);
  }

  putJob(record: JobRecord): void {
    this.jobs.set(record.key, record);
    (this.#dirtyJobs ??= new Set()).add(record.key);
  }

  deleteJob(key: number): void {
    this.jobs.delete(key);
    this.#dirtyJobs?.delete(key);
    if (!this.#newJobs?.has(key)) (this.#deletedJobs ??= new Set()).add(key);
  }

  /** Whether this command created the job. */
  createdJob(key: number): boolean {
    return this.#newJobs?.has(key) ?? false;
  }

  putTimer(record: TimerRecord): void {
    this.timers.set(record.key, record);
    (this.#dirtyTimers ??= new Set()).add(record.key);
  }

  deleteTimer(key: number): void {
    this.timers.delete(key);
    this.#dirtyTimers?.delete(key);
    (this.#deletedTimers ??= new Set()).add(key);
  }

  putIncident(record: IncidentRecord): void {
    if (record.state === 'active') this.incidents.set(record.key, record);
    else this.incidents.delete(record.key);
    (this.#incidentRecords ??= new Map()).set(record.key, record);
  }

  putSubscription(record: MessageSubscriptionRecord): void {
    this.subscriptions.set(record.key, record);
    (this.#dirtySubscriptions ??= new Set()).add(record.key);
  }

  deleteSubscription(key: number): void {
    this.subscriptions.delete(key);
    this.#dirtySubscriptions?.delete(key);
    (this.#deletedSubscriptions ??= new Set()).add(key);
  }

  record(type: string, elementInstanceKey: number | null, elementId: string | null, data?: Record<string, unknown>): void {
    this.history.push({ instanceKey: this.instance.key, elementInstanceKey, elementId, type, at: this.now, data: data ?? null });
  }

  /** Jobs this command created or changed, as they stand now. */
  changedJobs(): JobRecord[] {
    return present(this.#dirtyJobs, this.jobs);
  }

  toChangeSet(): ChangeSet {
    const instanceKey = this.instance.key;
    let variables: readonly VariableRecord[] = none;
    if (this.#dirtyVariables) {
      const root = this.variables.get(instanceKey)!;
      variables = [...this.#dirtyVariables].map((name) => ({ scopeKey: instanceKey, instanceKey, name, value: JSON.stringify(root.get(name)) }));
    }
    let elements: readonly ElementWrite[] = none;
    if (this.#dirtyElements) {
      const written: ElementWrite[] = [];
      for (const key of this.#dirtyElements) {
        const record = this.elements.get(key);
        if (!record) continue;
        const locals = this.variables.get(key);
        written.push({ record, variables: locals && locals.size > 0 ? Object.fromEntries(locals) : null });
      }
      elements = written;
    }
    return {
      deployments: none,
      definitions: none,
      instances: this.#instanceDirty ? [this.instance] : none,
      elements: { put: elements, del: keysOf(this.#deletedElements) },
      variables: { put: variables, del: this.#deletedVariables ? [...this.#deletedVariables].map((name) => ({ scopeKey: instanceKey, name })) : none },
      jobs: { put: present(this.#dirtyJobs, this.jobs), del: keysOf(this.#deletedJobs) },
      timers: { put: present(this.#dirtyTimers, this.timers), del: keysOf(this.#deletedTimers) },
      incidents: { put: this.#incidentRecords ? [...this.#incidentRecords.values()] : none },
      subscriptions: { put: present(this.#dirtySubscriptions, this.subscriptions), del: keysOf(this.#deletedSubscriptions) },
      history: this.history,
      historySeq: this.history.length > 0 ? this.keys.next() : 0,
      maxKey: this.keys.last,
    };
  }
}

/** The shared empty list of change sets that leave a kind of record alone. */
const none: readonly never[] = Object.freeze([]);

function keysOf(keys: Set<number> | undefined): readonly number[] {
  return keys ? [...keys] : none;
}

/** The records of `keys` that still exist. */
function present<T>(keys: Set<number> | undefined, records: Map<number, T>): T[] {
  const out: T[] = [];
  if (keys) for (const key of keys) {
    const record = records.get(key);
    if (record !== undefined) out.push(record);
  }
  return out;
}
