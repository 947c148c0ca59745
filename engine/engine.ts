import { randomUUID } from 'node:crypto';
import { WeftError, systemClock } from '../core/index.js';
import type { Clock } from '../core/index.js';
import type { DefinitionRecord, EngineStore, JobRecord, TimerRecord } from '../models/index.js';
import { Deployer } from './deploy/deployer.js';
import { ProcessModels } from './deploy/process-models.js';
import type { DeployResource, DeploymentResult, DeploymentValidator } from './deploy/deployer.js';
import type { JobHandlerRegistration, LeasedJob } from './jobs/job-handler.js';
import { JobApi } from './jobs/job-api.js';
import type { ActivateJobsRequest, FailJobRequest, ThrowErrorRequest } from './jobs/job-api.js';
import { JobDispatcher } from './jobs/job-dispatcher.js';
import { parseKey } from './runtime/parse-key.js';
import type { ProcessModel } from './model/process-model.js';
import { CommandRunner } from './runtime/command-runner.js';
import * as jobs from './runtime/commands/job-commands.js';
import * as commands from './runtime/commands/instance-commands.js';
import type { InstanceDraft } from './runtime/instance-draft.js';
import { KeyGenerator } from './runtime/key-generator.js';
import { checkVariables, DEFAULT_MAX_VARIABLE_BYTES } from './runtime/variable-values.js';
import { Scheduler } from './scheduling/scheduler.js';
import { fireStartTimer } from './scheduling/start-timer.js';
import { EngineEvents } from './engine-events.js';
import { instanceOutcome } from './queries/instance-outcome.js';
import { awaitSettled } from './queries/await-settled.js';
import { newInstanceAggregate } from './runtime/new-instance.js';
import type { InstanceOutcome } from './queries/instance-outcome.js';

/** How an engine is built. */
export interface EngineOptions {
  readonly store: EngineStore;
  readonly clock?: Clock;
  /** Steps one command may take before remaining tokens stop with STEP_LIMIT_EXCEEDED. Default 10,000. */
  readonly stepBudget?: number;
  /** Largest JSON size of one variable. Default 1 MiB. */
  readonly maxVariableBytes?: number;
  /**
   * In-process job handlers running at once, per job type: each type has its own slots,
   * as each Zeebe job worker has its own `maxJobsActive`, so a type whose handlers are
   * slow or hang never holds up another. Default 64. A slot is free again when the
   * handler returns; writing its outcome (a durable commit) does not hold one.
   */
  readonly maxConcurrentJobs?: number;
  /**
   * Active instances whose state the engine keeps in memory after a command, so the next
   * command on them reads nothing from the database. Default 10,000. Past it the oldest
   * quarter (lowest keys) is dropped; they are read again when next needed.
   */
  readonly instanceCacheSize?: number;
  /** Re-check interval of the scheduler, ms. Default 1000. */
  readonly pollMs?: number;
  /**
   * The workspace an org's timer-started instances run in (their connectors use its
   * credentials and secrets). Default: `default`.
   */
  readonly timerStartWorkspace?: (orgId: string) => Promise<string>;
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
  readonly #jobs: JobDispatcher;
  readonly #jobApi: JobApi;
  readonly #scheduler: Scheduler;
  readonly #processes: ProcessModels;
  readonly #maxVariableBytes: number;
  readonly #onError: (error: unknown, what: string) => void;
  readonly #timerStartWorkspace: (orgId: string) => Promise<string>;
  #started = false;

  constructor(options: EngineOptions) {
    this.store = options.store;
    this.clock = options.clock ?? systemClock;
    this.runId = randomUUID().slice(0, 8);
    this.#keys = new KeyGenerator(options.store.maxKey);
    this.#processes = new ProcessModels(options.store);
    this.#timerStartWorkspace = options.timerStartWorkspace ?? (async () => 'default');
    this.#maxVariableBytes = options.maxVariableBytes ?? DEFAULT_MAX_VARIABLE_BYTES;
    this.#onError = options.onError ?? ((error, what) => console.error(`weft engine: ${what}:`, error));
    this.#jobs = new JobDispatcher({
      runner: () => this.#runner,
      store: this.store,
      clock: this.clock,
      worker: `local:${this.runId}`,
      maxConcurrentJobs: options.maxConcurrentJobs ?? 64,
      maxVariableBytes: this.#maxVariableBytes,
      onError: this.#onError,
    });
    this.#runner = new CommandRunner(
      this.store,
      this.clock,
      this.#keys,
      (key) => this.#processes.model(key),
      {
        stepBudget: options.stepBudget ?? 10_000,
        maxVariableBytes: this.#maxVariableBytes,
        leaseOnCreate: (type, headers) => this.#jobs.leaseOnCreate(type, headers),
      },
      (draft) => this.#afterCommit(draft),
      options.instanceCacheSize,
    );
    this.#jobApi = new JobApi(this.store, this.#runner, this.#jobs, this.#maxVariableBytes);
    this.#deployer = new Deployer(this.store, this.#keys, this.clock, (definition, model) => this.#processes.put(definition, model), (result, orgId) =>
      this.events.deployed(result, orgId),
    );
    this.#scheduler = new Scheduler(this.store, this.clock, {
      fireTimer: (timer) => this.#fireTimer(timer),
      jobDeadline: (job) => this.#jobDeadline(job),
      // Safety net: jobs that became activatable while nobody was looking get fed.
      tick: () => this.#jobs.refeed(true),
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
      if (job.worker !== `local:${this.runId}`) await this.#runner.run(job.instanceKey, (exec) => jobs.jobDeadlinePassed(exec, job.key, true)).catch(() => undefined);
    }
    this.#scheduler.start();
    await this.#jobs.start();
  }

  /** Stop taking work, let running handlers finish (graceful drain), stop timers. */
  async stop(graceMs = 10_000): Promise<void> {
    this.#started = false;
    await this.#scheduler.stop();
    await this.#jobs.drain(graceMs);
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
    const definition = await this.#processes.definitionFor(request);
    const model = await this.#processes.model(definition.key);
    const variables = checkVariables(request.variables, this.#maxVariableBytes);
    const startEventId = request.startEventId ?? model.root.noneStartId;
    if (!startEventId || !model.nodes.has(startEventId)) {
      throw new WeftError('NO_NONE_START_EVENT', `process '${definition.bpmnProcessId}' has no none start event to start at`);
    }
    const empty = newInstanceAggregate(definition, { key: this.#keys.next(), orgId: request.orgId, workspaceId: request.workspaceId, now: this.clock.now() });
    await this.#runner.create(empty, (exec) => commands.startInstance(exec, startEventId, variables));
    return {
      processInstanceKey: String(empty.instance.key),
      processDefinitionKey: String(definition.key),
      bpmnProcessId: definition.bpmnProcessId,
      version: definition.version,
    };
  }



  // ---- jobs ----------------------------------------------------------------------------

  registerJobHandler(registration: JobHandlerRegistration): void {
    this.#jobs.register(registration);
  }

  // Job commands are async so that a refused input rejects the promise instead of throwing.
  async completeJob(jobKey: string | number, variables?: unknown): Promise<void> {
    return this.#jobApi.complete(jobKey, variables);
  }

  async failJob(jobKey: string | number, failure: FailJobRequest): Promise<void> {
    return this.#jobApi.fail(jobKey, failure);
  }

  async throwError(jobKey: string | number, error: ThrowErrorRequest): Promise<void> {
    return this.#jobApi.throwError(jobKey, error);
  }

  async updateJobRetries(jobKey: string | number, retries: number): Promise<void> {
    return this.#jobApi.updateRetries(jobKey, retries);
  }

  /** Lease up to `maxJobs` activatable jobs of a type to an external worker. */
  activateJobs(request: ActivateJobsRequest): Promise<LeasedJob[]> {
    return this.#jobApi.activate(request);
  }

  // ---- timers and deadlines ------------------------------------------------------------

  async #fireTimer(timer: TimerRecord): Promise<void> {
    if (timer.instanceKey !== null) {
      await this.#runner.run(timer.instanceKey, (exec) => commands.fireTimer(exec, timer));
      return;
    }
    const deps = { store: this.store, runner: this.#runner, processes: this.#processes, keys: this.#keys, now: this.clock.now() };
    await fireStartTimer({ ...deps, workspaceFor: this.#timerStartWorkspace }, timer);
  }

  async #jobDeadline(job: JobRecord): Promise<void> {
    const changed = await this.#runner.run(job.instanceKey, (exec) => jobs.jobDeadlinePassed(exec, job.key));
    if (changed?.state === 'activatable') this.#jobs.dispatch(changed);
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
    return Promise.all(latest.map(async (definition) => ({ definition, model: await this.#processes.model(definition.key) })));
  }

  /** The compiled model of a stored definition. */
  processModel(definitionKey: number): Promise<ProcessModel> {
    return this.#processes.model(definitionKey);
  }

  // ---- waiting -------------------------------------------------------------------------

  /**
   * Wait until the instance ends, or nothing more can happen to it without outside input
   * (incident, a job no in-process handler takes, a message), or `timeoutMs` passes.
   */
  async awaitSettled(instanceKey: string | number, timeoutMs: number): Promise<InstanceOutcome> {
    const probe = {
      store: this.store,
      events: this.events,
      busy: () => this.#runner.busy > 0 || this.#jobs.load > 0,
      hasHandler: (type: string) => this.#jobs.hasHandler(type),
    };
    return awaitSettled(probe, parseKey(instanceKey, 'processInstanceKey'), timeoutMs);
  }


  /** Status, root variables and open incidents of an instance. */
  outcome(instanceKey: string | number): Promise<InstanceOutcome | undefined> {
    return instanceOutcome(this.store, parseKey(instanceKey, 'processInstanceKey'));
  }

  // ---- after commit ----------------------------------------------------------------------

  #afterCommit(draft: InstanceDraft): void {
    this.#jobs.afterCommit(draft, (at) => this.#scheduler.notify(at));
    for (const timer of draft.timers.values()) this.#scheduler.notify(timer.dueAt);
    this.events.emit(draft);
  }

}


export { parseKey };
