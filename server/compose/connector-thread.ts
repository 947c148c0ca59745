import { Worker } from 'node:worker_threads';
import { ChurnMap, WeftError, onCancelled, workerFile } from '../../core/index.js';
import type { ConnectorJob, ConnectorLogger, ConnectorOutcome } from '../../connectors/index.js';
import type { ConnectorWorkerData, FromConnectorThread, JobMessage, ToConnectorThread } from './connector-thread-messages.js';

/** How long `close` waits for the thread to end by itself. */
const CLOSE_GRACE_MS = 5_000;

interface Pending {
  readonly resolve: (outcome: ConnectorOutcome) => void;
  readonly unsubscribe: (() => void) | undefined;
}

/**
 * The main thread's side of the connector thread (`connector-worker.ts`): `execute` has the
 * contract of `ConnectorRuntime.execute` (never throws; every failure is an outcome). Jobs
 * of one turn of the event loop cross in one message; a job's cancellation follows it as a
 * message of its own. If the thread dies, the jobs it held fail (retryable) and the next
 * job starts a new thread. The thread is referenced only while jobs run, so an idle
 * runtime never keeps the process alive.
 */
export class ConnectorThread {
  readonly #data: ConnectorWorkerData;
  readonly #logger: ConnectorLogger | undefined;
  #worker: Worker | undefined;
  readonly #pending = new ChurnMap<Pending>();
  readonly #forgetting = new ChurnMap<() => void>();
  #batch: [number, JobMessage][] = [];
  #nextId = 1;
  #closed = false;

  private constructor(data: ConnectorWorkerData, logger: ConnectorLogger | undefined) {
    this.#data = data;
    this.#logger = logger;
  }

  /** Start the thread; resolves once its runtime is up (its vault opened), or throws why not. */
  static async start(data: ConnectorWorkerData, logger?: ConnectorLogger): Promise<ConnectorThread> {
    const thread = new ConnectorThread(data, logger);
    await thread.#spawn();
    return thread;
  }

  execute(job: ConnectorJob): Promise<ConnectorOutcome> {
    if (this.#closed) return Promise.resolve(stopped('the connector runtime is closed'));
    if (!this.#worker) {
      // The thread died: jobs start a new one (its start failing fails them, not the engine).
      return this.#spawn().then(
        () => this.execute(job),
        (error: unknown) => stopped(`the connector thread could not restart: ${(error as Error).message}`),
      );
    }
    const id = this.#nextId++;
    const { cancel, signal, ...message } = job;
    const onCancel = (reason: unknown): void => this.#post({ type: 'cancel', id, reason: reason instanceof Error ? reason.message : String(reason) });
    const cancellation = cancel ?? signal;
    const unsubscribe = cancellation ? onCancelled(cancellation, onCancel) : undefined;
    if (this.#pending.size === 0) this.#worker.ref();
    const outcome = new Promise<ConnectorOutcome>((resolve) => this.#pending.set(id, { resolve, unsubscribe }));
    if (this.#batch.push([id, message]) === 1) queueMicrotask(() => this.#sendBatch());
    return outcome;
  }

  /** Make the thread drop its cached domain allowlist of an org (after a change); resolves once it has. */
  forgetOrgSettings(orgId: string): Promise<void> {
    if (!this.#worker) return Promise.resolve();
    const id = this.#nextId++;
    this.#worker.ref();
    return new Promise((resolve) => {
      this.#forgetting.set(id, resolve);
      this.#post({ type: 'forget-org', id, orgId });
    });
  }

  /** Stop the thread abruptly, as a crash would: its jobs fail as retryable, the next job starts a new one. */
  async terminate(): Promise<void> {
    await this.#worker?.terminate();
  }

  /**
   * Stop the thread: jobs still running are cancelled (they fail as retryable), its
   * connections close and the thread ends by itself. One that has not ended after
   * `graceMs` (something outside Weft's control still holds its event loop) is terminated,
   * with a warning.
   */
  async close(graceMs = CLOSE_GRACE_MS): Promise<void> {
    this.#closed = true;
    const worker = this.#worker;
    if (!worker) return;
    this.#sendBatch();
    worker.ref();
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    this.#post({ type: 'close' });
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), graceMs)));
    if ((await Promise.race([exited, late])) === 'late') {
      this.#logger?.warn(`the connector thread did not stop within ${graceMs} ms of closing; terminating it`);
      await worker.terminate();
    }
    clearTimeout(timer);
  }

  #spawn(): Promise<void> {
    const worker = new Worker(workerFile(import.meta.url, './connector-worker.js', 'CONNECTOR_THREAD_FAILED', 'the connector thread'), { workerData: this.#data });
    return new Promise<void>((resolve, reject) => {
      let started = false;
      worker.on('message', (message: FromConnectorThread) => {
        if (message.type === 'ready') {
          started = true;
          this.#worker = worker;
          if (this.#pending.size === 0) worker.unref();
          resolve();
        } else if (message.type === 'start-failed') {
          reject(new WeftError(message.code ?? 'CONNECTOR_THREAD_FAILED', message.message));
        } else this.#receive(message);
      });
      worker.on('error', (error) => {
        if (!started) reject(error);
        else this.#logger?.warn('the connector thread failed', { error: error.message });
      });
      worker.once('exit', (code) => {
        if (!started) reject(new WeftError('CONNECTOR_THREAD_FAILED', `the connector thread exited during start (code ${code})`));
        if (this.#worker === worker) this.#worker = undefined;
        this.#failPending(`the connector thread stopped (exit code ${code})`);
      });
    });
  }

  #receive(message: Exclude<FromConnectorThread, { type: 'ready' } | { type: 'start-failed' }>): void {
    switch (message.type) {
      case 'outcomes':
        for (const [id, outcome] of message.outcomes) this.#settle(id, outcome);
        break;
      case 'forgotten':
        this.#forgetting.get(message.id)?.();
        this.#forgetting.delete(message.id);
        break;
      case 'log':
        if (message.level === 'warn') this.#logger?.warn(message.message, message.fields);
        else this.#logger?.debug?.(message.message, message.fields);
        return;
    }
    if (this.#pending.size === 0 && this.#forgetting.size === 0 && !this.#closed) this.#worker?.unref();
  }

  #settle(id: number, outcome: ConnectorOutcome): void {
    const pending = this.#pending.get(id);
    if (!pending) return;
    this.#pending.delete(id);
    pending.unsubscribe?.();
    pending.resolve(outcome);
  }

  #sendBatch(): void {
    if (this.#batch.length === 0) return;
    const jobs = this.#batch;
    this.#batch = [];
    this.#post({ type: 'execute', jobs });
  }

  #post(message: ToConnectorThread): void {
    this.#worker?.postMessage(message);
  }

  #failPending(why: string): void {
    this.#batch = [];
    for (const id of this.#pending.keys()) this.#settle(Number(id), stopped(why));
    for (const resolve of this.#forgetting.values()) resolve();
    this.#forgetting.clear();
  }
}

/** A job the thread could not run: retryable, like any transport failure. */
function stopped(message: string): ConnectorOutcome {
  return { kind: 'error', error: { code: 'CONNECTOR_THREAD_STOPPED', message }, retryable: true, exchanges: [] };
}
