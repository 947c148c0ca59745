import { Worker } from 'node:worker_threads';
import { ChurnMap, WeftError, workerFile } from '../../../core/index.js';
import type { ChangeSet } from '../engine-store.js';
import { encodeChanges, extractJsonColumns } from './change-set-ops.js';
import type { CommitReply, CommitRequest, CommitWorkerData } from './commit-messages.js';

/**
 * The main thread's side of the commit thread (`commit-worker.ts`): change sets submitted
 * in one turn of the event loop go over in one message; each promise settles when the
 * thread reports its change set committed (and, when durable, fsynced). The thread is
 * referenced only while commits are outstanding, so an idle store never keeps the
 * process alive.
 */
/** Change sets per message during a burst (see `submit`). */
const SLICE = 16;

export class CommitThread {
  readonly #worker: Worker;
  readonly #waiting = new ChurnMap<{ resolve: () => void; reject: (error: Error) => void }>();
  /** Change sets submitted since the last message, as `CommitRequest` carries them. */
  #batch = emptyBatch();
  #scheduled = false;
  #nextId = 1;
  #broken: Error | undefined;
  #exited: Promise<void>;
  #idle: (() => void)[] = [];

  constructor(data: CommitWorkerData) {
    this.#worker = new Worker(workerFile(import.meta.url, './commit-worker.js', 'DB_WRITER_UNAVAILABLE', 'the database commit thread'), { workerData: data });
    this.#worker.unref();
    this.#worker.on('message', (reply: CommitReply) => this.#settle(reply));
    this.#worker.on('error', (error) => this.#break(error));
    this.#exited = new Promise((resolve) =>
      this.#worker.once('exit', (code) => {
        this.#break(new WeftError('DB_WRITER_STOPPED', `the database commit thread stopped (exit code ${code})`));
        resolve();
      }),
    );
  }

  /**
   * Commit a change set. It is serialized here, before this returns: the caller may
   * change its records afterwards.
   */
  submit(changes: ChangeSet): Promise<void> {
    if (this.#broken) return Promise.reject(this.#broken);
    const encoded = encodeChanges(changes);
    const columns = extractJsonColumns(encoded);
    const json = JSON.stringify(encoded);
    const id = this.#nextId++;
    if (this.#waiting.size === 0) this.#worker.ref();
    const settled = new Promise<void>((resolve, reject) => this.#waiting.set(id, { resolve, reject }));
    this.#batch.ids.push(id);
    this.#batch.json.push(json);
    this.#batch.columns.push(columns);
    // A burst of commands (one wave of job completions, say) goes over in slices, so the
    // commit thread writes the first ones while this thread still runs the rest.
    if (this.#batch.ids.length >= SLICE) this.#send();
    else if (!this.#scheduled) {
      this.#scheduled = true;
      setImmediate(() => this.flush());
    }
    return settled;
  }

  /** Send everything submitted so far now. */
  flush(): void {
    this.#scheduled = false;
    this.#send();
  }

  #send(): void {
    if (this.#batch.ids.length === 0 || this.#broken) return;
    const request: CommitRequest = { type: 'commit', ...this.#batch };
    this.#batch = emptyBatch();
    this.#worker.postMessage(request);
  }

  /** Answer what is outstanding, then stop the thread (it closes its connection). */
  async close(): Promise<void> {
    this.flush();
    if (this.#waiting.size > 0) await new Promise<void>((resolve) => this.#idle.push(resolve));
    if (!this.#broken) {
      this.#worker.ref();
      this.#worker.postMessage({ type: 'close' } satisfies CommitRequest);
    }
    await this.#exited;
  }

  #settle(reply: CommitReply): void {
    for (const id of reply.ok) {
      this.#waiting.get(id)?.resolve();
      this.#waiting.delete(id);
    }
    for (const [id, message, code] of reply.failed) {
      const error = Object.assign(new Error(message), code ? { code } : {});
      this.#waiting.get(id)?.reject(error);
      this.#waiting.delete(id);
    }
    if (this.#waiting.size === 0) this.#becameIdle();
  }

  #break(error: Error): void {
    this.#broken ??= error;
    this.#batch = emptyBatch();
    for (const waiter of this.#waiting.values()) waiter.reject(this.#broken);
    this.#waiting.clear();
    this.#becameIdle();
  }

  #becameIdle(): void {
    this.#worker.unref();
    const idle = this.#idle;
    this.#idle = [];
    for (const resolve of idle) resolve();
  }
}

function emptyBatch(): { ids: number[]; json: string[]; columns: string[][] } {
  return { ids: [], json: [], columns: [] };
}
