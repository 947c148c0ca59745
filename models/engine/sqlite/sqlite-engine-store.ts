import type BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { closeSync, fsync, openSync } from 'node:fs';
import type { SqliteHandle } from '../../sqlite/open-sqlite.js';
import type { ChangeSet, EngineStore, InstanceAggregate, InstanceFilter } from '../engine-store.js';
import type { DefinitionRecord, HistoryEntry, IncidentRecord, MessageSubscriptionRecord, InstanceRecord, JobRecord, TimerRecord, VariableRecord } from '../records.js';
import { encodeChanges, stringifyJsonColumns, writeChanges } from './change-set-ops.js';
import type { EncodedChanges } from './change-set-ops.js';
import { CommitThread } from './commit-thread.js';
import { GroupCommit } from './group-commit.js';
import * as rows from './row-mappers.js';
import { prepareStatements } from './statements.js';
import type { Statements } from './statements.js';

/** How the store writes: on a commit thread of its own (default for a file) or on the caller's thread. */
export type CommitMode = 'thread' | 'inline';

export interface SqliteEngineStoreOptions {
  /**
   * 'thread' (default for a database file): a worker thread with its own connection runs
   * every engine write — transaction, WAL fsync, checkpoints — and the engine's thread only
   * encodes change sets (≈ 85 µs of CPU less per REST-connector instance there). Costs two
   * thread hops per commit: 10–25 % fewer instances/s when only 1–10 run at once, more from
   * 100 on; see bench/RESULTS.md. 'inline' (always for ':memory:'): the writes on the
   * caller's thread, the WAL fsync on the libuv pool.
   */
  readonly commits?: CommitMode;
}

/** The engine store on one SQLite file: prepared statements on the hot path, group commit for writes. */
export class SqliteEngineStore implements EngineStore {
  readonly maxKey: number;
  /** Where this store's writes run. */
  readonly commitMode: CommitMode;
  readonly #db: BetterSqlite3.Database;
  readonly #handle: SqliteHandle;
  readonly #statements = new Map<string, BetterSqlite3.Statement>();
  readonly #q: Statements;
  /** Whoever writes: the commit thread, or a group commit on this connection. */
  readonly #commits: { close(): Promise<void> };
  readonly #submit: (changes: ChangeSet) => Promise<void>;
  #closed = false;

  constructor(handle: SqliteHandle, options: SqliteEngineStoreOptions = {}) {
    this.#handle = handle;
    this.#db = handle.sqlite;
    this.#q = prepareStatements(handle.sqlite);
    const meta = this.#db.prepare(`SELECT value FROM engine_meta WHERE name = 'max_key'`).get() as { value: string } | undefined;
    this.maxKey = meta ? Number(meta.value) : 0;
    const onDisk = handle.path !== ':memory:' && handle.path !== '';
    const durable = handle.durability === 'fsync' && onDisk;
    this.commitMode = onDisk ? (options.commits ?? 'thread') : 'inline';
    if (this.commitMode === 'thread') {
      const thread = new CommitThread({ path: handle.path, durable, busyTimeoutMs: 10_000 });
      this.#commits = thread;
      this.#submit = (changes) => thread.submit(changes);
      return;
    }
    const applyAll = this.#db.transaction((items: readonly EncodedChanges[]) => writeChanges(this.#q, items));
    const group = new GroupCommit<EncodedChanges>(
      (items) => {
        if (!durable) return applyAll.immediate(items);
        // The commit itself does not wait for the disk; the WAL fsync below does, off the main thread.
        this.#db.pragma('synchronous = NORMAL');
        try {
          applyAll.immediate(items);
        } finally {
          this.#db.pragma('synchronous = FULL');
        }
      },
      durable ? (done) => this.#syncWal(done) : undefined,
      // Other repositories share the connection and run kysely transactions across awaits:
      // never write into the middle of one.
      () => this.#db.inTransaction,
    );
    this.#commits = group;
    this.#submit = (changes) => group.submit(stringifyJsonColumns(encodeChanges(changes)));
  }

  #walFd: number | undefined;

  /** fsync the write-ahead log on the libuv thread pool (Linux syncs the file, whatever the descriptor). */
  #syncWal(done: (error?: unknown) => void): void {
    this.#walFd ??= openSync(`${this.#handle.path}-wal`, 'r');
    fsync(this.#walFd, (error) => done(error ?? undefined));
  }

  #stmt(sql: string): BetterSqlite3.Statement {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.#db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  async loadInstance(key: number): Promise<InstanceAggregate | undefined> {
    const q = this.#q;
    const row = q.instance.get(key);
    if (!row) return undefined;
    const elementRows = q.elementsOf.all(key) as object[];
    const variables = q.variablesOf.all(key).map((r) => rows.toVariable(r as object));
    for (const r of elementRows) variables.push(...rows.elementVariables(r));
    return {
      instance: rows.toInstance(row as object),
      elements: elementRows.map((r) => rows.toElement(r)),
      variables,
      jobs: q.jobsOf.all(key).map((r) => rows.toJob(r as object)),
      timers: q.timersOf.all(key).map((r) => rows.toTimer(r as object)),
      incidents: q.incidentsOf.all(key).map((r) => rows.toIncident(r as object)),
      subscriptions: q.subscriptionsOf.all(key).map((r) => rows.toSubscription(r as object)),
    };
  }

  commit(changes: ChangeSet): Promise<void> {
    if (this.#closed) return Promise.reject(new Error('engine store is closed'));
    return this.#submit(changes);
  }

  async getDefinition(key: number): Promise<DefinitionRecord | undefined> {
    const row = this.#stmt('SELECT * FROM definitions WHERE key = ?').get(key);
    return row ? rows.toDefinition(row as object) : undefined;
  }

  async findDefinition(orgId: string, bpmnProcessId: string, version?: number): Promise<DefinitionRecord | undefined> {
    const row = version === undefined
      ? this.#stmt('SELECT * FROM definitions WHERE org_id = ? AND bpmn_process_id = ? ORDER BY version DESC LIMIT 1').get(orgId, bpmnProcessId)
      : this.#stmt('SELECT * FROM definitions WHERE org_id = ? AND bpmn_process_id = ? AND version = ?').get(orgId, bpmnProcessId, version);
    return row ? rows.toDefinition(row as object) : undefined;
  }

  async listDefinitions(orgId?: string): Promise<DefinitionRecord[]> {
    const list = orgId === undefined
      ? this.#stmt('SELECT * FROM definitions ORDER BY bpmn_process_id, version').all()
      : this.#stmt('SELECT * FROM definitions WHERE org_id = ? ORDER BY bpmn_process_id, version').all(orgId);
    return list.map((r) => rows.toDefinition(r as object));
  }

  async latestDefinitions(): Promise<DefinitionRecord[]> {
    return this.#stmt(
      `SELECT d.* FROM definitions d WHERE d.version = (SELECT MAX(version) FROM definitions x WHERE x.org_id = d.org_id AND x.bpmn_process_id = d.bpmn_process_id)`,
    ).all().map((r) => rows.toDefinition(r as object));
  }

  async getInstance(key: number): Promise<InstanceRecord | undefined> {
    const row = this.#stmt('SELECT * FROM instances WHERE key = ?').get(key);
    return row ? rows.toInstance(row as object) : undefined;
  }

  async listInstances(f: InstanceFilter): Promise<InstanceRecord[]> {
    let q = this.#handle.kysely.selectFrom('instances').selectAll();
    if (f.workspaceId !== undefined) q = q.where('workspace_id', '=', f.workspaceId);
    if (f.orgId !== undefined) q = q.where('org_id', '=', f.orgId);
    if (f.state !== undefined) q = q.where('state', '=', f.state);
    if (f.bpmnProcessId !== undefined) q = q.where('bpmn_process_id', '=', f.bpmnProcessId);
    if (f.startedFrom !== undefined) q = q.where('started_at', '>=', f.startedFrom);
    if (f.startedTo !== undefined) q = q.where('started_at', '<=', f.startedTo);
    if (f.after !== undefined) q = q.where('key', '>', f.after);
    if (f.hasIncident !== undefined) {
      const exists = sql<boolean>`EXISTS (SELECT 1 FROM incidents i WHERE i.instance_key = instances.key AND i.state = 'active')`;
      q = q.where(f.hasIncident ? exists : sql<boolean>`NOT ${exists}`);
    }
    const compiled = q.orderBy('key').limit(f.limit).compile();
    return this.#stmt(compiled.sql).all(...compiled.parameters).map((r) => rows.toInstance(r as object));
  }

  async getJob(key: number): Promise<JobRecord | undefined> {
    const row = this.#stmt('SELECT * FROM jobs WHERE key = ?').get(key);
    return row ? rows.toJob(row as object) : undefined;
  }

  async listJobs(f: { workspaceId?: string; state?: string; type?: string; after?: number; limit: number }): Promise<JobRecord[]> {
    let q = this.#handle.kysely.selectFrom('jobs').selectAll();
    if (f.workspaceId !== undefined) q = q.where('workspace_id', '=', f.workspaceId);
    if (f.state !== undefined) q = q.where('state', '=', f.state);
    if (f.type !== undefined) q = q.where('type', '=', f.type);
    if (f.after !== undefined) q = q.where('key', '>', f.after);
    const compiled = q.orderBy('key').limit(f.limit).compile();
    return this.#stmt(compiled.sql).all(...compiled.parameters).map((r) => rows.toJob(r as object));
  }

  async getIncident(key: number): Promise<IncidentRecord | undefined> {
    const row = this.#stmt('SELECT * FROM incidents WHERE key = ?').get(key);
    return row ? rows.toIncident(row as object) : undefined;
  }

  async listIncidents(f: { workspaceId?: string; instanceKey?: number; state?: string; after?: number; limit: number }): Promise<IncidentRecord[]> {
    let q = this.#handle.kysely.selectFrom('incidents').selectAll();
    if (f.workspaceId !== undefined) q = q.where('workspace_id', '=', f.workspaceId);
    if (f.instanceKey !== undefined) q = q.where('instance_key', '=', f.instanceKey);
    if (f.state !== undefined) q = q.where('state', '=', f.state);
    if (f.after !== undefined) q = q.where('key', '>', f.after);
    const compiled = q.orderBy('key').limit(f.limit).compile();
    return this.#stmt(compiled.sql).all(...compiled.parameters).map((r) => rows.toIncident(r as object));
  }

  async history(instanceKey: number, options: { after?: number; limit?: number } = {}): Promise<HistoryEntry[]> {
    return this.#stmt('SELECT * FROM history WHERE instance_key = ? AND seq > ? ORDER BY seq LIMIT ?')
      .all(instanceKey, options.after ?? 0, options.limit ?? 10_000)
      .flatMap((r) => rows.toHistory(r as object));
  }

  async instanceVariables(instanceKey: number): Promise<VariableRecord[]> {
    const all = this.#stmt('SELECT * FROM variables WHERE instance_key = ?').all(instanceKey).map((r) => rows.toVariable(r as object));
    for (const r of this.#stmt('SELECT key, instance_key, variables FROM element_instances WHERE instance_key = ? AND variables IS NOT NULL').all(instanceKey)) {
      all.push(...rows.elementVariables(r as object));
    }
    return all.sort((a, b) => a.scopeKey - b.scopeKey || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  async activatableJobs(type: string, limit: number): Promise<JobRecord[]> {
    return this.#stmt(`SELECT * FROM jobs WHERE type = ? AND state = 'activatable' ORDER BY key LIMIT ?`).all(type, limit).map((r) => rows.toJob(r as object));
  }

  async jobsPastDeadline(now: number, limit: number): Promise<JobRecord[]> {
    return this.#stmt(`SELECT * FROM jobs WHERE state IN ('activated', 'backoff') AND deadline <= ? ORDER BY deadline LIMIT ?`).all(now, limit).map((r) => rows.toJob(r as object));
  }

  async jobsLeasedBy(workerPrefix: string, limit: number): Promise<JobRecord[]> {
    return this.#stmt(`SELECT * FROM jobs WHERE state = 'activated' AND substr(worker, 1, ?) = ? ORDER BY key LIMIT ?`).all(workerPrefix.length, workerPrefix, limit).map((r) => rows.toJob(r as object));
  }

  async dueTimers(now: number, limit: number): Promise<TimerRecord[]> {
    return this.#stmt('SELECT * FROM timers WHERE due_at <= ? ORDER BY due_at, key LIMIT ?').all(now, limit).map((r) => rows.toTimer(r as object));
  }

  async findSubscriptions(workspaceId: string, messageName: string, correlationKey: string, limit: number): Promise<MessageSubscriptionRecord[]> {
    return this.#stmt('SELECT * FROM message_subscriptions WHERE workspace_id = ? AND message_name = ? AND correlation_key = ? ORDER BY key LIMIT ?')
      .all(workspaceId, messageName, correlationKey, limit)
      .map((r) => rows.toSubscription(r as object));
  }

  async startTimersOf(definitionKey: number): Promise<TimerRecord[]> {
    return this.#stmt(`SELECT * FROM timers WHERE kind = 'start' AND definition_key = ?`).all(definitionKey).map((r) => rows.toTimer(r as object));
  }

  async getTimer(key: number): Promise<TimerRecord | undefined> {
    const row = this.#stmt('SELECT * FROM timers WHERE key = ?').get(key);
    return row ? rows.toTimer(row as object) : undefined;
  }

  async activatableJobTypes(): Promise<string[]> {
    return (this.#stmt(`SELECT DISTINCT type FROM jobs WHERE state = 'activatable'`).all() as { type: string }[]).map((r) => r.type);
  }

  async nextTimerDue(): Promise<number | undefined> {
    const row = this.#stmt('SELECT MIN(due_at) AS due FROM timers').get() as { due: number | null };
    return row.due ?? undefined;
  }

  async counts() {
    const instances: Record<string, number> = {};
    for (const r of this.#stmt('SELECT state, COUNT(*) AS n FROM instances GROUP BY state').all() as { state: string; n: number }[]) instances[r.state] = r.n;
    const jobs: Record<string, number> = {};
    for (const r of this.#stmt('SELECT state, COUNT(*) AS n FROM jobs GROUP BY state').all() as { state: string; n: number }[]) jobs[r.state] = r.n;
    const incidents = (this.#stmt(`SELECT COUNT(*) AS n FROM incidents WHERE state = 'active'`).get() as { n: number }).n;
    return { instances, jobs, incidents };
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#commits.close();
    if (this.#walFd !== undefined) closeSync(this.#walFd);
    await this.#handle.close();
  }
}
