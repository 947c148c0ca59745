import { randomUUID } from 'node:crypto';
import { WeftError, systemClock } from '../core/index.js';
import type { Clock, JsonObject } from '../core/index.js';
import type { DefinitionRecord, EngineStore, InstanceRecord, JobRecord, TimerRecord } from '../models/index.js';
import { compileBpmn } from './bpmn/index.js';
import { Deployer } from './deploy/deployer.js';
import type { DeployResource, DeploymentResult, DeploymentValidator } from './deploy/deployer.js';
import type { ActivatedJob, JobHandlerRegistration, JobOutcome } from './jobs/job-handler.js';
import { JobHandlerRegistry } from './jobs/job-handler-registry.js';
import { JobWorkerPool } from './jobs/job-worker-pool.js';
import { processInstanceLifecycle } from './lifecycle/index.js';
import type { ProcessModel } from './model/process-model.js';
import { CommandRunner } from './runtime/command-runner.js';
import * as jobs from './runtime/commands/job-commands.js';
import * as commands from './runtime/commands/instance-commands.js';
import type { InstanceDraft } from './runtime/instance-draft.js';
import { KeyGenerator } from './runtime/key-generator.js';
import { nextSchedule } from './runtime/timer-schedule.js';
import { checkVariables, DEFAULT_MAX_VARIABLE_BYTES } from './runtime/variable-values.js';
import { visibleVariables } from './runtime/variable-scopes.js';
import { Scheduler } from './scheduling/scheduler.js';
import { EngineEvents } from './engine-events.js';
import { canProgressAlone, instanceOutcome } from './queries/instance-outcome.js';
import type { InstanceOutcome } from './queries/instance-outcome.js';

/** How an engine is built. */
export interface EngineOptions {
  readonly store: EngineStore;
  readonly clock?: Clock;
  /** Steps one command may take before remaining tokens stop with STEP_LIMIT_EXCEEDED. Default 10,000. */
  readonly stepBudget?: number;
  /** Largest JSON size of one variable. Default 1 MiB. */
  readonly maxVariableBytes?: number;
  /** In-process jobs run at once. Default 64. */
  readonly maxConcurrentJobs?: number;
  /** Re-check interval of the scheduler, ms. Default 1000. */
  readonly pollMs?: number;
  /** Where engine-internal failures are reported (never thrown at callers). */
  readonly onError?: (error: unknown, what: string) => void;
}

/** Where a new instance runs. */
export interface CreateInstance {
  readonly bpmnProcessId?: string;
  readonly version?: number;
  readonly processDefinitionKey?: string | number;
  readonly variables?: unknown;
  readonly orgId: string;
  readonly workspaceId: string;
  /** A specific start event (timer, message, webhook); default: the none start event. */
  readonly startEventId?: string;
}

export interface CreatedInstance {
  readonly processInstanceKey: string;
  readonly processDefinitionKey: string;
  readonly bpmnProcessId: string;
  readonly version: number;
}

/**
 * The Weft engine: deploys BPMN, runs process instances durably, and serves jobs to
 * in-process handlers and external workers. Every state change is a command that runs
 * to a wait state and commits in one transaction (see CommandRunner).
 */
export class Engine {
  readonly store: EngineStore;
  readonly clock: Clock;
  readonly events = new EngineEvents();
  readonly runId: string;
  readonly #keys: KeyGenerator;
  readonly #runner: CommandRunner;
  readonly #deployer: Deployer;
  readonly #handlers = new JobHandlerRegistry();
  readonly #pool: JobWorkerPool;
  readonly #scheduler: Scheduler;
  readonly #models = new Map<number, Promise<ProcessModel>>();
  readonly #maxVariableBytes: number;
  readonly #onError: (error: unknown, what: string) => void;
  #started = false;

  constructor(options: EngineOptions) {
    this.store = options.store;
    this.clock = options.clock ?? systemClock;
    this.runId = randomUUID().slice(0, 8);
    this.#keys = new KeyGenerator(options.store.maxKey);
    this.#maxVariableBytes = options.maxVariableBytes ?? DEFAULT_MAX_VARIABLE_BYTES;
    this.#onError = options.onError ?? ((error, what) => console.error(`weft engine: ${what}:`, error));
    this.#pool = new JobWorkerPool(
      options.maxConcurrentJobs ?? 64,
      this.clock,
      (job, outcome) => this.#report(job, outcome),
      (e) => this.#onError(e, 'job outcome'),
    );
    this.#pool.onSlotFree(() => this.#refeed());
    this.#runner = new CommandRunner(
      this.store,
      this.clock,
      this.#keys,
      (key) => this.#model(key),
      {
        stepBudget: options.stepBudget ?? 10_000,
        maxVariableBytes: this.#maxVariableBytes,
        leaseOnCreate: (type) => this.#leaseOnCreate(type),
      },
      (draft) => this.#afterCommit(draft),
    );
    this.#deployer = new Deployer(this.store, this.#keys, this.clock, (definition, model) => {
      this.#models.set(definition.key, Promise.resolve(model));
    }, (result, orgId) => this.events.deployed(result, orgId));
    this.#scheduler = new Scheduler(this.store, this.clock, {
      fireTimer: (timer) => this.#fireTimer(timer),
      jobDeadline: (job) => this.#jobDeadline(job),
      tick: () => {
        // Safety net: jobs that became activatable while nobody was looking get fed.
        this.#starved = true;
        this.#refeed();
      },
      onError: this.#onError,
    }, options.pollMs);
  }

  // ---- lifecycle -------------------------------------------------------------------

  /** Start the scheduler and the in-process workers; take back leases of earlier runs. */
  async start(): Promise<void> {
    if (this.#started) return;
    this.#started = true;
    // In-process workers of an earlier run died with it: their leases are void now.
    for (const job of await this.store.jobsLeasedBy('local:', 10_000)) {
      if (job.worker !== this.#worker) await this.#runner.run(job.instanceKey, (exec) => jobs.jobDeadlinePassed(exec, job.key, true)).catch(() => undefined);
    }
    this.#scheduler.start();
    await this.#feedHandlers();
  }

  /** Stop taking work, let running handlers finish (graceful drain), stop timers. */
  async stop(graceMs = 10_000): Promise<void> {
    this.#started = false;
    await this.#scheduler.stop();
    await this.#pool.drain(graceMs);
  }

  /** Fire due timers and end expired leases now (tests move a manual clock, then call this). */
  runDue(): Promise<void> {
    return this.#scheduler.runDue();
  }

  // ---- deploy and start ----------------------------------------------------------------

  deploy(resources: readonly DeployResource[], options: { orgId: string }): Promise<DeploymentResult> {
    return this.#deployer.deploy(resources, options.orgId);
  }

  async createInstance(request: CreateInstance): Promise<CreatedInstance> {
    const definition = await this.#definitionFor(request);
    const model = await this.#model(definition.key);
    const variables = checkVariables(request.variables, this.#maxVariableBytes);
    const startEventId = request.startEventId ?? model.root.noneStartId;
    if (!startEventId || !model.nodes.has(startEventId)) {
      throw new WeftError('NO_NONE_START_EVENT', `process '${definition.bpmnProcessId}' has no none start event to start at`);
    }
    const instance: InstanceRecord = {
      key: this.#keys.next(),
      definitionKey: definition.key,
      bpmnProcessId: definition.bpmnProcessId,
      version: definition.version,
      orgId: request.orgId,
      workspaceId: request.workspaceId,
      state: processInstanceLifecycle.initial,
      startedAt: this.clock.now(),
      endedAt: null,
      data: {},
    };
    const empty = { instance, elements: [], variables: [], jobs: [], timers: [], incidents: [], subscriptions: [] };
    await this.#runner.create(empty, (exec) => commands.startInstance(exec, startEventId, variables));
    return {
      processInstanceKey: String(instance.key),
      processDefinitionKey: String(definition.key),
      bpmnProcessId: definition.bpmnProcessId,
      version: definition.version,
    };
  }

  async #definitionFor(request: CreateInstance): Promise<DefinitionRecord> {
    let definition: DefinitionRecord | undefined;
    if (request.processDefinitionKey !== undefined) {
      definition = await this.store.getDefinition(parseKey(request.processDefinitionKey, 'processDefinitionKey'));
      if (definition && definition.orgId !== request.orgId) definition = undefined;
    } else if (request.bpmnProcessId !== undefined) {
      definition = await this.store.findDefinition(request.orgId, request.bpmnProcessId, request.version);
    } else {
      throw new WeftError('PROCESS_NOT_SPECIFIED', 'give bpmnProcessId or processDefinitionKey');
    }
    if (!definition) {
      const what = request.bpmnProcessId ?? String(request.processDefinitionKey);
      throw new WeftError('PROCESS_NOT_FOUND', `no deployed process '${what}'${request.version === undefined ? '' : ` version ${request.version}`}`);
    }
    return definition;
  }

  async #model(definitionKey: number): Promise<ProcessModel> {
    let model = this.#models.get(definitionKey);
    if (!model) {
      model = (async () => {
        const definition = await this.store.getDefinition(definitionKey);
        if (!definition) throw new WeftError('PROCESS_NOT_FOUND', `no process definition ${definitionKey}`);
        const result = await compileBpmn(definition.xml);
        const found = result.ok ? result.processes.find((p) => p.bpmnProcessId === definition.bpmnProcessId) : undefined;
        if (!found) throw new WeftError('DEFINITION_UNREADABLE', `stored definition ${definitionKey} no longer compiles`);
        return found;
      })();
      this.#models.set(definitionKey, model);
      model.catch(() => this.#models.delete(definitionKey));
    }
    return model;
  }

  // ---- jobs ----------------------------------------------------------------------------

  registerJobHandler(registration: JobHandlerRegistration): void {
    this.#handlers.register(registration);
    if (this.#started) void this.#feedHandlers();
  }

  // Job commands are async so that a refused input rejects the promise instead of throwing.
  async completeJob(jobKey: string | number, variables?: unknown): Promise<void> {
    const vars = checkVariables(variables, this.#maxVariableBytes);
    return this.#onJob(jobKey, (exec, key) => jobs.completeJob(exec, key, vars));
  }

  async failJob(jobKey: string | number, failure: { retries: number; errorMessage?: string; retryBackoffMs?: number; variables?: unknown }): Promise<void> {
    const vars = failure.variables === undefined ? undefined : checkVariables(failure.variables, this.#maxVariableBytes);
    return this.#onJob(jobKey, (exec, key) =>
      jobs.failJob(exec, key, {
        retries: failure.retries,
        errorMessage: failure.errorMessage ?? '',
        ...(failure.retryBackoffMs === undefined ? {} : { retryBackoffMs: failure.retryBackoffMs }),
        ...(vars ? { variables: vars } : {}),
      }),
    );
  }

  async throwError(jobKey: string | number, error: { errorCode: string; errorMessage?: string; variables?: unknown }): Promise<void> {
    if (typeof error.errorCode !== 'string' || error.errorCode === '') throw new WeftError('ERROR_CODE_MISSING', 'a thrown error needs an errorCode');
    const vars = checkVariables(error.variables, this.#maxVariableBytes);
    return this.#onJob(jobKey, (exec, key) => jobs.throwJobError(exec, key, error.errorCode, error.errorMessage ?? '', vars));
  }

  async updateJobRetries(jobKey: string | number, retries: number): Promise<void> {
    return this.#onJob(jobKey, (exec, key) => jobs.updateJobRetries(exec, key, retries));
  }

  async #onJob(jobKey: string | number, decide: (exec: Parameters<Parameters<CommandRunner['run']>[1]>[0], key: number) => void): Promise<void> {
    const key = parseKey(jobKey, 'jobKey');
    const job = await this.store.getJob(key);
    if (!job) throw new WeftError('JOB_NOT_FOUND', `job ${key} does not exist or is no longer active`);
    await this.#runner.run(job.instanceKey, (exec) => decide(exec, key));
  }

  /** Lease up to `maxJobs` activatable jobs of a type to an external worker. */
  async activateJobs(request: { type: string; maxJobs: number; timeoutMs: number; worker: string; workspaceId?: string }): Promise<Omit<ActivatedJob, 'signal'>[]> {
    const candidates = await this.store.activatableJobs(request.type, Math.max(1, Math.min(request.maxJobs, 1000)) * 2);
    const leased: Omit<ActivatedJob, 'signal'>[] = [];
    for (const candidate of candidates) {
      if (leased.length >= request.maxJobs) break;
      if (request.workspaceId !== undefined && candidate.workspaceId !== request.workspaceId) continue;
      const job = await this.#lease(candidate, request.worker, request.timeoutMs).catch(() => undefined);
      if (job) leased.push(job);
    }
    return leased;
  }

  #lease(job: JobRecord, worker: string, timeoutMs: number): Promise<Omit<ActivatedJob, 'signal'>> {
    return this.#runner.run(job.instanceKey, (exec) => {
      const leased = jobs.activateJob(exec, job.key, worker, exec.now + timeoutMs);
      return toActivatedJob(leased, visibleVariables(exec.draft, leased.elementInstanceKey));
    });
  }

  get #worker(): string {
    return `local:${this.runId}`;
  }

  #leaseOnCreate(type: string): { worker: string; deadline: number } | undefined {
    if (!this.#started || !this.#pool.hasRoom) return undefined;
    const found = this.#handlers.find(type);
    return found ? { worker: this.#worker, deadline: this.clock.now() + found.timeoutMs } : undefined;
  }

  /** Offer activatable jobs with an in-process handler to the pool. */
  async #feedHandlers(): Promise<void> {
    if (this.#handlers.isEmpty) return;
    for (const type of await this.store.activatableJobTypes()) {
      const found = this.#handlers.find(type);
      if (!found) continue;
      const page = await this.store.activatableJobs(type, 256);
      for (const job of page) {
        this.#dispatch(job);
        if (this.#starved) return;
      }
      // A full page: more may wait; feed again when the pool has room.
      if (page.length === 256) this.#starved = true;
    }
  }

  /** Set when a job with a handler was left waiting because the pool was full. */
  #starved = false;
  #feeding: Promise<void> | undefined;

  /** The pool has room again: feed it the jobs left waiting (one feed at a time). */
  #refeed(): void {
    if (!this.#starved || this.#feeding || !this.#started || !this.#pool.hasRoom) return;
    this.#starved = false;
    this.#feeding = this.#feedHandlers()
      .catch((error) => this.#onError(error, 'feeding job handlers'))
      .finally(() => (this.#feeding = undefined));
  }

  #dispatch(job: JobRecord): void {
    const found = this.#handlers.find(job.type);
    if (!found || !this.#started) return;
    if (!this.#pool.hasRoom) {
      this.#starved = true;
      return;
    }
    this.#lease(job, this.#worker, found.timeoutMs).then(
      (activated) => this.#pool.push(activated, found.handler),
      () => undefined, // someone else took it, or it is gone: nothing to do
    );
  }

  async #report(job: ActivatedJob, outcome: JobOutcome): Promise<void> {
    const key = Number(job.key);
    const notes = outcome.notes ?? [];
    const write = (exec: Parameters<Parameters<CommandRunner['run']>[1]>[0]) => {
      for (const note of notes) exec.draft.record(note.type, Number(job.elementInstanceKey), job.elementId, { ...note.data });
    };
    try {
      await this.#runner.run(Number(job.processInstanceKey), (exec) => {
        write(exec);
        if (outcome.kind === 'complete') {
          jobs.completeJob(exec, key, checkVariables(outcome.variables, this.#maxVariableBytes, 'job result'));
        } else if (outcome.kind === 'fail') {
          jobs.failJob(exec, key, {
            retries: outcome.retries ?? job.retries - 1,
            errorMessage: outcome.errorMessage,
            ...(outcome.retryBackoffMs === undefined ? {} : { retryBackoffMs: outcome.retryBackoffMs }),
            ...(outcome.variables ? { variables: checkVariables(outcome.variables, this.#maxVariableBytes) } : {}),
          });
        } else {
          jobs.throwJobError(exec, key, outcome.errorCode, outcome.errorMessage ?? '', checkVariables(outcome.variables, this.#maxVariableBytes));
        }
      });
    } catch (error) {
      if (error instanceof WeftError && (error.code === 'VARIABLE_TOO_LARGE' || error.code === 'VARIABLES_INVALID')) {
        // The handler's result cannot be stored: that is the handler's failure, not a crash.
        await this.#runner.run(Number(job.processInstanceKey), (exec) =>
          jobs.failJob(exec, key, { retries: job.retries - 1, errorMessage: error.message, retryBackoffMs: 0 }),
        );
        return;
      }
      if (error instanceof WeftError && (error.code === 'JOB_NOT_FOUND' || error.code === 'JOB_NOT_ACTIVATABLE' || error.code === 'PROCESS_INSTANCE_NOT_FOUND')) return;
      throw error;
    }
  }

  // ---- timers and deadlines ------------------------------------------------------------

  async #fireTimer(timer: TimerRecord): Promise<void> {
    if (timer.instanceKey !== null) {
      await this.#runner.run(timer.instanceKey, (exec) => commands.fireTimer(exec, timer));
      return;
    }
    // A timer start event: a new instance, and the timer rescheduled, in one transaction.
    const definition = await this.store.getDefinition(timer.definitionKey);
    if (!definition) return;
    const current = await this.store.getTimer(timer.key);
    if (!current) return;
    const model = await this.#model(definition.key);
    const instance: InstanceRecord = {
      key: this.#keys.next(), definitionKey: definition.key, bpmnProcessId: definition.bpmnProcessId, version: definition.version,
      orgId: definition.orgId, workspaceId: DEFAULT_WORKSPACE, state: processInstanceLifecycle.initial, startedAt: this.clock.now(), endedAt: null, data: {},
    };
    const empty = { instance, elements: [], variables: [], jobs: [], timers: [current], incidents: [], subscriptions: [] };
    await this.#runner.create(empty, (exec) => {
      exec.draft.deleteTimer(current.key);
      const next = nextSchedule(current.cycle, current.dueAt);
      if (next) exec.draft.putTimer({ ...current, key: exec.draft.keys.next(), dueAt: next.dueAt, cycle: next.cycle });
      if (!model.nodes.has(timer.elementId)) return;
      commands.startInstance(exec, timer.elementId, {});
    });
  }

  async #jobDeadline(job: JobRecord): Promise<void> {
    const changed = await this.#runner.run(job.instanceKey, (exec) => jobs.jobDeadlinePassed(exec, job.key));
    if (changed?.state === 'activatable') this.#dispatch(changed);
  }

  // ---- incidents, cancel, variables --------------------------------------------------

  async resolveIncident(incidentKey: string | number, options: { retries?: number; variables?: unknown } = {}): Promise<void> {
    const key = parseKey(incidentKey, 'incidentKey');
    const incident = await this.store.getIncident(key);
    if (!incident || incident.state !== 'active') throw new WeftError('INCIDENT_NOT_FOUND', `incident ${key} does not exist or is already resolved`);
    if (options.retries !== undefined && (!Number.isInteger(options.retries) || options.retries < 1)) {
      throw new WeftError('RETRIES_INVALID', `retries must be a positive integer, got ${options.retries}`);
    }
    const variables = options.variables === undefined ? undefined : checkVariables(options.variables, this.#maxVariableBytes);
    await this.#runner.run(incident.instanceKey, (exec) => {
      if (variables) commands.setVariables(exec, incident.instanceKey, variables, true);
      commands.resolveIncident(exec, key, options.retries);
    });
  }

  async cancelInstance(instanceKey: string | number): Promise<void> {
    const key = parseKey(instanceKey, 'processInstanceKey');
    await this.#runner.run(key, (exec) => {
      if (exec.draft.instance.state !== 'active') {
        throw new WeftError('PROCESS_INSTANCE_NOT_ACTIVE', `process instance ${key} is ${exec.draft.instance.state}; only active instances can be cancelled`);
      }
      commands.cancelInstance(exec);
    });
  }

  /** Set variables on the instance, or on one element instance's scope (`local`: no propagation). */
  async setVariables(instanceKey: string | number, variables: unknown, options: { scopeKey?: string | number; local?: boolean } = {}): Promise<void> {
    const key = parseKey(instanceKey, 'processInstanceKey');
    const vars = checkVariables(variables, this.#maxVariableBytes);
    const scopeKey = options.scopeKey === undefined ? key : parseKey(options.scopeKey, 'scopeKey');
    await this.#runner.run(key, (exec) => {
      if (exec.draft.instance.state !== 'active') throw new WeftError('PROCESS_INSTANCE_NOT_ACTIVE', `process instance ${key} is ${exec.draft.instance.state}`);
      commands.setVariables(exec, scopeKey, vars, options.local ?? false);
    });
  }

  // ---- messages ------------------------------------------------------------------------

  /**
   * Correlate a message to the oldest open subscription of the workspace with that name
   * and correlation key (intermediate catch event, receive task or boundary event). The
   * message is not buffered: with no subscription waiting, nothing happens and the
   * result is undefined (the caller decides — e.g. a webhook answers 422).
   */
  async correlateMessage(message: {
    name: string;
    correlationKey: string;
    workspaceId: string;
    variables?: unknown;
  }): Promise<{ processInstanceKey: string; elementId: string } | undefined> {
    const variables = checkVariables(message.variables, this.#maxVariableBytes);
    // A subscription can vanish between the query and the command: try the next one.
    for (let attempt = 0; attempt < 5; attempt++) {
      const [subscription] = await this.store.findSubscriptions(message.workspaceId, message.name, message.correlationKey, 1);
      if (!subscription) return undefined;
      const correlated = await this.#runner
        .run(subscription.instanceKey, (exec) => commands.correlateToSubscription(exec, subscription.key, variables))
        .catch((error: unknown) => {
          if (error instanceof WeftError && error.code === 'PROCESS_INSTANCE_NOT_FOUND') return false;
          throw error;
        });
      if (correlated) return { processInstanceKey: String(subscription.instanceKey), elementId: subscription.elementId };
    }
    return undefined;
  }

  // ---- deployed processes ------------------------------------------------------------

  /** Add a check every deployment must pass (e.g. webhook ids unique in an org). */
  addDeploymentValidator(validator: DeploymentValidator): void {
    this.#deployer.addValidator(validator);
  }

  /** The latest version of every process (of one org), compiled. */
  async latestProcesses(orgId?: string): Promise<{ definition: DefinitionRecord; model: ProcessModel }[]> {
    const latest = (await this.store.latestDefinitions()).filter((d) => orgId === undefined || d.orgId === orgId);
    return Promise.all(latest.map(async (definition) => ({ definition, model: await this.#model(definition.key) })));
  }

  /** The compiled model of a stored definition. */
  processModel(definitionKey: number): Promise<ProcessModel> {
    return this.#model(definitionKey);
  }

  // ---- waiting -------------------------------------------------------------------------

  /**
   * Wait until the instance ends, or nothing more can happen to it without outside input
   * (incident, a job no in-process handler takes, a message), or `timeoutMs` passes.
   */
  async awaitSettled(instanceKey: string | number, timeoutMs: number): Promise<InstanceOutcome> {
    const key = parseKey(instanceKey, 'processInstanceKey');
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const aggregate = await this.store.loadInstance(key);
      if (!aggregate) throw new WeftError('PROCESS_INSTANCE_NOT_FOUND', `process instance ${key} does not exist`);
      const busy = this.#runner.busy > 0 || this.#pool.load > 0;
      if (!busy && !canProgressAlone(aggregate, (type) => this.#handlers.find(type) !== undefined)) break;
      const left = deadline - Date.now();
      if (left <= 0) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, Math.min(left, busy ? 5 : 250));
        const off = this.events.onCommitted((event) => event.instanceKey === key && done());
        function done() {
          clearTimeout(timer);
          off();
          resolve();
        }
      });
    }
    return (await instanceOutcome(this.store, key))!;
  }

  /** Status, root variables and open incidents of an instance. */
  outcome(instanceKey: string | number): Promise<InstanceOutcome | undefined> {
    return instanceOutcome(this.store, parseKey(instanceKey, 'processInstanceKey'));
  }

  // ---- after commit ----------------------------------------------------------------------

  #afterCommit(draft: InstanceDraft): void {
    for (const job of draft.changedJobs()) {
      if (job.state === 'activated' && job.worker === this.#worker && draft.createdJobs().includes(job)) {
        const found = this.#handlers.find(job.type);
        if (found) this.#pool.push(toActivatedJob(job, visibleVariables(draft, job.elementInstanceKey)), found.handler);
      } else if (job.state === 'activatable') {
        this.#dispatch(job);
      } else if (job.state === 'backoff' && job.deadline !== null) {
        this.#scheduler.notify(job.deadline);
      }
    }
    for (const timer of draft.timers.values()) this.#scheduler.notify(timer.dueAt);
    this.events.emit(draft);
  }
}

const DEFAULT_WORKSPACE = 'default';

function toActivatedJob(job: JobRecord, variables: JsonObject): Omit<ActivatedJob, 'signal'> {
  return {
    key: String(job.key),
    type: job.type,
    processInstanceKey: String(job.instanceKey),
    bpmnProcessId: job.bpmnProcessId,
    elementId: job.elementId,
    elementInstanceKey: String(job.elementInstanceKey),
    workspaceId: job.workspaceId,
    orgId: job.orgId,
    retries: job.retries,
    deadline: job.deadline ?? 0,
    headers: JSON.parse(job.headers) as Record<string, string>,
    // A copy: the values are shared with the engine's cached instance state.
    variables: Object.keys(variables).length === 0 ? {} : structuredClone(variables),
  };
}

/** Parse a key given as string or number. @throws WeftError KEY_INVALID */
export function parseKey(value: string | number, what: string): number {
  const key = typeof value === 'number' ? value : /^\d{1,16}$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(key) || key <= 0) throw new WeftError('KEY_INVALID', `${what} must be a positive integer key, got '${String(value)}'`);
  return key;
}
