import { ChurnMap, WeftError } from '../../core/index.js';
import type { Clock } from '../../core/index.js';
import type { EngineStore, InstanceAggregate } from '../../models/index.js';
import type { ProcessModel } from '../model/process-model.js';
import { Execution } from './execution.js';
import type { ExecutionOptions } from './execution.js';
import { InstanceDraft } from './instance-draft.js';
import type { KeyGenerator } from './key-generator.js';
import { KeyedMutex } from './keyed-mutex.js';

/** Resolves a definition key to its compiled model (cached by the engine). */
export type ModelSource = (definitionKey: number) => Promise<ProcessModel>;

/** Called after a command's changes are durable, with the draft as it was committed. */
export type AfterCommit = (draft: InstanceDraft) => void;

/**
 * Runs commands: per process instance, one at a time — load the instance, decide in
 * memory (move tokens until every token waits), commit the changes in one transaction,
 * then announce them. A command that throws changes nothing.
 */
export class CommandRunner {
  readonly #store: EngineStore;
  readonly #clock: Clock;
  readonly #keys: KeyGenerator;
  readonly #models: ModelSource;
  readonly #options: ExecutionOptions;
  readonly #afterCommit: AfterCommit;
  readonly #locks = new KeyedMutex();
  /**
   * The committed draft of recently used active instances: the next command on the
   * instance starts from it instead of reading the database. An entry is taken out while
   * a command runs, so a failed command (which may have changed records in memory)
   * leaves nothing stale behind.
   */
  readonly #cache = new ChurnMap<InstanceDraft>();
  readonly #cacheSize: number;

  constructor(
    store: EngineStore,
    clock: Clock,
    keys: KeyGenerator,
    models: ModelSource,
    options: ExecutionOptions,
    afterCommit: AfterCommit,
    cacheSize = 10_000,
  ) {
    this.#cacheSize = cacheSize;
    this.#store = store;
    this.#clock = clock;
    this.#keys = keys;
    this.#models = models;
    this.#options = options;
    this.#afterCommit = afterCommit;
  }

  /** Run `decide` on an existing instance. */
  run<T>(instanceKey: number, decide: (exec: Execution) => T): Promise<T> {
    return this.#locks.run(instanceKey, async () => {
      const cached = this.#cache.get(instanceKey);
      this.#cache.delete(instanceKey);
      const from = cached ?? (await this.#store.loadInstance(instanceKey));
      if (!from) throw new WeftError('PROCESS_INSTANCE_NOT_FOUND', `process instance ${instanceKey} does not exist`);
      return this.#execute(from, false, decide);
    });
  }

  /** Run `decide` on a new instance built from `aggregate` (not yet stored). */
  create<T>(aggregate: InstanceAggregate, decide: (exec: Execution) => T): Promise<T> {
    return this.#locks.run(aggregate.instance.key, () => this.#execute(aggregate, true, decide));
  }

  /** Forget cached state (e.g. after the database was changed behind the engine's back). */
  clearCache(): void {
    this.#cache.clear();
  }

  async #execute<T>(from: InstanceAggregate | InstanceDraft, isNew: boolean, decide: (exec: Execution) => T): Promise<T> {
    const model = await this.#models(from.instance.definitionKey);
    const draft = new InstanceDraft(from, this.#keys, this.#clock.now(), isNew);
    const exec = new Execution(draft, model, this.#options);
    const result = decide(exec);
    exec.drain();
    await this.#store.commit(draft.toChangeSet());
    if (draft.instance.state === 'active') {
      this.#cache.set(draft.instance.key, draft);
      if (this.#cache.size > this.#cacheSize) this.#evict();
    }
    this.#afterCommit(draft);
    return result;
  }

  /**
   * Make room: drop the oldest quarter of the cached instances (the lowest keys) in one go,
   * so the cost of finding them is spread over many commands.
   */
  #evict(): void {
    const keys = this.#cache.keys().sort((a, b) => Number(a) - Number(b));
    const drop = keys.length >> 2 || 1;
    for (let i = 0; i < drop; i++) this.#cache.delete(keys[i]!);
  }

  /** Number of instances with commands queued or running. */
  get busy(): number {
    return this.#locks.size;
  }
}
